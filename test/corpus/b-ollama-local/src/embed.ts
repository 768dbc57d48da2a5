// Embeddings for `devmate index`; runs against a separate embedding box if configured.
import * as ollamaPkg from "ollama";
import pRetry from "p-retry";

const embedder = new ollamaPkg.Ollama({ host: process.env.DEVMATE_EMBED_HOST ?? "http://127.0.0.1:11434" });

export async function embedChunks(chunks: string[]): Promise<number[][]> {
  const res = await pRetry(
    () => embedder.embed({ model: "nomic-embed-text", input: chunks }),
    { retries: 3, minTimeout: 500 },
  );
  return res.embeddings;
}
