// "More like this": embeds episode summaries for the related-episodes rail.
import { together } from "../clients";

export async function embedForRelated(texts: string[]): Promise<number[][]> {
  const res = await together.embeddings.create({
    model: "BAAI/bge-large-en-v1.5",
    input: texts,
  });
  return res.data.map((d) => d.embedding);
}
