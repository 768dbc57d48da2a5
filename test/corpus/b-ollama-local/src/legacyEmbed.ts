// Pre-0.2 index format: one vector per file via the old /api/embeddings endpoint.
// Kept so `devmate index --legacy` can still update indexes made by old versions.
import ol from "ollama";

export async function embedFileLegacy(text: string): Promise<number[]> {
  const { embedding } = await ol.embeddings({ model: "nomic-embed-text", prompt: text });
  return embedding;
}
