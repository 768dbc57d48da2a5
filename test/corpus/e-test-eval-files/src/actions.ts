import { openai } from "./client.js";

/** Action items as written by the model, one per line. */
export async function extractActions(transcript: string): Promise<string> {
  const res = await openai.chat.completions.create({
    model: "gpt-4.1-mini",
    messages: [
      { role: "system", content: "List the action items of this meeting, one per line, as `- owner: task`." },
      { role: "user", content: transcript.slice(0, 20_000) },
    ],
  });
  return res.choices[0]?.message?.content ?? "";
}
