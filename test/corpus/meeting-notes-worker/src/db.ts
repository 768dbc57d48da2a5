/** Postgres access for meetings. */
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

export async function saveMeeting(id: string, fields: Record<string, unknown>) {
  await pool.query("update meetings set data = data || $2::jsonb, processed_at = now() where id = $1", [id, JSON.stringify(fields)]);
}
