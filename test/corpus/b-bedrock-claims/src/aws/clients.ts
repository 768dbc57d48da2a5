// AWS clients shared by the claim Lambdas.
import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { BedrockClient } from "@aws-sdk/client-bedrock";
import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const region = process.env.AWS_REGION ?? "us-east-1";

/** Request/response model calls: 30 s socket budget, up to 5 attempts on throttling. */
export const bedrock = new BedrockRuntimeClient({
  region,
  maxAttempts: 5,
  requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 30_000 }),
});

/** For user-facing streams: no retries, callers bound the time themselves. */
export const bedrockFailFast = new BedrockRuntimeClient({ region, maxAttempts: 1 });

export const bedrockControl = new BedrockClient({ region });

export const s3 = new S3Client({ region });

export const CLAUDE_SONNET = "anthropic.claude-3-5-sonnet-20240620-v1:0";
export const CLAUDE_HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
