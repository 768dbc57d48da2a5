import OpenAI from "openai";

const openai = new OpenAI();

export async function embedText(text: string): Promise<number[]> {
  const res = await openai.embeddings.create({ model: "text-embedding-3-small", input: text });
  return res.data[0]!.embedding;
}
