import { openai } from "./client";

export class Embedder {
  constructor(private readonly model = "text-embedding-3-small") {}

  async embed(text: string): Promise<{ vector: number[]; model: string }> {
    const res = await openai.embeddings.create({ model: this.model, input: text });
    return { vector: res.data[0].embedding, model: this.model };
  }
}
