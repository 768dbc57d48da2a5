// One-off: embeds all stored summaries for the search index. Handles its own retries with long waits,
// because the nightly tier hits rate limits that the SDK's short backoff does not survive.
import OpenAI from "openai";
import { readFile, writeFile } from "node:fs/promises";

const client = new OpenAI({ maxRetries: 0, timeout: 60_000 });

async function embedBatch(input) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await client.embeddings.create({ model: "text-embedding-3-large", input });
      return res.data.map((d) => d.embedding);
    } catch (err) {
      if (attempt >= 5 || !(err instanceof OpenAI.RateLimitError)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 1000));
    }
  }
}

const summaries = JSON.parse(await readFile(process.argv[2] ?? "summaries.json", "utf8"));
const vectors = [];
for (let i = 0; i < summaries.length; i += 100) {
  vectors.push(...(await embedBatch(summaries.slice(i, i + 100).map((s) => s.summary))));
  console.log(`embedded ${Math.min(i + 100, summaries.length)}/${summaries.length}`);
}
await writeFile("summary-vectors.json", JSON.stringify(vectors));
