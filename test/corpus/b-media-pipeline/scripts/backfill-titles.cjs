// One-off: give old episodes (imported from the previous host) a generated title.
// node scripts/backfill-titles.cjs episodes.json > titles.json
const Groq = require("groq-sdk");
const fs = require("node:fs");

const groq = new Groq();

async function titleFor(description) {
  const completion = await groq.chat.completions.create({
    model: "llama-3.1-8b-instant",
    messages: [
      { role: "system", content: "Write a podcast episode title of at most 10 words. Reply with the title only." },
      { role: "user", content: description },
    ],
  });
  return completion.choices[0].message.content.trim();
}

(async () => {
  const episodes = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const out = {};
  for (const ep of episodes) {
    out[ep.id] = await titleFor(ep.description);
  }
  process.stdout.write(JSON.stringify(out, null, 2));
})();
