import { openai } from "./client.js";

export async function rewriteTone(text: string, tone: "formal" | "friendly"): Promise<string> {
  const res = await openai.chat.completions.create({
    model: "gpt-4.1-mini",
    messages: [{ role: "user", content: `Rewrite in a ${tone} tone, same meaning:\n${text.slice(0, 6000)}` }],
  });
  return res.choices[0]?.message?.content ?? text;
}
