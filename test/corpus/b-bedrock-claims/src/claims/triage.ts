// Fraud/complexity triage with the Anthropic messages body on InvokeModel.
import { InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { bedrock, CLAUDE_HAIKU } from "../aws/clients";

export interface Triage {
  risk: "low" | "medium" | "high";
  reasons: string[];
}

const decoder = new TextDecoder();

export async function triageClaim(text: string): Promise<Triage> {
  const res = await bedrock.send(
    new InvokeModelCommand({
      modelId: CLAUDE_HAIKU,
      contentType: "application/json",
      accept: "application/json",
      body: JSON.stringify({
        anthropic_version: "bedrock-2023-05-31",
        max_tokens: 400,
        system: 'Rate the fraud risk of this claim. Reply with JSON only: {"risk": "low"|"medium"|"high", "reasons": string[]}',
        messages: [{ role: "user", content: text }],
      }),
    }),
  );
  const payload = JSON.parse(decoder.decode(res.body));
  return JSON.parse(payload.content[0].text);
}
