// HTTP API route POST /claims/{id}/letter.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";
import { draftDecisionLetter } from "./claims/letter";

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const { customer, decision, notes } = JSON.parse(event.body ?? "{}");
  const letter = await draftDecisionLetter(customer, decision, notes ?? "");
  return { statusCode: 200, headers: { "content-type": "text/plain" }, body: letter };
}
