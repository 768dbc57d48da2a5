// Pulls the order reference out of free-text tickets so billing can look it up.
import { fastModel } from "../llm";
import { logger } from "../logger";

export interface OrderRef {
  orderId: string | null;
  email: string | null;
}

export async function extractOrderRef(body: string): Promise<OrderRef> {
  const res = await fastModel.invoke([
    [
      "system",
      'Extract the order id (format ACME-123456) and the customer email. Reply with JSON only: {"orderId": string|null, "email": string|null}',
    ],
    ["human", body],
  ]);
  logger.info({ tokens: res.usage_metadata?.total_tokens }, "extractOrderRef");
  return JSON.parse(res.content as string) as OrderRef;
}
