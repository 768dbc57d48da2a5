/** Node entry point: warms the search index, then serves. */
import { readFile } from "node:fs/promises";
import { serve } from "@hono/node-server";
import { app } from "./app.js";
import { addToIndex } from "./services/search.js";

try {
  await addToIndex(JSON.parse(await readFile("data/recipes.json", "utf8")));
} catch (err) {
  console.warn("semantic search disabled: could not embed the catalogue", err);
}

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) });
