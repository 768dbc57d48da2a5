// Old weekly digest still used by the sales team; kept on the completions endpoint on purpose.
const fs = require("node:fs");
const { OpenAI } = require("openai");

const openai = new OpenAI({ timeout: 60 * 1000 });

async function main() {
  const notes = fs.readFileSync(process.argv[2], "utf8");
  const completion = await openai.completions.create({
    model: "gpt-3.5-turbo-instruct",
    prompt: `Write a weekly digest of these meeting notes for the sales team:\n${notes}\n\nDigest:`,
    max_tokens: 400,
  });
  process.stdout.write(completion.choices[0].text.trim() + "\n");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
