/** Streams an answer grounded in retrieved doc chunks. */
import { getAnthropic } from "./anthropic.js";
import { ANSWER_SYSTEM } from "./prompts.js";

export function streamAnswer(question: string, context: string, signal?: AbortSignal) {
  const anthropic = getAnthropic();
  return anthropic.messages.stream(
    {
      model: "claude-sonnet-4-20250514",
      max_tokens: 2048,
      system: ANSWER_SYSTEM,
      messages: [{ role: "user", content: `<docs>\n${context}\n</docs>\n\nQuestion: ${question}` }],
    },
    { signal },
  );
}
