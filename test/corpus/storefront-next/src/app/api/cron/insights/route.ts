/** Vercel cron (daily): refresh the insights block of recently reviewed products. */
import { buildProductInsights } from "@/lib/insights";
import { db } from "@/lib/db";

export async function GET(req: Request) {
  if (req.headers.get("authorization") !== `Bearer ${process.env.CRON_SECRET}`) {
    return new Response("unauthorized", { status: 401 });
  }
  const products = await db.product.findMany({
    where: { reviews: { some: { createdAt: { gte: new Date(Date.now() - 86_400_000) } } } },
    select: { id: true, name: true, reviews: { select: { rating: true, body: true } } },
  });
  let refreshed = 0;
  for (const product of products) {
    const insights = await buildProductInsights(product);
    await db.productInsights.upsert({ where: { productId: product.id }, create: insights, update: insights });
    refreshed++;
  }
  return Response.json({ refreshed });
}
