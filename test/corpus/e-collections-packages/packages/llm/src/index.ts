import { openai } from "./client";

/** One-paragraph summary of a text. */
export async function summarize(text: string): Promise<string> {
  const res = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: `Summarize in one paragraph:\n${text}` }],
  });
  return res.choices[0]?.message.content ?? "";
}
