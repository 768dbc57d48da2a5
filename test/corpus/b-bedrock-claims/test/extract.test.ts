import { beforeEach, describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import { extractClaimFields } from "../src/claims/extract";

const bedrockMock = mockClient(BedrockRuntimeClient);

function toolAnswer(input: Record<string, unknown>) {
  return {
    output: {
      message: {
        role: "assistant" as const,
        content: [{ toolUse: { toolUseId: "t1", name: "record_claim", input: input as never } }],
      },
    },
    stopReason: "tool_use" as const,
    usage: { inputTokens: 812, outputTokens: 64, totalTokens: 876 },
    metrics: { latencyMs: 900 },
  };
}

describe("extractClaimFields", () => {
  beforeEach(() => bedrockMock.reset());

  it("returns the validated tool input", async () => {
    bedrockMock.on(ConverseCommand).resolves(
      toolAnswer({ policyNumber: "POL-12345678", incidentDate: "2024-11-02", claimType: "auto", amountClaimed: 1830 }),
    );
    const fields = await extractClaimFields(new BedrockRuntimeClient({}), "claim form text");
    expect(fields.claimType).toBe("auto");
    expect(fields.amountClaimed).toBe(1830);
  });

  it("rejects a malformed policy number", async () => {
    bedrockMock.on(ConverseCommand).resolves(
      toolAnswer({ policyNumber: "12345", incidentDate: "2024-11-02", claimType: "auto", amountClaimed: 10 }),
    );
    await expect(extractClaimFields(new BedrockRuntimeClient({}), "claim form text")).rejects.toThrow();
  });
});
