/** Vendor-agnostic summary: the caller picks the client and the model. */
import type OpenAI from "openai";

export async function summarize(client: OpenAI, text: string, model: string): Promise<string> {
  const completion = await client.chat.completions.create({
    model,
    temperature: 0.2,
    messages: [
      { role: "system", content: "Summarize the article in 3 bullet points. Keep names and numbers exact." },
      { role: "user", content: text },
    ],
  });
  console.info(`[summarize] ${model} tokens=${completion.usage?.total_tokens ?? "?"}`);
  return completion.choices[0]?.message?.content ?? "";
}
