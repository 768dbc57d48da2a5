import { generateObject } from "ai";
import { openai } from "@ai-sdk/openai";
import { z } from "zod";

/** Suggests follow-up questions for an answer: a wrapper. */
export async function suggestFollowUps(answer: string): Promise<string[]> {
  const { object } = await generateObject({
    model: openai("gpt-4o-mini"),
    schema: z.object({ questions: z.array(z.string()).max(3) }),
    prompt: `Suggest up to three follow-up questions for this answer:\n${answer}`,
  });
  return object.questions;
}

/** Embeds a query for the note search: a wrapper. */
export async function embedQuery(text: string): Promise<number[]> {
  const { openai: client } = await import("./client");
  const res = await client.embeddings.create({ model: "text-embedding-3-small", input: text });
  return res.data[0].embedding;
}
