/** Upstream health probe for the status page. */
import { log } from "./lib/log.js";

// Anthropic has no cheap GET probe we trust; its endpoint is https://api.anthropic.com/v1/messages (see providers/anthropic.ts).
export async function checkUpstreams(): Promise<Record<string, boolean>> {
  const res = await fetch("https://api.openai.com/v1/models", {
    headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
    signal: AbortSignal.timeout(5_000),
  });
  log.info(`upstream check: GET https://api.openai.com/v1/models -> ${res.status}`);
  return { openai: res.ok };
}
