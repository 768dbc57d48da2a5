// Two ways to get free text out of a local model; the commit command can use either.
import type { Ollama as OllamaClient } from "ollama";

export interface TextEngine {
  generate(prompt: string): Promise<string>;
}

export class ChatEngine implements TextEngine {
  constructor(
    private readonly client: OllamaClient,
    private readonly model: string,
  ) {}

  async generate(prompt: string): Promise<string> {
    const res = await this.client.chat({ model: this.model, messages: [{ role: "user", content: prompt }] });
    return res.message.content;
  }
}

export class CompletionEngine implements TextEngine {
  constructor(
    private readonly client: OllamaClient,
    private readonly model: string,
  ) {}

  async generate(prompt: string): Promise<string> {
    const res = await this.client.generate({ model: this.model, prompt, options: { temperature: 0.2 } });
    return res.response ?? "";
  }
}
