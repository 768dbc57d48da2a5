/**
 * The `recordUsage` helper the usage fix adds to the generated helper file (src/llm/resilience.ts by
 * default): one function that takes each SDK's usage object as the SDK returns it and writes one
 * structured log line with the token counts under common names.
 */
import type { HelperSnippet } from "../../../fixes/helperFile";

/**
 * Input/output/total counts under the names each SDK uses: OpenAI chat (`prompt_tokens`), OpenAI
 * responses, Anthropic and LangChain (`input_tokens`), the AI SDK and Bedrock (`inputTokens`), Google
 * (`promptTokenCount`), Mistral (`promptTokens`), Ollama (`prompt_eval_count`).
 */
const TS = `/** One model response's token usage, with the usage object as the SDK returns it. */
export interface UsageRecord {
  /** The provider the call went to (\`openai\`, \`anthropic\`, ...). */
  provider: string;
  /** The model that answered, when known. */
  model?: string | null;
  /** What the call was for (the function that made it), to see which feature spends the tokens. */
  feature?: string;
  /** \`usage\` (OpenAI, Anthropic, AI SDK, Bedrock), \`usageMetadata\` (Google), \`usage_metadata\` (LangChain); absent when the provider sent none. */
  usage: object | null | undefined;
}

const USAGE_TOKEN_KEYS = {
  input: ["input_tokens", "prompt_tokens", "inputTokens", "promptTokenCount", "promptTokens", "prompt_eval_count"],
  output: ["output_tokens", "completion_tokens", "outputTokens", "candidatesTokenCount", "completionTokens", "eval_count"],
  total: ["total_tokens", "totalTokens", "totalTokenCount"],
};

function usageTokens(usage: object | null | undefined, keys: readonly string[]): number | undefined {
  if (!usage) return undefined;
  for (const key of keys) {
    const value = (usage as Record<string, unknown>)[key];
    if (typeof value === "number") return value;
  }
  return undefined;
}

/**
 * Records the token usage of one model response as one JSON log line (\`event: "llm.usage"\`).
 * TODO(llm-readiness): send it to your metrics or billing store too, to see cost per feature and per user.
 */
export function recordUsage({ provider, model, feature, usage }: UsageRecord): void {
  const inputTokens = usageTokens(usage, USAGE_TOKEN_KEYS.input);
  const outputTokens = usageTokens(usage, USAGE_TOKEN_KEYS.output);
  const totalTokens =
    usageTokens(usage, USAGE_TOKEN_KEYS.total) ?? (inputTokens !== undefined && outputTokens !== undefined ? inputTokens + outputTokens : undefined);
  console.info(JSON.stringify({ event: "llm.usage", provider, model, feature, inputTokens, outputTokens, totalTokens, usage }));
}
`;

/** The same for JavaScript workspaces, written out rather than transpiled so it keeps the layout above. */
const JS = `const USAGE_TOKEN_KEYS = {
  input: ["input_tokens", "prompt_tokens", "inputTokens", "promptTokenCount", "promptTokens", "prompt_eval_count"],
  output: ["output_tokens", "completion_tokens", "outputTokens", "candidatesTokenCount", "completionTokens", "eval_count"],
  total: ["total_tokens", "totalTokens", "totalTokenCount"],
};

function usageTokens(usage, keys) {
  if (!usage) return undefined;
  for (const key of keys) {
    const value = usage[key];
    if (typeof value === "number") return value;
  }
  return undefined;
}

/**
 * Records the token usage of one model response as one JSON log line (\`event: "llm.usage"\`).
 * \`usage\` is the SDK's usage object as it returns it; \`model\` and \`feature\` (the function that made the call) are optional.
 * TODO(llm-readiness): send it to your metrics or billing store too, to see cost per feature and per user.
 *
 * @param {{ provider: string, model?: string | null, feature?: string, usage: object | null | undefined }} record
 */
export function recordUsage({ provider, model, feature, usage }) {
  const inputTokens = usageTokens(usage, USAGE_TOKEN_KEYS.input);
  const outputTokens = usageTokens(usage, USAGE_TOKEN_KEYS.output);
  const totalTokens =
    usageTokens(usage, USAGE_TOKEN_KEYS.total) ?? (inputTokens !== undefined && outputTokens !== undefined ? inputTokens + outputTokens : undefined);
  console.info(JSON.stringify({ event: "llm.usage", provider, model, feature, inputTokens, outputTokens, totalTokens, usage }));
}
`;

export const RECORD_USAGE: HelperSnippet = { name: "recordUsage", ts: TS, js: JS };
