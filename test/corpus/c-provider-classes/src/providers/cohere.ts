import { BaseLLM, type LLMOptions } from "../base.js";

export class Cohere extends BaseLLM {
  static defaultOptions: Partial<LLMOptions> = {
    apiBase: "https://api.cohere.ai/v2/",
    model: "command-r-plus",
  };

  async chat(messages: { role: "user" | "assistant"; content: string }[]): Promise<string> {
    const resp = await this.fetch(new URL("chat", this.apiBase), {
      method: "POST",
      headers: { Authorization: `Bearer ${this.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model: this.model, messages }),
    });
    const data = (await resp.json()) as any;
    return data.message.content[0].text;
  }

  async rerank(query: string, documents: string[]): Promise<number[]> {
    const resp = await this.fetch(new URL("rerank", this.apiBase), {
      method: "POST",
      headers: { Authorization: `Bearer ${this.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model: "rerank-v3.5", query, documents }),
    });
    const data = (await resp.json()) as any;
    return data.results.sort((a: any, b: any) => a.index - b.index).map((r: any) => r.relevance_score);
  }
}
