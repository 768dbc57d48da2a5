import { embedText } from "../vectors";

const rows: { id: number; body: string; vector: number[] }[] = [];

export async function insertNote(body: string) {
  const vector = await embedText(body);
  const row = { id: rows.length + 1, body, vector };
  rows.push(row);
  return row;
}
