/** Model choices in one place, so swapping a vendor is a one-line change. */
import { openai } from "@ai-sdk/openai";
import { anthropic } from "@ai-sdk/anthropic";
import { google } from "@ai-sdk/google";

export const chatModel = openai("gpt-4o-mini");
export const reasoningModel = anthropic("claude-sonnet-4-20250514");
export const cheapModel = google("gemini-2.0-flash");
export const embeddingModel = openai.textEmbeddingModel("text-embedding-3-small");
