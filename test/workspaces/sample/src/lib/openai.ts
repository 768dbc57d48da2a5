import OpenAI from "openai";

// Customers wait in the chat widget while we draft an answer, so we give up well before
// the SDK's 10 minute default and let the route fall back to a canned reply.
export const openai = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  timeout: 20_000,
  maxRetries: 3,
});

export const SUPPORT_MODEL = process.env.SUPPORT_MODEL ?? "gpt-4o-mini";
