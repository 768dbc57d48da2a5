// Streams a claim summary to the adjuster's browser over the API Gateway WebSocket.
import {
  BedrockRuntimeClient,
  ConverseStreamCommand,
} from "@aws-sdk/client-bedrock-runtime";
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import { CLAUDE_HAIKU } from "../aws/clients";
import { logger } from "../logger";

const streamingClient = new BedrockRuntimeClient({ region: process.env.AWS_REGION });
const apigw = new ApiGatewayManagementApiClient({ endpoint: process.env.WS_ENDPOINT });

export async function streamClaimSummary(claimId: string, text: string, connectionId: string) {
  const response = await streamingClient.send(
    new ConverseStreamCommand({
      modelId: CLAUDE_HAIKU,
      messages: [{ role: "user", content: [{ text: `Summarize this claim for an adjuster:\n\n${text}` }] }],
      inferenceConfig: { maxTokens: 800 },
    }),
  );
  for await (const event of response.stream ?? []) {
    const delta = event.contentBlockDelta?.delta?.text;
    if (delta) {
      await apigw.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: delta }));
    }
    if (event.metadata?.usage) {
      logger.info("bedrock usage", { step: "summary", claimId, ...event.metadata.usage });
    }
  }
}
