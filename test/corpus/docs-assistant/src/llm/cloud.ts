/** Claude through our cloud accounts: Bedrock for batch jobs, Vertex for the EU translation pipeline. */
import { AnthropicBedrock } from "@anthropic-ai/bedrock-sdk";
import { AnthropicVertex } from "@anthropic-ai/vertex-sdk";

let bedrock: AnthropicBedrock | undefined;

export function getBedrock(): AnthropicBedrock {
  bedrock ??= new AnthropicBedrock({
    awsRegion: process.env.AWS_REGION ?? "us-east-1",
    timeout: 120_000,
  });
  return bedrock;
}

export function vertexClient(): AnthropicVertex {
  return new AnthropicVertex({
    region: "europe-west1",
    projectId: process.env.GCP_PROJECT_ID,
    maxRetries: 0,
  });
}
