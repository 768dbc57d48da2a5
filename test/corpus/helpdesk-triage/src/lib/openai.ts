/** The one OpenAI client of the service: a 20 s deadline and 3 retries for every call. */
import OpenAI from "openai";

export const openai = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  timeout: 20_000,
  maxRetries: 3,
});

export const TRIAGE_MODEL = process.env.TRIAGE_MODEL ?? "gpt-4o-mini";
