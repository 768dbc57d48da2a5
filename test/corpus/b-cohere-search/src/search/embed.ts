import { cohere } from "../cohere";

export async function embedQuery(query: string): Promise<number[]> {
  const res = await cohere.embed({
    model: "embed-english-v3.0",
    inputType: "search_query",
    embeddingTypes: ["float"],
    texts: [query],
  });
  const vector = res.embeddings.float?.[0];
  if (!vector) throw new Error("Cohere returned no float embedding");
  return vector;
}
