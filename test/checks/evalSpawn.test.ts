/** eval: tests that run the package's entry files as processes, in the forms tests write them (CHECKS.md "Eval coverage"). */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { scanWorkspace } from "../../src/core/scan";

async function evalOf(files: Record<string, string>, file: string): Promise<string | undefined> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-spawn-"));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  const r = await scanWorkspace(dir);
  return r.sites.find((s) => s.file === file)?.checks.eval?.value;
}

const ASK = `import Anthropic from "@anthropic-ai/sdk";
const anthropic = new Anthropic();
export async function ask(q: string): Promise<string> {
  const m = await anthropic.messages.create({ model: "claude-3-5-haiku-latest", max_tokens: 300, messages: [{ role: "user", content: q.slice(0, 2000) }] });
  const b = m.content[0];
  return b?.type === "text" ? b.text : "";
}
`;
const CLI = `import { ask } from "./ask";\nconst answer = await ask(process.argv.slice(2).join(" "));\nconsole.log(answer);\n`;
const PKG = JSON.stringify({ name: "ask-cli", type: "module", bin: { ask: "./dist/cli.js" }, scripts: { test: "vitest run" } });

describe("eval: a test that runs the entry file as a process", () => {
  test("the source entry run through tsx with spawnSync, its output asserted", async () => {
    const value = await evalOf(
      {
        "package.json": PKG,
        "src/ask.ts": ASK,
        "src/cli.ts": CLI,
        "test/cli.test.ts": `import { spawnSync } from "node:child_process";\nimport { expect, it } from "vitest";\nit("answers", () => {\n  const r = spawnSync("npx", ["tsx", "src/cli.ts", "What is 2+2?"], { encoding: "utf8" });\n  expect(r.stdout).toContain("4");\n});\n`,
      },
      "src/ask.ts",
    );
    assert.equal(value, "covered");
  });

  test("a command string built in a template (`node ${bin} ...`) with exec", async () => {
    const value = await evalOf(
      {
        "package.json": PKG,
        "src/ask.ts": ASK,
        "src/cli.ts": CLI,
        "test/cli.test.ts": `import { execSync } from "node:child_process";\nimport path from "node:path";\nimport { expect, it } from "vitest";\nconst bin = path.resolve(__dirname, "../dist/cli.js");\nit("answers", () => {\n  expect(execSync(\`node \${bin} "What is 2+2?"\`).toString()).toMatch(/4/);\n});\n`,
      },
      "src/ask.ts",
    );
    assert.equal(value, "covered");
  });

  test("a spawn whose output is never checked covers nothing", async () => {
    const value = await evalOf(
      {
        "package.json": PKG,
        "src/ask.ts": ASK,
        "src/cli.ts": CLI,
        "test/cli.test.ts": `import { execa } from "execa";\nimport { expect, it } from "vitest";\nit("starts", async () => {\n  await execa("node", ["dist/cli.js", "hi"]);\n  expect(true).toBe(true);\n});\n`,
      },
      "src/ask.ts",
    );
    assert.equal(value, "none");
  });
});
