/** Keyword + vector search over ingested pages (Postgres full text). */
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

export interface PageRecord {
  url: string;
  title: string;
  text: string;
  summary?: string;
  tags?: string[];
  audience?: string;
}

export async function searchDocs(query: string, limit = 6): Promise<string> {
  const { rows } = await pool.query<{ title: string; text: string }>(
    "select title, text from pages where tsv @@ websearch_to_tsquery($1) order by ts_rank(tsv, websearch_to_tsquery($1)) desc limit $2",
    [query, limit],
  );
  return rows.map((r) => `## ${r.title}\n${r.text}`).join("\n\n");
}

export async function upsertPage(page: PageRecord): Promise<void> {
  await pool.query(
    `insert into pages (url, title, text, summary, tags, audience) values ($1, $2, $3, $4, $5, $6)
     on conflict (url) do update set title = $2, text = $3, summary = $4, tags = $5, audience = $6`,
    [page.url, page.title, page.text, page.summary ?? null, page.tags ?? [], page.audience ?? null],
  );
}
