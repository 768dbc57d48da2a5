import { Embedder } from "@acme/llm/embed";
import pg from "pg";

const db = new pg.Pool({ connectionString: process.env.DATABASE_URL });

export class TagService {
  private readonly embedder = new Embedder();

  /** Creates a tag and stores its embedding: a feature (the row's id comes back). */
  async createTag(name: string) {
    const { vector, model } = await this.embedder.embed(name);
    const res = await db.query("insert into tags (name, embedding, model) values ($1, $2, $3) returning id", [name, JSON.stringify(vector), model]);
    return { id: res.rows[0].id as string, name };
  }
}

export async function createTagRoute(body: { name: string }) {
  const service = new TagService();
  return service.createTag(body.name);
}
