/** Translation engines behind one interface; both are OpenAI-compatible chat endpoints. */
import OpenAI from "openai";
import { getClient } from "./vendors.js";

export interface CompletionEngine {
  readonly name: string;
  complete(prompt: string): Promise<string>;
}

export class GroqEngine implements CompletionEngine {
  readonly name = "groq";
  private readonly client: OpenAI;

  constructor() {
    this.client = new OpenAI({
      baseURL: "https://api.groq.com/openai/v1",
      apiKey: process.env.GROQ_API_KEY,
      maxRetries: 2,
    });
  }

  async complete(prompt: string): Promise<string> {
    const res = await this.client.chat.completions.create({
      model: "llama-3.3-70b-versatile",
      messages: [{ role: "user", content: prompt }],
    });
    return res.choices[0].message.content ?? "";
  }
}

export class DeepSeekEngine implements CompletionEngine {
  readonly name = "deepseek";

  async complete(prompt: string): Promise<string> {
    const client = getClient("deepseek");
    const res = await client.chat.completions.create({
      model: "deepseek-chat",
      messages: [{ role: "user", content: prompt }],
    });
    return res.choices[0].message.content ?? "";
  }
}

export function engineFor(lang: string): CompletionEngine {
  // DeepSeek is noticeably better for CJK; Groq is faster for everything else.
  return ["zh", "ja", "ko"].includes(lang) ? new DeepSeekEngine() : new GroqEngine();
}
