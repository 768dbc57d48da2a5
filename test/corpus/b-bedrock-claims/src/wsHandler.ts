// WebSocket route "summarize": the adjuster UI asks for a live summary of a claim.
import type { APIGatewayProxyWebsocketEventV2 } from "aws-lambda";
import { streamClaimSummary } from "./claims/summarize";

export async function handler(event: APIGatewayProxyWebsocketEventV2) {
  const { claimId, text } = JSON.parse(event.body ?? "{}");
  await streamClaimSummary(claimId, text, event.requestContext.connectionId);
  return { statusCode: 200 };
}
