/** Shopping-assistant chat (streamed to useChat in the browser). */
import { streamText, convertToModelMessages, stepCountIs, tool, type UIMessage } from "ai";
import { z } from "zod";
import { chatModel } from "@/lib/ai/models";
import { recordUsage } from "@/lib/usage";
import { db } from "@/lib/db";

export const maxDuration = 30;

const SHOP_SYSTEM_PROMPT = "You are Northwind's shopping assistant. Use the tools to look up orders and stock.";

export async function POST(req: Request) {
  const { messages, userId }: { messages: UIMessage[]; userId: string } = await req.json();
  const result = streamText({
    model: chatModel,
    system: SHOP_SYSTEM_PROMPT,
    messages: convertToModelMessages(messages),
    abortSignal: req.signal,
    stopWhen: stepCountIs(4),
    tools: {
      lookupOrder: tool({
        description: "Find an order by its number",
        inputSchema: z.object({ orderNumber: z.string().regex(/^NW-\d{6}$/) }),
        execute: async ({ orderNumber }) => db.order.findUnique({ where: { number: orderNumber }, select: { status: true, eta: true } }),
      }),
      checkStock: tool({
        description: "Check stock for a product SKU and size",
        inputSchema: z.object({ sku: z.string(), size: z.enum(["XS", "S", "M", "L", "XL"]) }),
        execute: async ({ sku, size }) => db.stock.findFirst({ where: { sku, size }, select: { quantity: true } }),
      }),
    },
    onFinish: async ({ totalUsage }) => {
      await recordUsage(userId, "chat", totalUsage);
    },
  });
  return result.toUIMessageStreamResponse();
}
