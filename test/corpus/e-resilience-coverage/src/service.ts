import { insertNote } from "./db";

export async function addNote(body: string) {
  if (!body.trim()) throw new Error("empty note");
  const row = await insertNote(body.trim());
  return { id: row.id };
}
