/** OpenAI chat completions over plain fetch, retried with p-retry. */
import pRetry, { AbortError } from "p-retry";
import { OPENAI_CHAT_URL, REQUEST_TIMEOUT_MS } from "../config.js";
import { log } from "../lib/log.js";
import type { ChatMessage, ChatResult } from "../types.js";

interface OpenAIChatResponse {
  choices: { message: { content: string | null } }[];
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export async function openaiChat(messages: ChatMessage[], model = "gpt-4o-mini"): Promise<ChatResult> {
  const data = await pRetry(
    async () => {
      const res = await fetch(OPENAI_CHAT_URL, {
        method: "POST",
        headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}`, "Content-Type": "application/json" },
        body: JSON.stringify({ model, messages }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (res.status === 400 || res.status === 401) throw new AbortError(`OpenAI rejected the request: ${res.status}`);
      if (!res.ok) throw new Error(`OpenAI ${res.status}`);
      return (await res.json()) as OpenAIChatResponse;
    },
    { retries: 3, minTimeout: 500 },
  );
  log.info({ vendor: "openai", model, usage: data.usage }, "completion");
  return { vendor: "openai", text: data.choices[0]?.message.content ?? "" };
}
