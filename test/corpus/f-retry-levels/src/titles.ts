import { generateText } from "ai";
import { openai } from "@ai-sdk/openai";

const styles = ["plain", "catchy", "formal"];

export async function titleFor(post: string): Promise<string> {
  let lastError: unknown;
  for (const style of styles) {
    try {
      const { text } = await generateText({ model: openai("gpt-4o-mini"), prompt: `Suggest a title for this post:\n${post}` });
      return text.trim();
    } catch (err) {
      lastError = err;
      console.warn(`title attempt (${style}) failed`);
    }
  }
  throw lastError;
}
