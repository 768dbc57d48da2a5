// Extracts structured claim fields with a forced tool call.
import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import { z } from "zod";
import { CLAUDE_SONNET } from "../aws/clients";
import { logger } from "../logger";

export const ClaimFields = z.object({
  policyNumber: z.string().regex(/^POL-\d{8}$/),
  incidentDate: z.string(),
  claimType: z.enum(["auto", "home", "travel", "health"]),
  amountClaimed: z.number().nonnegative(),
});
export type ClaimFields = z.infer<typeof ClaimFields>;

const recordClaimTool = {
  toolSpec: {
    name: "record_claim",
    description: "Record the fields of an insurance claim.",
    inputSchema: {
      json: {
        type: "object",
        required: ["policyNumber", "incidentDate", "claimType", "amountClaimed"],
        properties: {
          policyNumber: { type: "string" },
          incidentDate: { type: "string", description: "ISO 8601 date" },
          claimType: { type: "string", enum: ["auto", "home", "travel", "health"] },
          amountClaimed: { type: "number" },
        },
      },
    },
  },
};

export async function extractClaimFields(client: BedrockRuntimeClient, text: string): Promise<ClaimFields> {
  const command = new ConverseCommand({
    modelId: CLAUDE_SONNET,
    system: [{ text: "Extract the claim fields from the customer's claim form." }],
    messages: [{ role: "user", content: [{ text }] }],
    toolConfig: { tools: [recordClaimTool], toolChoice: { tool: { name: "record_claim" } } },
    inferenceConfig: { maxTokens: 1024, temperature: 0 },
  });
  const response = await client.send(command);
  logger.info("bedrock usage", {
    step: "extract",
    inputTokens: response.usage?.inputTokens,
    outputTokens: response.usage?.outputTokens,
  });

  const toolUse = response.output?.message?.content?.find((c) => c.toolUse)?.toolUse;
  if (!toolUse) throw new Error("model did not call record_claim");
  return ClaimFields.parse(toolUse.input);
}
