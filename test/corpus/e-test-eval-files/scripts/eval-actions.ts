import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { extractActions } from "../src/actions.js";

const judge = new OpenAI();
const cases: { transcript: string; owners: string[] }[] = JSON.parse(readFileSync("data/action-cases.json", "utf8"));

let hits = 0;
let total = 0;
for (const c of cases) {
  const actions = await extractActions(c.transcript);
  for (const owner of c.owners) {
    total++;
    if (actions.includes(owner)) hits++;
  }
  const verdict = await judge.chat.completions.create({
    model: "gpt-4.1",
    messages: [{ role: "user", content: `Do these action items invent anything not in the transcript? Answer yes or no.\n${c.transcript}\n---\n${actions}` }],
  });
  if (verdict.choices[0]?.message?.content?.toLowerCase().startsWith("yes")) console.log(`invented items: ${c.transcript.slice(0, 40)}`);
}
console.log(`owner recall: ${total ? ((hits / total) * 100).toFixed(1) : "n/a"}%`);
