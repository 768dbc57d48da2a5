/** Product embeddings for semantic search. */
import { embed, embedMany } from "ai";
import { embeddingModel } from "./models";
import { recordUsage } from "@/lib/usage";

export async function embedQuery(query: string): Promise<number[]> {
  const { embedding } = await embed({ model: embeddingModel, value: query });
  return embedding;
}

export async function embedProducts(products: { name: string; description: string | null }[]) {
  const { embeddings, usage } = await embedMany({
    model: embeddingModel,
    values: products.map((p) => `${p.name}\n${p.description ?? ""}`),
    maxRetries: 5,
  });
  await recordUsage("system", "embed-products", { inputTokens: usage.tokens, outputTokens: 0, totalTokens: usage.tokens });
  return embeddings;
}
