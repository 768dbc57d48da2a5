/** Vercel cron (hourly): embed products created or edited since the last run; tag the new ones. */
import { embedProducts } from "@/lib/ai/search";
import { tagProduct } from "@/lib/tagging";
import { db } from "@/lib/db";

export async function GET() {
  const stale = await db.product.findMany({ where: { embeddedAt: null }, take: 100 });
  if (stale.length === 0) return Response.json({ embedded: 0 });
  const vectors = await embedProducts(stale);
  for (const [i, product] of stale.entries()) {
    await db.$executeRaw`update "Product" set embedding = ${JSON.stringify(vectors[i])}::vector, "embeddedAt" = now() where id = ${product.id}`;
    if (product.tags.length === 0) {
      const { tags, season } = await tagProduct(product.name, product.description ?? "");
      await db.product.update({ where: { id: product.id }, data: { tags, season } });
    }
  }
  return Response.json({ embedded: stale.length });
}
