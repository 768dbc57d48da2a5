import { generateObject } from "ai";
import { openai } from "@ai-sdk/openai";
import type { z } from "zod";

export async function extractTasks<T extends z.ZodTypeAny>(input: { text: string; schema?: T }) {
  if (!input.text) throw new Error("Text is required for extraction");
  if (!input.schema) throw new Error(`Schema is required for ${"extraction"}`);
  const { object } = await generateObject({ model: openai("gpt-4.1-mini"), schema: input.schema, prompt: input.text });
  return object;
}
