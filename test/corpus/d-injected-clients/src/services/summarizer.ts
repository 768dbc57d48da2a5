import type { ChatClient } from "../llm/types.js";

/** The client arrives through constructor options (dependency injection). */
export class Summarizer {
  constructor(private readonly opts: { client: ChatClient; model: string }) {}

  async summarize(text: string) {
    const res = await this.opts.client.chat.completions.create({
      model: this.opts.model,
      messages: [{ role: "user", content: `Summarize in three bullets:\n${text}` }],
    });
    return res.choices[0]?.message.content ?? "";
  }
}
