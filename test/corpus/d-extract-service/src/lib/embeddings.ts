import { withBackoff } from "./backoff";

const API = process.env.EMBEDDINGS_URL ?? "https://api.openai.com/v1";

export async function embedBatch(texts: string[]): Promise<number[][]> {
  const { result } = await withBackoff(async () => {
    const res = await fetch(`${API}/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
      body: JSON.stringify({ model: "text-embedding-3-small", input: texts }),
      signal: AbortSignal.timeout(20_000),
    });
    if (!res.ok) throw { retry: res.status === 429 || res.status >= 500, error: new Error(`embeddings: ${res.status}`) };
    return (await res.json()) as { data: { index: number; embedding: number[] }[]; usage: { total_tokens: number } };
  });
  console.info("embedding tokens", result.usage.total_tokens);
  return result.data.sort((a, b) => a.index - b.index).map((d) => d.embedding);
}

export async function embedOne(text: string): Promise<number[]> {
  const [vector] = await embedBatch([text]);
  return vector ?? [];
}
