import OpenAI from "openai";

/** The client is built in the base class's constructor and used by subclasses. */
abstract class BaseAgent {
  protected client: OpenAI;
  constructor() {
    this.client = new OpenAI({ timeout: 30_000, maxRetries: 4 });
  }
}

export class Writer extends BaseAgent {
  async draft(topic: string) {
    const res = await this.client.responses.create({ model: "gpt-4.1-mini", input: `Draft a post about ${topic}` });
    return res.output_text;
  }
}
