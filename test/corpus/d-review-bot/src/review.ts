import { z } from "zod";
import { claude, gpt } from "./clients";
import { meter } from "./metering";

const Finding = z.object({ file: z.string(), line: z.number().int(), message: z.string() });
const Findings = z.array(Finding);

/** Returns the review text and its token counts; the caller meters them. */
export async function reviewDiff(diff: string): Promise<{ text: string; inputTokens: number; outputTokens: number }> {
  const msg = await claude.messages.create({
    model: "claude-sonnet-4-20250514",
    max_tokens: 2_000,
    messages: [{ role: "user", content: `Review this diff:\n${diff.slice(0, 40_000)}` }],
  });
  const text = msg.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("\n");
  return { text, inputTokens: msg.usage.input_tokens, outputTokens: msg.usage.output_tokens };
}

export async function reviewAndMeter(diff: string): Promise<string> {
  const { text, inputTokens, outputTokens } = await reviewDiff(diff);
  meter.record("review", inputTokens + outputTokens);
  return text;
}

/** Structured findings; a malformed answer gives no findings, anything else fails the review. */
export async function findings(diff: string) {
  try {
    const res = await gpt.chat.completions.create({
      model: "gpt-4.1-mini",
      response_format: { type: "json_object" },
      messages: [{ role: "user", content: `List review findings as {"findings": [...]}:\n${diff.slice(0, 30_000)}` }],
    });
    const parsed = Findings.safeParse(JSON.parse(res.choices[0]?.message.content ?? "{}").findings);
    return parsed.success ? parsed.data : [];
  } catch (err) {
    if (err instanceof SyntaxError) return [];
    throw err;
  }
}

/** Streams the review to a writer, metering the usage event at the end of the stream. */
export async function streamReview(diff: string, write: (chunk: string) => void): Promise<void> {
  const stream = claude.messages.stream({
    model: "claude-3-5-haiku-latest",
    max_tokens: 1_500,
    messages: [{ role: "user", content: `Review briefly:\n${diff.slice(0, 20_000)}` }],
  });
  stream.on("text", (t) => write(t));
  stream.on("error", (err) => {
    console.error("review stream failed", err);
    write("\n(review unavailable, showing the diff stats instead)\n");
  });
  const final = await stream.finalMessage();
  meter.record("stream-review", final.usage.input_tokens + final.usage.output_tokens);
}
