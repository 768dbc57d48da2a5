import OpenAI from "openai";

const client = new OpenAI({ timeout: 30_000 });

/** POST /api/ask: a JSON answer, or an error response when the model fails. */
export async function POST(req: Request): Promise<Response> {
  const { question } = (await req.json()) as { question: string };
  try {
    const completion = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: question.slice(0, 4_000) }],
    });
    console.info("ask tokens", completion.usage?.total_tokens);
    return Response.json({ answer: completion.choices[0]?.message.content ?? "" });
  } catch (err) {
    const status = (err as { status?: number }).status ?? 500;
    return new Response(JSON.stringify({ message: "The model request failed" }), { status });
  }
}
