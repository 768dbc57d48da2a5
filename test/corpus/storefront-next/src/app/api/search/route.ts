/** Semantic product search (pgvector). */
import { embedQuery } from "@/lib/ai/search";
import { db } from "@/lib/db";

export async function GET(req: Request) {
  const q = new URL(req.url).searchParams.get("q") ?? "";
  if (q.length < 2) return Response.json({ results: [] });
  const vector = await embedQuery(q);
  const results = await db.$queryRaw`
    select id, name from "Product" order by embedding <=> ${JSON.stringify(vector)}::vector limit 12`;
  return Response.json({ results });
}
