/** Embeds knowledge-base passages in batches and meters the tokens spent. */
import outbound from "./http/shared";

const EMBED_URL = "https://api.jina.ai/v1/embeddings";

interface EmbedResponse {
  data: { index: number; embedding: number[] }[];
  usage?: { total_tokens: number };
}

async function embedBatch(passages: string[]): Promise<{ vectors: number[][]; spent: number }> {
  let spent = 0;
  const res = await outbound.post<EmbedResponse>(
    EMBED_URL,
    { model: "jina-embeddings-v3", input: passages },
    { headers: { Authorization: `Bearer ${process.env.JINA_API_KEY}` } },
  );
  spent += res.data.usage?.total_tokens ?? 0;
  return { vectors: res.data.data.map((d) => d.embedding), spent };
}

export async function embedPassages(passages: string[], ledger: { charge(kind: string, tokens: number): void }): Promise<number[][]> {
  const vectors: number[][] = [];
  let tokens = 0;
  for (let i = 0; i < passages.length; i += 32) {
    const batch = await embedBatch(passages.slice(i, i + 32));
    vectors.push(...batch.vectors);
    tokens += batch.spent;
  }
  ledger.charge("embeddings", tokens);
  return vectors;
}
