import { generateText } from "ai";
import { openai } from "@ai-sdk/openai";

const ROLES = { primary: "gpt-4.1", backup: "gpt-4.1-mini", research: "o4-mini" } as const;

export async function runWithRoles(prompt: string) {
  let lastMessage = "every role failed";
  for (const role of ["primary", "backup", "research"] as const) {
    try {
      const { text } = await generateText({ model: openai(ROLES[role]), prompt });
      return { role, text };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`role ${role} failed: ${message}`);
      lastMessage = message;
      if (/does not support tools/i.test(message)) {
        throw new Error(`model for ${role} cannot use tools`);
      }
    }
  }
  throw new Error(lastMessage);
}
