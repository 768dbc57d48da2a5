// Chat assistant for employees; answers with the helpdesk knowledge snippets it is given.
import type { ChatRequestMessageUnion } from "@azure/openai";
import { aoai, DEPLOYMENTS } from "../azure";

export interface Turn {
  role: "user" | "assistant";
  content: string;
}

export class HelpdeskAssistant {
  private readonly client = aoai;

  async answer(question: string, history: Turn[], snippets: string[]): Promise<string> {
    const messages: ChatRequestMessageUnion[] = [
      {
        role: "system",
        content: `You are Contoso's IT helpdesk assistant. Use these snippets:\n${snippets.join("\n---\n")}`,
      },
      ...history,
      { role: "user", content: question },
    ];
    const result = await this.client.getChatCompletions(DEPLOYMENTS.chat, messages, {
      temperature: 0.2,
      maxTokens: 600,
      requestOptions: { timeout: 25_000 },
    });
    console.log(`[aoai] ${DEPLOYMENTS.chat} total_tokens=${result.usage?.totalTokens}`);
    return result.choices[0]?.message?.content ?? "";
  }
}
