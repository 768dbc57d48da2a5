import OpenAI from "openai";

const client = new OpenAI();

export async function summarizeNote(text: string): Promise<string> {
  const res = await client.chat.completions.create({
    model: "gpt-4.1-mini",
    messages: [{ role: "user", content: `Summarize this note in two sentences:\n${text}` }],
  });
  return res.choices[0]?.message?.content ?? "";
}
