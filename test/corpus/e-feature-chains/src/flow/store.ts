import pg from "pg";

export const db = new pg.Pool({ connectionString: process.env.DATABASE_URL });

export interface ChatRecord {
  content: string;
  chatId: string;
  followUps?: string;
}

export async function saveMessage(record: ChatRecord): Promise<{ id: string }> {
  const res = await db.query("insert into messages (content, chat_id, follow_ups) values ($1, $2, $3) returning id", [record.content, record.chatId, record.followUps ?? null]);
  return { id: res.rows[0].id };
}

/** Runs the nodes of a stored graph (rules and templates, no model call). */
export async function executeGraph(input: { question: string; graphId: string }): Promise<{ text: string }> {
  const res = await db.query("select template from graphs where id = $1", [input.graphId]);
  return { text: String(res.rows[0]?.template ?? "").replace("{question}", input.question) };
}
