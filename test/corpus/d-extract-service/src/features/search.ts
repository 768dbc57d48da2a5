import { embedBatch, embedOne } from "../lib/embeddings";

export interface Doc {
  id: string;
  text: string;
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

export async function rank(query: string, docs: Doc[]): Promise<Doc[]> {
  const q = await embedOne(query);
  const vectors = await embedBatch(docs.map((d) => d.text.slice(0, 2_000)));
  return docs.map((d, i) => ({ d, s: cosine(q, vectors[i]!) })).sort((x, y) => y.s - x.s).map((x) => x.d);
}
