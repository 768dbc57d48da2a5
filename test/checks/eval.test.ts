/** eval: fixtures for the tests and evals that cover a call, and for the ones that only look like they do. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { scanWorkspace } from "../../src/core/scan";
import evalCheck from "../../src/core/checks/eval/check";
import { runCheckCases } from "../harness/runCheckCases";

describe("eval", () => {
  runCheckCases(evalCheck, {
    valid: [
      { fixture: "eval/vitest-mocks-sdk/", value: "covered", evidence: "test/summarize.test.ts:11" },
      { fixture: "eval/test-calls-caller/", file: "src/llm.ts", value: "covered", evidence: "src/tickets.test.ts:12" },
      { fixture: "eval/test-calls-caller/", file: "src/tickets.ts", value: "covered" },
      { fixture: "eval/module-mocked-by-test/", file: "src/notes.ts", value: "covered", evidence: "test/notes.test.ts:9" },
      { fixture: "eval/jest-automock/", file: "src/notes.ts", value: "covered" },
      { fixture: "eval/module-mocked-by-setup/", file: "src/notes.ts", value: "covered" },
      { fixture: "eval/class-with-fake-client/", value: "covered", evidence: "test/Summarizer.test.ts:10" },
      { fixture: "eval/express-route-supertest/", value: "covered", evidence: "test/routes.test.ts:12" },
      { fixture: "eval/node-test-assert/", value: "covered", evidence: "test/tagger.test.mjs:6" },
      { fixture: "eval/before-all-result/", value: "covered", evidence: "test/faq.test.ts:7" },
      { fixture: "eval/promptfoo-provider/", file: "src/answer.ts", value: "covered", evidence: "evals/promptfooconfig.yaml:5" },
      { fixture: "eval/promptfoo-function-target/", value: "covered", evidence: "promptfooconfig.yaml:4" },
      { fixture: "eval/braintrust-eval/", value: "covered", evidence: "evals/summarize.eval.ts:5" },
      { fixture: "eval/evalite-task/", value: "covered", evidence: "summarize.eval.ts:5" },
      { fixture: "eval/vitest-evals-describe-eval/", file: "src/summarize.ts", value: "covered", evidence: "src/quality.ts:5" },
      { fixture: "eval/langsmith-ls-test/", value: "covered", evidence: "test/summarize.test.ts:6" },
      { fixture: "eval/parser-of-the-answer-tested/", value: "covered", evidence: "src/labels.test.ts:5" },
      { fixture: "eval/partial-mock-keeps-module/", value: "covered", evidence: "test/llm.test.ts:13" },
      { fixture: "eval/caller-not-tested/", file: "src/summarize.ts", value: "covered" },
      { fixture: "eval/fake-engine-not-the-real-one/", file: "src/commit.ts", value: "covered" },
      { fixture: "eval/eval-glob-setting/", file: "src/summarize.ts", value: "covered", settings: { evalGlobs: ["checks/**"] }, evidence: "checks/summarize.check.ts:4" },
      // An end-to-end test that requests the route path: the Next.js route file it maps to by convention.
      { fixture: "eval/next-route-e2e/", file: "app/api/summarize/route.ts", value: "covered", evidence: "e2e/summarize.e2e.test.ts:7" },
      // A folder the package's test command runs (`node --test checks/`), its files importing node:test.
      { fixture: "eval/test-command-folder/", file: "src/digest.ts", value: "covered", evidence: "checks/digest.ts:6" },
      // tRPC: `appRouter.createCaller(ctx).notes.title(input)` runs the procedure of a router the app router composes.
      { fixture: "eval/trpc-create-caller/", value: "covered", evidence: "test/notes.test.ts:6" },
      // An end-to-end test spawns the package's bin (dist/cli.js, mapped to src/cli.ts): the command it runs is covered.
      { fixture: "eval/bin-spawned-by-test/", file: "src/summarize.ts", value: "covered", evidence: "test/cli.test.ts:11" },
      // The bin is run by its command name (`npx release-notes`) from a helper of the test; its entry calls main.
      { fixture: "eval/bin-named-command/", value: "covered", evidence: "test/release-notes.test.js:6" },
      // A hand-written eval script (package.json `eval`) compares the output with the expected queue.
      { fixture: "eval/eval-script-scores-output/", file: "src/route.ts", value: "covered", evidence: "scripts/eval-routing.ts:13" },
    ],
    invalid: [
      { fixture: "eval/no-tests.ts", value: "none" },
      { fixture: "eval/module-mocked-by-test/", file: "src/llm.ts", value: "none" },
      { fixture: "eval/module-mocked-by-setup/", file: "src/llm.ts", value: "none" },
      { fixture: "eval/jest-automock/", file: "src/llm.ts", value: "none" },
      { fixture: "eval/asserts-only-the-request/", value: "none" },
      { fixture: "eval/smoke-test-without-assertion/", value: "none" },
      { fixture: "eval/other-export-tested/", value: "none" },
      { fixture: "eval/caller-not-tested/", file: "src/server.ts", value: "none" },
      { fixture: "eval/fake-engine-not-the-real-one/", file: "src/engines.ts", value: "none" },
      { fixture: "eval/eval-glob-setting/", file: "src/summarize.ts", value: "none" },
      // The test builds the CLI: the command's action is only registered, never run.
      { fixture: "eval/cli-registers-commands/", file: "src/summarize.ts", value: "none" },
      { fixture: "eval/cli-registers-commands/", file: "src/cli.ts", value: "none" },
      // The runner's preload file mocks the db module (and what it re-exports) for every test.
      { fixture: "eval/preload-mocks-reexports/", file: "src/embed.ts", value: "none" },
      // Every test expects the function's own validation error, thrown before the call.
      { fixture: "eval/rejects-before-the-call/", value: "none" },
      // An application folder called evals/ is product code, not a test folder (a knex `t` is no test context).
      { fixture: "eval/app-evals-folder/", file: "src/grade.ts", value: "none" },
      // The spawned bin registers another command too; the test never runs it.
      { fixture: "eval/bin-spawned-by-test/", file: "src/translate.ts", value: "none" },
      // A benchmark script that only times the call scores nothing.
      { fixture: "eval/eval-script-scores-output/", file: "src/reply.ts", value: "none" },
    ],
  });
});

// Tests that run the package's entry files as processes, in the forms tests write them (CHECKS.md "Eval coverage").

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
