// Brute-force in-memory index over pre-embedded doc chunks (loaded at boot).
export interface DocChunk {
  id: string;
  title: string;
  url: string;
  text: string;
  vector: number[];
}

export class VectorIndex {
  constructor(private readonly chunks: DocChunk[]) {}

  nearest(query: number[], k: number): DocChunk[] {
    return this.chunks
      .map((c) => ({ c, s: dot(query, c.vector) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, k)
      .map(({ c }) => c);
  }
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
