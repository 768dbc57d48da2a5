import { openai } from "./client.js";

export async function titleFor(digest: string): Promise<string> {
  const res = await openai.chat.completions.create({
    model: "gpt-4.1-nano",
    messages: [{ role: "user", content: `A title of at most eight words for this meeting digest:\n${digest.slice(0, 4000)}` }],
  });
  return (res.choices[0]?.message?.content ?? "Meeting").trim();
}
