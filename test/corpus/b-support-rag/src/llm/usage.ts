// Callback handler that meters token usage for every chat model it is attached to.
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { LLMResult } from "@langchain/core/outputs";
import { metrics } from "../metrics";

class TokenUsageHandler extends BaseCallbackHandler {
  name = "token-usage";

  override async handleLLMEnd(output: LLMResult): Promise<void> {
    const usage = output.llmOutput?.tokenUsage ?? output.llmOutput?.usage;
    if (!usage) return;
    metrics.recordTokens(
      usage.promptTokens ?? usage.input_tokens ?? 0,
      usage.completionTokens ?? usage.output_tokens ?? 0,
    );
  }
}

export const tokenUsageHandler = new TokenUsageHandler();
