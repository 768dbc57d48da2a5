/** Stores token usage per feature so finance can see what triage costs. */
import type { CompletionUsage } from "openai/resources/completions";
import { UsageEvent } from "../models/UsageEvent.js";

export async function recordUsage(feature: string, model: string, usage: CompletionUsage | undefined) {
  if (!usage) return;
  await UsageEvent.create({
    feature,
    model,
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    at: new Date(),
  });
}
