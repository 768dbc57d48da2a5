/** Scores how urgent a ticket is; the number the model gives is checked before use. */
import OpenAI from "openai";

const openai = new OpenAI({ timeout: 20_000 });

export async function urgencyOf(ticket: string): Promise<number> {
  const res = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    max_tokens: 2,
    messages: [{ role: "user", content: `From 0 to 9, how urgent is this ticket? Answer with one digit.\n\n${ticket}` }],
  });
  const raw = res.choices[0]?.message.content ?? "";
  let score = parseInt(raw, 10);
  if (Number.isNaN(score)) score = 5;
  return score;
}
