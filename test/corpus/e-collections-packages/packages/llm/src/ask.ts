import { openai } from "./client";

export async function ask(question: string, system = "Answer briefly."): Promise<string> {
  const res = await openai.chat.completions.create({
    model: "gpt-4o",
    messages: [
      { role: "system", content: system },
      { role: "user", content: question },
    ],
  });
  return res.choices[0]?.message.content ?? "";
}
