/** Rejects abusive submissions before they reach an agent. */
import { openai } from "../lib/index.js";

export async function isFlagged(text: string): Promise<boolean> {
  const res = await openai.moderations.create({
    model: "omni-moderation-latest",
    input: text,
  });
  return res.results.some((r) => r.flagged);
}
