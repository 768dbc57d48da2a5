/**
 * Detection and the eval check recognise test and eval files the same way (src/core/testFiles.ts):
 * by name, by the package's test/eval/bench scripts with framework imports, and not by an `evals/`
 * folder alone (CHECKS.md "Calls in test and eval files", "Eval coverage").
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { analyzeWorkspace, scanWorkspace } from "../../src/core/scan";
import { buildReport } from "../../src/core/buildReport";

async function write(files: Record<string, string>): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-testfiles-"));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

const WRAPPER = `import { generateText } from "ai";
import { openai } from "@ai-sdk/openai";

export async function titleFor(text: string): Promise<string> {
  const { text: title } = await generateText({ model: openai("gpt-4.1-mini"), prompt: \`A five-word title for:\\n\${text.slice(0, 4000)}\` });
  return title.trim();
}
`;

const PROJECT: Record<string, string> = {
  "package.json": JSON.stringify({ name: "titles", type: "module", scripts: { test: "node --test checks/", eval: "tsx scripts/eval-titles.ts" } }),
  "src/title.ts": WRAPPER,
  // An application folder called evals/: the app's "evaluations" feature, product code.
  "src/evals/save.ts": `import { titleFor } from "../title";
import { db } from "../db";

export async function saveEvaluation(id: string, essay: string): Promise<void> {
  const title = await titleFor(essay);
  await db.evaluations.insert({ id, title });
}
`,
  "src/db.ts": `export const db = { evaluations: { insert: async (_row: object) => {} } };\n`,
  // A folder the test command runs, its files importing node:test: tests, though not named *.test.ts.
  "checks/title.ts": `import { test } from "node:test";
import assert from "node:assert/strict";
import { generateText } from "ai";
import { openai } from "@ai-sdk/openai";
import { titleFor } from "../src/title";

test("title is short", async () => {
  const title = await titleFor("A long essay about rivers and the towns along them.");
  assert.ok(title.split(" ").length <= 8);
  const { text } = await generateText({ model: openai("gpt-4.1-mini"), prompt: "Say ok" });
  assert.ok(text);
});
`,
  // An eval script the package's eval script runs: its judge call is an eval-file site.
  "scripts/eval-titles.ts": `import { generateText } from "ai";
import { openai } from "@ai-sdk/openai";
import { titleFor } from "../src/title";

const essays = ["Rivers shape the towns along them.", "Bees and the crops they pollinate."];
let good = 0;
for (const essay of essays) {
  const title = await titleFor(essay);
  const { text } = await generateText({ model: openai("gpt-4.1"), prompt: \`Is "\${title}" a fitting title for: \${essay}? Answer yes or no.\` });
  if (text.toLowerCase().startsWith("yes")) good++;
}
console.log(\`fitting titles: \${good}/\${essays.length}\`);
`,
};

describe("test and eval files: detection agrees with the eval check", () => {
  test("wrapper calls in an evals/ application folder are sites; in script-run test folders and eval scripts they are not", async () => {
    const dir = await write(PROJECT);
    const r = buildReport(dir, await analyzeWorkspace(dir));
    const sites = r.sites.map((s) => `${s.file}:${s.line}${s.test ? " test" : ""}`).sort();
    assert.deepEqual(sites, ["checks/title.ts:10 test", "scripts/eval-titles.ts:9 test", "src/evals/save.ts:5", "src/title.ts:5"]);
  });

  test("the eval check sees the same test files: the app folder's call is not covered by being there, the wrapper is", async () => {
    const r = await scanWorkspace(await write(PROJECT));
    const evalOf = (file: string) => r.sites.find((s) => s.file === file)?.checks.eval?.value;
    assert.equal(evalOf("src/title.ts"), "covered", JSON.stringify(r.sites.find((s) => s.file === "src/title.ts")?.checks.eval));
    assert.equal(evalOf("src/evals/save.ts"), "none");
  });

  test("an evals/ folder the eval script runs, or whose files import a harness, stays an eval folder", async () => {
    const dir = await write({
      "package.json": JSON.stringify({ name: "t", type: "module", scripts: { eval: "tsx evals/run.ts" } }),
      "src/title.ts": WRAPPER,
      "evals/run.ts": `import { titleFor } from "../src/title";\nconst t = await titleFor("Rivers");\nif (t.length > 40) process.exitCode = 1;\n`,
      "evals/helpers.ts": `import { titleFor } from "../src/title";\nexport const warm = () => titleFor("warm-up");\n`,
    });
    const r = buildReport(dir, await analyzeWorkspace(dir));
    assert.deepEqual(r.sites.map((s) => s.file).sort(), ["src/title.ts"]);
  });

  test("which package scripts make a file a test: test/eval/bench scripts, not pre/post hooks or names that only contain the word", async () => {
    const dir = await write({
      "package.json": JSON.stringify({
        name: "t",
        type: "module",
        scripts: { pretest: "tsx scripts/seed.ts", "deploy:latest": "node scripts/deploy.js", "bench:titles": "tsx scripts/bench-titles.ts", "test:unit": "node --test checks/" },
      }),
      "src/title.ts": WRAPPER,
      "scripts/seed.ts": `import { titleFor } from "../src/title";\nawait titleFor("seed");\n`,
      "scripts/deploy.js": `import { titleFor } from "../src/title";\nawait titleFor("deploy");\n`,
      "scripts/bench-titles.ts": `import { titleFor } from "../src/title";\nawait titleFor("bench");\n`,
      "checks/helpers.ts": `import { titleFor } from "../src/title";\nexport const t = () => titleFor("no framework here");\n`,
    });
    const a = await analyzeWorkspace(dir);
    const tests = ["scripts/seed.ts", "scripts/deploy.js", "scripts/bench-titles.ts", "checks/helpers.ts", "src/title.ts"].filter((f) => a.isTestFile(f));
    assert.deepEqual(tests, ["scripts/bench-titles.ts"]);
  });
});
