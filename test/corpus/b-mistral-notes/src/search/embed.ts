// Embeds note chunks for semantic search. Separate client: batch jobs tolerate slow responses.
import { Mistral as MistralClient } from "@mistralai/mistralai";

const embedClient = new MistralClient({ apiKey: process.env.MISTRAL_API_KEY ?? "" });

export async function embedChunks(chunks: string[]): Promise<number[][]> {
  const res = await embedClient.embeddings.create({ model: "mistral-embed", inputs: chunks });
  return res.data.map((d) => d.embedding ?? []);
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / (Math.sqrt(na) * Math.sqrt(nb));
}
