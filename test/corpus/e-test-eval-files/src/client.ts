import OpenAI from "openai";

/** One client for the kit: 30 s per request, the SDK's own retries. */
export const openai = new OpenAI({ timeout: 30_000 });
