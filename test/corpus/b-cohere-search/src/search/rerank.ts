import { cohere } from "../cohere";
import type { DocChunk } from "./vectorIndex";

export interface RankedChunk extends DocChunk {
  score: number;
}

export async function rerankChunks(query: string, chunks: DocChunk[], topN = 5): Promise<RankedChunk[]> {
  if (chunks.length === 0) return [];
  try {
    const res = await cohere.rerank({
      model: "rerank-v3.5",
      query,
      documents: chunks.map((c) => `${c.title}\n${c.text}`),
      topN,
    });
    return res.results.map((r) => ({ ...chunks[r.index], score: r.relevanceScore }));
  } catch (err) {
    console.warn("rerank failed, keeping vector order", err);
    return chunks.slice(0, topN).map((c) => ({ ...c, score: 0 }));
  }
}
