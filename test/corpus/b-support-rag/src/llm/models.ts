// Chat and embedding models shared by the support chains.
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import { ChatAnthropic } from "@langchain/anthropic";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { tokenUsageHandler } from "./usage";

export type ChatProvider = "openai" | "anthropic";

/** The answering model. Both providers get the same 30 s budget and 2 retries. */
export function getChatModel(provider: ChatProvider = "openai"): BaseChatModel {
  if (provider === "anthropic") {
    return new ChatAnthropic({
      model: "claude-3-5-haiku-latest",
      temperature: 0,
      maxRetries: 2,
      clientOptions: { timeout: 30_000 },
      callbacks: [tokenUsageHandler],
    });
  }
  return new ChatOpenAI({
    model: "gpt-4o-mini",
    temperature: 0,
    timeout: 30_000,
    maxRetries: 2,
    callbacks: [tokenUsageHandler],
  });
}

/** Cheap model for classification and extraction. Callers own retries, so the client does none. */
export const fastModel = new ChatOpenAI({
  model: "gpt-4o-mini",
  temperature: 0,
  maxRetries: 0,
});

export const embeddings = new OpenAIEmbeddings({ model: "text-embedding-3-small" });
