/** Side-by-side comparison of two products, streamed as a partial object. */
import * as ai from "ai";
import { z } from "zod";
import { cheapModel } from "@/lib/ai/models";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";

const Comparison = z.object({
  winner: z.enum(["a", "b", "tie"]),
  reasons: z.array(z.string()).max(5),
  bestFor: z.object({ a: z.string(), b: z.string() }),
});

export async function POST(req: Request) {
  const { a, b } = (await req.json()) as { a: string; b: string };
  const [pa, pb] = await Promise.all([
    db.product.findUniqueOrThrow({ where: { id: a } }),
    db.product.findUniqueOrThrow({ where: { id: b } }),
  ]);
  const result = ai.streamObject({
    model: cheapModel,
    schema: Comparison,
    prompt: `Compare product A (${pa.name}: ${pa.description}) with product B (${pb.name}: ${pb.description}).`,
    onFinish({ usage, error }) {
      logger.info({ usage, failed: Boolean(error) }, "compare finished");
    },
  });
  return result.toTextStreamResponse();
}
