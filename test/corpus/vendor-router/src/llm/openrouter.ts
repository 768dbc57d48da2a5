/** Headline rewriting on OpenRouter. */
import { getClient } from "./vendors.js";

const openrouter = getClient("openrouter");
// Bound once so tests can swap `complete` for a stub without touching the client.
export const complete = openrouter.chat.completions.create.bind(openrouter.chat.completions);

export async function rewriteHeadline(headline: string): Promise<string> {
  const res = await complete({
    model: "anthropic/claude-3.5-haiku",
    messages: [{ role: "user", content: `Rewrite this headline to be clear and non-clickbait, max 12 words:\n${headline}` }],
  });
  return res.choices[0].message.content?.trim() ?? headline;
}
