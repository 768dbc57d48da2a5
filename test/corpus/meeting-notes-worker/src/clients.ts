/** LLM clients of the worker, each with its own observability path. */
import OpenAI, { AzureOpenAI } from "openai";
import { observeOpenAI } from "langfuse";
import { wrapOpenAI } from "langsmith/wrappers";

// Long recordings take a while to summarize; the deadline is tuned per environment.
const base = new OpenAI({ timeout: Number(process.env.OPENAI_TIMEOUT_MS ?? 120_000) });

/** Main client, traced in Langfuse (tokens and cost per generation). */
export const openai = observeOpenAI(base, { generationName: "meeting-notes" });

/** Cheap one-shot calls, traced in LangSmith; failures fall back in the caller, so no retries. */
export const traced = wrapOpenAI(new OpenAI({ maxRetries: 0 }));

/** Action items run on our Azure deployment (data residency). */
export const azure = new AzureOpenAI({
  endpoint: process.env.AZURE_OPENAI_ENDPOINT,
  apiVersion: "2024-10-21",
  deployment: "gpt-4o-mini",
});

/** Image generation goes through Helicone for cost tracking. */
export const helicone = new OpenAI({
  baseURL: "https://oai.helicone.ai/v1",
  defaultHeaders: { "Helicone-Auth": `Bearer ${process.env.HELICONE_API_KEY}` },
});
