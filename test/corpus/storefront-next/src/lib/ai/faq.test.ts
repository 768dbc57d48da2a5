import { describe, it, expect, vi } from "vitest";

vi.mock("./models", async () => {
  const { MockLanguageModelV2 } = await import("ai/test");
  return {
    chatModel: new MockLanguageModelV2({
      modelId: "primary",
      doGenerate: async () => {
        throw new Error("503 Service Unavailable");
      },
    }),
    cheapModel: new MockLanguageModelV2({
      modelId: "backup",
      doGenerate: async () => ({
        content: [{ type: "text", text: "Returns are free within 30 days." }],
        finishReason: "stop",
        usage: { inputTokens: 12, outputTokens: 8, totalTokens: 20 },
        warnings: [],
      }),
    }),
  };
});

import { answerFaq } from "./faq";

describe("answerFaq", () => {
  it("falls through to the next model when the first one fails", async () => {
    await expect(answerFaq("Can I return shoes?")).resolves.toBe("Returns are free within 30 days.");
  });
});
