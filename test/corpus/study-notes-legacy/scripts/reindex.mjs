/** Rebuilds notes.vectors.json from notes/*.md. */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { embedNote, embedNotes } from "../lib/embeddings.mjs";

const files = (await readdir("notes")).filter((f) => f.endsWith(".md"));
const texts = await Promise.all(files.map((f) => readFile(`notes/${f}`, "utf8")));
const vectors = await embedNotes(texts);
const index = Object.fromEntries(files.map((f, i) => [f, vectors[i]]));

if (process.env.REINDEX_QUERY) {
  const q = await embedNote(process.env.REINDEX_QUERY);
  console.log("query vector length", q.length);
}

await writeFile("notes.vectors.json", JSON.stringify(index));
console.log(`indexed ${files.length} notes`);
