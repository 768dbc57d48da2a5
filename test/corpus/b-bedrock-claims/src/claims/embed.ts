// Titan embeddings for duplicate-claim detection.
import { InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { bedrock } from "../aws/clients";

export async function embedClaimText(text: string): Promise<number[]> {
  const res = await bedrock.send(
    new InvokeModelCommand({
      modelId: "amazon.titan-embed-text-v2:0",
      contentType: "application/json",
      body: JSON.stringify({ inputText: text.slice(0, 30_000), dimensions: 512, normalize: true }),
    }),
  );
  return JSON.parse(new TextDecoder().decode(res.body)).embedding;
}
