import { generateText, streamText, type LanguageModel } from "ai";
import { openai } from "@ai-sdk/openai";
import { anthropic } from "@ai-sdk/anthropic";
import { requestLimits } from "./tracing";

const MODELS: LanguageModel[] = [openai("gpt-4o-mini"), anthropic("claude-3-5-haiku-latest"), openai("gpt-4.1-nano")];

/** Tries each model in turn; an empty answer when all of them fail. */
export async function answerWithFailover(question: string): Promise<string> {
  for (let i = 0; i < MODELS.length; i++) {
    try {
      const { text } = await generateText({ model: MODELS[i]!, prompt: question, ...requestLimits(20_000) });
      return text;
    } catch (err) {
      console.warn(`model ${i} failed`, err);
      continue;
    }
  }
  return "";
}

export function streamChat(messages: { role: "user" | "assistant"; content: string }[]) {
  try {
    const result = streamText({ model: openai("gpt-4o-mini"), messages: messages.slice(-20), abortSignal: AbortSignal.timeout(60_000) });
    return result.toTextStreamResponse();
  } catch (err) {
    return new Response("The assistant is not available right now.", { status: 200 });
  }
}

export function streamDraft(topic: string) {
  const result = streamText({
    model: anthropic("claude-3-5-haiku-latest"),
    prompt: `Draft a short post about ${topic.slice(0, 200)}`,
    telemetry: { functionId: "draft" },
    onError({ error }) {
      console.error("draft stream failed", error);
    },
  });
  return result.textStream;
}

export async function outline(topic: string): Promise<string> {
  try {
    const result = streamText({ model: openai("gpt-4o-mini"), prompt: `Outline: ${topic.slice(0, 500)}`, maxRetries: 4 });
    let out = "";
    for await (const delta of result.textStream) out += delta;
    return out;
  } catch (err) {
    console.warn("outline failed, using a one-line outline", err);
    return `1. ${topic}`;
  }
}
