import OpenAI from "openai";
import { Ranker } from "./ranker";

export class EmbeddingRanker extends Ranker {
  private openai = new OpenAI();

  protected async _score(query: string, passages: string[]): Promise<number[]> {
    const res = await this.openai.embeddings.create({ model: "text-embedding-3-small", input: [query, ...passages] });
    const [q, ...rest] = res.data.map((d) => d.embedding);
    return rest.map((v) => v.reduce((sum, x, i) => sum + x * (q?.[i] ?? 0), 0));
  }
}
