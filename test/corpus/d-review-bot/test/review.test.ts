import { describe, expect, it, vi } from "vitest";
import { claude } from "../src/clients";
import { reviewAndMeter } from "../src/review";

describe("reviewAndMeter", () => {
  it("returns the text blocks joined", async () => {
    vi.spyOn(claude.messages, "create").mockResolvedValue({
      content: [{ type: "text", text: "Looks good" }],
      usage: { input_tokens: 10, output_tokens: 3 },
    } as never);
    await expect(reviewAndMeter("diff --git a/x b/x")).resolves.toBe("Looks good");
  });
});
