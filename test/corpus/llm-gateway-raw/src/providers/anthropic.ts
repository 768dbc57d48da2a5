/** Anthropic Messages API over fetch, with our own backoff on 429/529/5xx. */
import { GatewayError, type ChatMessage, type ChatResult } from "../types.js";

const ANTHROPIC_BASE = process.env.ANTHROPIC_BASE_URL ?? "https://api.anthropic.com";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function anthropicChat(messages: ChatMessage[]): Promise<ChatResult> {
  const system = messages.filter((m) => m.role === "system").map((m) => m.content).join("\n");
  const body = JSON.stringify({
    model: "claude-3-5-haiku-latest",
    max_tokens: 1024,
    system,
    messages: messages.filter((m) => m.role !== "system"),
  });
  for (let attempt = 1; ; attempt++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      const res = await fetch(`${ANTHROPIC_BASE}/v1/messages`, {
        method: "POST",
        headers: {
          "x-api-key": process.env.ANTHROPIC_API_KEY ?? "",
          "anthropic-version": "2023-06-01",
          "content-type": "application/json",
        },
        body,
        signal: controller.signal,
      });
      if ((res.status === 429 || res.status === 529 || res.status >= 500) && attempt < 3) {
        await sleep(1000 * 2 ** attempt);
        continue;
      }
      if (!res.ok) throw new GatewayError("anthropic", res.status, await res.text());
      const data = (await res.json()) as { content: { type: string; text?: string }[] };
      const text = data.content.filter((b) => b.type === "text").map((b) => b.text).join("");
      return { vendor: "anthropic", text };
    } catch (err) {
      if (err instanceof GatewayError) throw err;
      throw new GatewayError("anthropic", 0, String(err));
    } finally {
      clearTimeout(timer);
    }
  }
}
