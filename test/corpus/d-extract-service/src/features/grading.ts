import { generateObject, generateText } from "ai";
import { openai } from "@ai-sdk/openai";
import { z } from "zod";

const Grade = z.object({ score: z.number().min(0).max(1), reason: z.string() });

function gradeOptions(answer: string) {
  return {
    model: openai("gpt-4o-mini"),
    schema: Grade,
    prompt: `Grade this answer from 0 to 1:\n${answer.slice(0, 4_000)}`,
    maxRetries: 1,
    abortSignal: AbortSignal.timeout(25_000),
  };
}

/** A neutral score when the grader is unavailable, so a batch goes on. */
export async function gradeAnswer(answer: string): Promise<number> {
  try {
    const { object, usage } = await generateObject({ ...gradeOptions(answer) });
    console.info("grading tokens", usage.totalTokens);
    return object.score;
  } catch (err) {
    console.warn("grader failed, neutral score", err);
    return 0;
  }
}

/** Asks for a verdict in plain text and reads it by keyword. */
export async function verdict(claim: string): Promise<"true" | "false" | "unsure"> {
  const { text } = await generateText({ model: openai("gpt-4o-mini"), prompt: `Is this claim true? Answer TRUE, FALSE or UNSURE.\n${claim.slice(0, 2_000)}` });
  try {
    const word = text.trim().toUpperCase();
    return word.startsWith("TRUE") ? "true" : word.startsWith("FALSE") ? "false" : "unsure";
  } catch {
    return "unsure";
  }
}
