import OpenAI from "openai";

const openai = new OpenAI();

export async function POST(req: Request) {
  const { text } = (await req.json()) as { text: string };
  const completion = await openai.chat.completions.create({
    model: "gpt-4.1-mini",
    messages: [{ role: "user", content: `Summarize:\n${text.slice(0, 8000)}` }],
  });
  return Response.json({ summary: completion.choices[0]?.message?.content ?? "" });
}
