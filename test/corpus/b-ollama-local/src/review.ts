// Structured code review of a diff.
import { z } from "zod";
import { zodToJsonSchema } from "zod-to-json-schema";
import { local, REVIEW_MODEL } from "./ollama.js";

export const ReviewSchema = z.object({
  verdict: z.enum(["approve", "comment", "request-changes"]),
  findings: z.array(
    z.object({
      file: z.string(),
      line: z.number().int().nullable(),
      severity: z.enum(["nit", "minor", "major"]),
      message: z.string(),
    }),
  ),
});
export type Review = z.infer<typeof ReviewSchema>;

export async function reviewDiff(diff: string): Promise<Review> {
  const res = await local.chat({
    model: REVIEW_MODEL,
    format: zodToJsonSchema(ReviewSchema),
    options: { temperature: 0 },
    messages: [
      { role: "system", content: "You are a strict senior reviewer. Only report real problems." },
      { role: "user", content: diff },
    ],
  });
  console.error(`[devmate] review: ${res.prompt_eval_count} prompt + ${res.eval_count} output tokens`);
  return ReviewSchema.parse(JSON.parse(res.message.content));
}
