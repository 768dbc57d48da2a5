/** One cached OpenAI-compatible client per vendor, all with the same retry budget. */
import { OpenAI as LLM } from "openai";

export type Vendor = "groq" | "openrouter" | "deepseek" | "gemini";

const BASE_URLS: Record<Vendor, string> = {
  groq: "https://api.groq.com/openai/v1",
  openrouter: "https://openrouter.ai/api/v1",
  deepseek: "https://api.deepseek.com",
  gemini: "https://generativelanguage.googleapis.com/v1beta/openai/",
};

const cache = new Map<Vendor, LLM>();

export function getClient(vendor: Vendor): LLM {
  let client = cache.get(vendor);
  if (!client) {
    client = new LLM({
      apiKey: process.env[`${vendor.toUpperCase()}_API_KEY`],
      baseURL: BASE_URLS[vendor],
      maxRetries: 1,
    });
    cache.set(vendor, client);
  }
  return client;
}
