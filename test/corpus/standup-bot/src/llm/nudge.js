/** Friendly reminder texts, streamed into the DM as they are written (AI SDK). */
import { streamText } from "ai";
import { anthropic } from "@ai-sdk/anthropic";

export async function streamNudge(userName, missedDays, onText) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15_000);
  const result = streamText({
    model: anthropic("claude-3-5-haiku-latest"),
    maxRetries: 0,
    abortSignal: controller.signal,
    prompt: `Write a one-sentence, kind reminder to ${userName}, who missed standup ${missedDays} days in a row.`,
    onFinish: ({ text }) => {
      clearTimeout(timer);
      console.log(`nudge for ${userName}: ${text.length} chars`);
    },
  });
  for await (const delta of result.textStream) onText(delta);
}
