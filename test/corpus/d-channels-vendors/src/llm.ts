/** AI SDK calls whose vendor is named by the provider package, a provider factory or a registry id. */
import { createProviderRegistry, generateText, streamText } from "ai";
import { anthropic } from "@ai-sdk/anthropic";
import { createMistral } from "@ai-sdk/mistral";

const mistral = createMistral({ apiKey: process.env.MISTRAL_API_KEY });
const registry = createProviderRegistry({ anthropic, mistral });

/** The answer leaves through a ReadableStream fed by an un-awaited async function. */
export function answerStream(question: string) {
  return new ReadableStream<string>({
    start(controller) {
      void (async () => {
        const result = streamText({ model: anthropic("claude-3-5-haiku-latest"), prompt: question });
        for await (const t of result.textStream) controller.enqueue(t);
        controller.close();
      })();
    },
  });
}

/** A generator wrapper. */
export async function* streamAnswer(question: string) {
  const result = streamText({ model: createMistral({ apiKey: process.env.MISTRAL_API_KEY })("mistral-large-latest"), prompt: question });
  for await (const t of result.textStream) yield t;
}

/** A wrapper declared with overload signatures. */
export async function summarize(text: string): Promise<string>;
export async function summarize(text: string, asJson: true): Promise<{ summary: string }>;
export async function summarize(text: string, asJson?: boolean) {
  const { text: out } = await generateText({ model: mistral("mistral-small-latest"), prompt: `Summarize:\n${text}` });
  return asJson ? { summary: out } : out;
}

export async function classify(text: string) {
  const { text: label } = await generateText({ model: registry.languageModel("anthropic:claude-3-5-haiku-latest"), prompt: `One word for: ${text}` });
  return label.trim();
}

/** Goes one level deeper with what the model answered: a flow, not a wrapper. */
export async function refine(question: string, depth: number): Promise<string[]> {
  const { text } = await generateText({ model: anthropic("claude-3-5-haiku-latest"), prompt: `Follow-up questions for: ${question}` });
  const next = text.split("\n").filter(Boolean);
  if (depth <= 0) return next;
  const out = [...next];
  for (const q of next) out.push(...(await refine(q, depth - 1)));
  return out;
}

const handlers = {
  summary: (t: string) => summarize(t),
  label: (t: string) => classify(t),
};

export async function dispatch(kind: "summary" | "label", text: string) {
  const result = await handlers[kind](text);
  console.log(result);
}
