/** Lazily created shared Anthropic client for streaming answers. */
import Anthropic from "@anthropic-ai/sdk";

let client: Anthropic | null = null;

export function getAnthropic(): Anthropic {
  if (!client) {
    client = new Anthropic({
      apiKey: process.env.ANTHROPIC_API_KEY,
      timeout: Number(process.env.ANTHROPIC_TIMEOUT_MS ?? 60_000),
    });
  }
  return client;
}
