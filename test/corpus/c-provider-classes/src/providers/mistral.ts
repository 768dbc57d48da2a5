import { BaseLLM } from "../base.js";

export class Mistral extends BaseLLM {
  apiBase = "https://api.mistral.ai/v1/";

  async complete(prompt: string): Promise<string> {
    const resp = await this.fetch(new URL("chat/completions", this.apiBase), {
      method: "POST",
      headers: { Authorization: `Bearer ${this.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model: this.model, messages: [{ role: "user", content: prompt }] }),
      signal: AbortSignal.timeout(20_000),
    });
    const data = (await resp.json()) as any;
    return data.choices[0].message.content;
  }
}
