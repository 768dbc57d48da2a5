/** Gemini through its OpenAI-compatible endpoint: topic tags and embeddings. */
import { getClient } from "./vendors.js";

export async function suggestTags(headline: string, body: string): Promise<string[]> {
  const completion = await getClient("gemini").chat.completions.create({
    model: "gemini-2.0-flash",
    response_format: { type: "json_object" },
    messages: [
      { role: "system", content: 'Return {"tags": string[]} with at most 5 lowercase topic tags.' },
      { role: "user", content: `${headline}\n\n${body.slice(0, 4000)}` },
    ],
  });
  return JSON.parse(completion.choices[0].message.content!).tags as string[];
}

export async function embedArticle(text: string): Promise<number[]> {
  const gemini = getClient("gemini");
  const res = await gemini.embeddings.create({ model: "text-embedding-004", input: text });
  return res.data[0].embedding;
}
