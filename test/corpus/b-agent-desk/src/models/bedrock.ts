// Claude on Bedrock for the agent loop (the company's AWS account has the committed spend).
import { ChatBedrockConverse } from "@langchain/aws";
import { NodeHttpHandler } from "@smithy/node-http-handler";

export const bedrockModel = new ChatBedrockConverse({
  model: "anthropic.claude-3-5-sonnet-20240620-v1:0",
  region: process.env.AWS_REGION ?? "eu-central-1",
  temperature: 0,
  clientOptions: {
    requestHandler: new NodeHttpHandler({ connectionTimeout: 3_000, requestTimeout: 45_000 }),
  },
});
