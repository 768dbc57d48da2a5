// Nightly job: re-embeds every stored transcript chunk and gives untitled meetings a title.
// Plain CommonJS so it runs with `node` on the cron box without a build step.
const { Mistral } = require("@mistralai/mistralai");
const fs = require("node:fs/promises");
const path = require("node:path");

const client = new Mistral({ apiKey: process.env.MISTRAL_API_KEY });
const DATA_DIR = process.env.NOTES_DIR || "./data/meetings";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function embedWithRetry(inputs, attempts = 4) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.embeddings.create({ model: "mistral-embed", inputs });
    } catch (err) {
      if (attempt >= attempts) throw err;
      await sleep(1000 * 2 ** attempt);
    }
  }
}

async function titleFor(file, transcript) {
  try {
    const res = await client.chat.complete({
      model: "open-mistral-nemo",
      messages: [{ role: "user", content: `Give this meeting a title of at most 8 words:\n\n${transcript.slice(0, 6000)}` }],
    });
    return String(res.choices[0].message.content).trim();
  } catch (err) {
    return path.basename(file, ".txt");
  }
}

async function main() {
  const files = (await fs.readdir(DATA_DIR)).filter((f) => f.endsWith(".txt"));
  for (const file of files) {
    const transcript = await fs.readFile(path.join(DATA_DIR, file), "utf8");
    const chunks = transcript.match(/[\s\S]{1,2000}/g) || [];
    const res = await embedWithRetry(chunks);
    const title = await titleFor(file, transcript);
    await fs.writeFile(
      path.join(DATA_DIR, file.replace(/\.txt$/, ".json")),
      JSON.stringify({ title, vectors: res.data.map((d) => d.embedding) }),
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
