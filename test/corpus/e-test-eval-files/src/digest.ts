import { openai } from "./client.js";

export async function digestMeeting(transcript: string): Promise<string> {
  const res = await openai.chat.completions.create({
    model: "gpt-4.1-mini",
    messages: [
      { role: "system", content: "Write a meeting digest: decisions, owners, open questions." },
      { role: "user", content: transcript.slice(0, 20_000) },
    ],
  });
  return res.choices[0]?.message?.content ?? "";
}
