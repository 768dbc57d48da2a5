import { embedQuery } from "../llm/followUps";
import { db } from "./store";

/** Note search: the embedding is the input of a database query; the rows are the result. */
export async function searchNotes(query: string, limit = 5) {
  const vector = await embedQuery(query);
  const res = await db.query("select id, body from notes order by embedding <-> $1 limit $2", [JSON.stringify(vector), limit]);
  return res.rows.map((r) => ({ id: r.id as string, body: r.body as string }));
}

/** Embeds through a local model server with a retry helper around the request: a wrapper. */
export async function embedLocal(text: string): Promise<number[]> {
  const { value } = await withBackoff(async () => {
    const resp = await fetch("https://api.openai.com/v1/embeddings", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
      body: JSON.stringify({ model: "text-embedding-3-small", input: text }),
    });
    return (await resp.json()).data[0].embedding as number[];
  });
  return value;
}

async function withBackoff<T>(fn: () => Promise<T>, tries = 3): Promise<{ value: T }> {
  for (let i = 0; ; i++) {
    try {
      return { value: await fn() };
    } catch (err) {
      if (i >= tries - 1) throw err;
      await new Promise((r) => setTimeout(r, 500 * 2 ** i));
    }
  }
}
