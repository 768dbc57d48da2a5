/** Cohere v2 embeddings. */
import { REQUEST_TIMEOUT_MS } from "../config.js";

export async function cohereEmbed(texts: string[]): Promise<number[][]> {
  const res = await fetch("https://api.cohere.com/v2/embed", {
    method: "POST",
    headers: { Authorization: `Bearer ${process.env.COHERE_API_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      model: "embed-english-v3.0",
      texts,
      input_type: "search_document",
      embedding_types: ["float"],
    }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`cohere ${res.status}`);
  const data = (await res.json()) as { embeddings: { float: number[][] } };
  return data.embeddings.float;
}
