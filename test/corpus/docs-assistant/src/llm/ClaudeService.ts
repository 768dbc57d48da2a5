/** Claude access for the assistant: our deadline and retry policy, token metering, tool-based extraction. */
import Anthropic from "@anthropic-ai/sdk";
import type { MessageParam } from "@anthropic-ai/sdk/resources/messages";
import { z } from "zod";
import { metrics } from "../telemetry/metrics.js";

const DEFAULT_MODEL = "claude-sonnet-4-20250514";

export class ClaudeService {
  private client = new Anthropic({ timeout: 45_000, maxRetries: 4 });

  /** Plain completion; returns the concatenated text blocks. */
  async complete(messages: MessageParam[], system?: string): Promise<string> {
    const msg = await this.client.messages.create({
      model: DEFAULT_MODEL,
      max_tokens: 1024,
      system,
      messages,
    });
    metrics.tokens.add(msg.usage.input_tokens + msg.usage.output_tokens, { model: msg.model });
    return msg.content
      .filter((block) => block.type === "text")
      .map((block) => block.text)
      .join("");
  }

  /** Forces a single tool call and validates its input against `schema`; null when it does not match. */
  async extract<T>(schema: z.ZodType<T>, instructions: string, document: string): Promise<T | null> {
    const msg = await this.client.messages.create({
      model: "claude-3-5-haiku-latest",
      max_tokens: 1024,
      tools: [
        {
          name: "record",
          description: "Record the extracted fields",
          input_schema: z.toJSONSchema(schema) as Anthropic.Tool.InputSchema,
        },
      ],
      tool_choice: { type: "tool", name: "record" },
      messages: [{ role: "user", content: `${instructions}\n\n<document>\n${document}\n</document>` }],
    });
    const call = msg.content.find((block) => block.type === "tool_use");
    const parsed = schema.safeParse(call?.input);
    return parsed.success ? parsed.data : null;
  }
}
