/** Local models through Ollama; fetch has no deadline of its own, so we race a timer. */
import { log } from "../lib/log.js";
import type { ChatMessage } from "../types.js";

const OLLAMA_HOST = process.env.OLLAMA_HOST ?? "http://localhost:11434";

function deadline(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms));
}

export async function ollamaChat(messages: ChatMessage[], model = "llama3.2"): Promise<string> {
  const res = await Promise.race([
    fetch(`${OLLAMA_HOST}/api/chat`, {
      method: "POST",
      body: JSON.stringify({ model, messages, stream: false }),
    }),
    deadline(45_000),
  ]);
  const data = (await res.json()) as { message: { content: string }; prompt_eval_count: number; eval_count: number };
  log.info({ vendor: "ollama", model, promptTokens: data.prompt_eval_count, outputTokens: data.eval_count }, "completion");
  return data.message.content;
}
