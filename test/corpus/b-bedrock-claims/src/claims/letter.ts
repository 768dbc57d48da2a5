// Drafts the decision letter; adjusters edit it before sending.
import { InvokeModelWithResponseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { bedrockFailFast, CLAUDE_HAIKU } from "../aws/clients";

const decoder = new TextDecoder();

export function templateLetter(customer: string, decision: string): string {
  return `Dear ${customer},\n\nWe have reviewed your claim. Decision: ${decision}.\n\nKind regards,\nClaims Team`;
}

export async function draftDecisionLetter(customer: string, decision: string, notes: string): Promise<string> {
  try {
    const res = await bedrockFailFast.send(
      new InvokeModelWithResponseStreamCommand({
        modelId: CLAUDE_HAIKU,
        contentType: "application/json",
        body: JSON.stringify({
          anthropic_version: "bedrock-2023-05-31",
          max_tokens: 1200,
          messages: [
            {
              role: "user",
              content: `Write a polite claim decision letter to ${customer}. Decision: ${decision}. Adjuster notes: ${notes}`,
            },
          ],
        }),
      }),
      { abortSignal: AbortSignal.timeout(45_000) },
    );
    let letter = "";
    for await (const event of res.body ?? []) {
      if (!event.chunk?.bytes) continue;
      const chunk = JSON.parse(decoder.decode(event.chunk.bytes));
      if (chunk.type === "content_block_delta") letter += chunk.delta.text;
    }
    return letter;
  } catch {
    return templateLetter(customer, decision);
  }
}
