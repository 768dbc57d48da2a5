/** eval fixes: an eval of the exported function in the workspace's runner, type-checked where the runner is installed (vitest, node:test). */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { AnalysisSession } from "../../src/core/session";
import { fixesForSite } from "../../src/core/fixes";
import { DEFAULT_FIX_OPTIONS } from "../../src/core/fixes/types";
import { evalRunners, EvalRunners } from "../../src/core/checks/eval/fix/data";
import { parseJsonFile } from "../../src/core/catalog/load";
import { applyToDisk, FIX_FIXTURES, runFixCases, typeErrors } from "../harness/runFixCases";
import ts from "typescript";
import { parseSource } from "../../src/core/project";
import { entryFor } from "../../src/core/checks/eval/fix/entry";
import { detectRunner, placement, type PackageInfo, type TestFile } from "../../src/core/checks/eval/fix/runner";
import { renderEval, type EvalSpec } from "../../src/core/checks/eval/fix/render";
import { fixOnce } from "./support/fixOnce";

runFixCases("eval", [
  // No runner named: node:test in test/, gated on OPENAI_API_KEY.
  { fixture: "eval/openai-summarize.ts", after: "covered", strategy: "native", safe: false },
  // vitest with tests beside the sources; a union of labels is asserted as one of them.
  { fixture: "eval/vitest-anthropic/", file: "src/triage.ts", after: "covered", strategy: "native", safe: false },
  // An inline object parameter becomes an object literal; an interface result, its properties.
  { fixture: "eval/ai-sdk-object-param.ts", after: "covered", strategy: "native", safe: false },
  // A method of an exported class: an instance built with its constructor's parameters.
  { fixture: "eval/class-method.ts", after: "covered", strategy: "native", safe: false },
  // The call is in a module-private helper: the exported function that calls it is tested.
  { fixture: "eval/private-helper.ts", line: 6, after: "covered", strategy: "native", safe: false },
  // The helper's call in `translate` is a wrapper site: the same eval covers it.
  { fixture: "eval/private-helper.ts", line: 14, after: "covered", strategy: "native", safe: false },
  // Tests in a top-level __tests__/ folder named *.spec.ts, importing with `.js`: the new one does too.
  { fixture: "eval/dunder-tests-spec/", file: "src/rerank.ts", after: "covered", strategy: "native", safe: false },
  // test/summarize.test.ts exists (it tests the prompt builder only): the eval gets a free name.
  { fixture: "eval/name-taken/", file: "src/summarize.ts", after: "covered", strategy: "native", safe: false },
  // JavaScript: the eval is JavaScript too; an untyped parameter named like text gets a text sample, the other a placeholder.
  { fixture: "eval/plain-js/", file: "src/digest.js", after: "covered", strategy: "native", safe: false },
  // Types the syntax does not show (an SDK message type, an unannotated result): marked placeholders; LangChain's key from its package.
  { fixture: "eval/langchain-untyped.ts", after: "covered", strategy: "native", safe: false },
]);

/** A fixture copied beside a node_modules link, as the harness does, for the cases it cannot run. */
function copyFixture(fixture: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-eval-fix-"));
  fs.symlinkSync(path.resolve("node_modules"), path.join(dir, "node_modules"), "dir");
  const src = path.join(FIX_FIXTURES, fixture);
  if (fs.statSync(src).isDirectory()) fs.cpSync(src, dir, { recursive: true });
  else {
    fs.mkdirSync(path.join(dir, "src"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "fixture", private: true, type: "module" }));
    fs.copyFileSync(src, path.join(dir, "src", path.basename(src)));
  }
  return dir;
}

async function evalFixesOf(dir: string) {
  const session = await AnalysisSession.open(dir);
  const sites = session.sites();
  assert.equal(sites.length, 1, `one site: ${sites.map((s) => s.file.rel).join(", ")}`);
  const report = session.report().sites[0]!;
  assert.equal(report.checks.eval.value, "none", "the fixture's call is not covered before the fix");
  return fixesForSite({ report: session.report(), checks: session.checkContext() }, sites[0]!, DEFAULT_FIX_OPTIONS, ["eval"]);
}

describe("eval fix: no fix where no test could call the code", () => {
  for (const [fixture, why] of [
    ["eval/script-main.ts", "the call is in a script's main(), which nothing exports"],
    ["eval/returns-nothing.ts", "the function returns nothing to assert on"],
  ] as const) {
    it(`${fixture}: ${why}`, async () => {
      const dir = copyFixture(fixture);
      try {
        assert.deepEqual(typeErrors(dir), []);
        assert.deepEqual((await evalFixesOf(dir)).map((f) => f.title), []);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

/**
 * jest and evalite are not installed here, so their evals cannot be type-checked: these cases check
 * the file as written, and that the check then says `covered`.
 */
describe("eval fix: runners not installed here (text and coverage, no type-check)", () => {
  const cases: { fixture: string; file: string; text: string }[] = [
    {
      fixture: "eval/jest-project/",
      file: "test/changelog.test.ts",
      text: `import { expect, test } from "@jest/globals";

// Calls the model for real: skipped without OPENAI_API_KEY.
// The module is imported in the test: SDK clients read their key when they are built.
// Checks the shape of the answer, not its wording (the model's answers vary).
const liveTest = process.env.OPENAI_API_KEY ? test : test.skip;

liveTest("changelogEntry returns { title, bullets }", async () => {
  const { changelogEntry } = await import("../src/changelog");
  const commits = ["Export reports as CSV from the dashboard"];
  const result = await changelogEntry(commits);
  expect(result).toMatchObject({ title: expect.any(String), bullets: expect.any(Array) });
}, 60_000);
`,
    },
    {
      fixture: "eval/evalite-project/",
      file: "evals/answer.eval.ts",
      text: `import { createScorer, evalite } from "evalite";
import { answerQuestion } from "../src/answer";

// Calls the model for real (run it with \`evalite\`). The scorer checks the answer's shape, not its wording.
evalite("answerQuestion", {
  data: async () => [{ input: "How do I rotate the API key of a team workspace?" }],
  task: async (input) => answerQuestion(input),
  scorers: [
    createScorer({
      name: "a non-empty string",
      scorer: ({ output }) => (typeof output === "string" && output.trim() !== "" ? 1 : 0),
    }),
  ],
});
`,
    },
  ];
  for (const c of cases) {
    it(`${c.fixture} → ${c.file}`, async () => {
      const dir = copyFixture(c.fixture);
      try {
        assert.deepEqual(typeErrors(dir), [], "the fixture compiles before the fix");
        const fixes = await evalFixesOf(dir);
        assert.equal(fixes.length, 1, fixes.map((f) => f.title).join(" | "));
        const fix = fixes[0]!;
        assert.equal(fix.safe, false);
        assert.deepEqual(fix.edits, []);
        assert.deepEqual(fix.create.map((n) => n.file), [c.file]);
        assert.equal(fix.create[0]!.text, c.text);
        applyToDisk(dir, fix);
        const after = await AnalysisSession.open(dir);
        const site = after.report().sites.find((s) => s.file.startsWith("src/"))!;
        assert.equal(site.checks.eval.value, "covered", site.checks.eval.note);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe("eval fix: rules/libraries/evalRunners.json", () => {
  it("parses, and lists every runner once", () => {
    const data = evalRunners();
    assert.deepEqual(data.runners.map((r) => r.id).sort(), ["bun:test", "evalite", "jest", "mocha", "node:test", "vitest"]);
  });

  it("rejects a bad pattern with the file and line", () => {
    const text = fs.readFileSync(path.resolve("rules/libraries/evalRunners.json"), "utf8").replace('"\\\\bvitest\\\\b"', '"(vitest"');
    assert.throws(() => parseJsonFile("rules/libraries/evalRunners.json", text, EvalRunners), /evalRunners\.json:\d+: runners\.1\.scripts\.0/);
  });
});

/** The entry point of the `llm.create(...)` call in a module's source. */
function entryIn(source: string) {
  const sf = parseSource("/ws/src/ask-bot.ts", `import { llm } from "./llm";\n${source}`);
  let call: ts.CallExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (!call && ts.isCallExpression(n) && n.expression.getText(sf) === "llm.create") call = n;
    n.forEachChild(visit);
  };
  visit(sf);
  assert.ok(call, "the source has an llm.create call");
  const e = entryFor(call, "ask-bot");
  return e && { exported: e.exported, local: e.local, via: e.via.t, label: e.label };
}

describe("eval fix: the exported function a test calls", () => {
  const cases: [string, string, ReturnType<typeof entryIn>][] = [
    ["an exported function", "export async function ask(q: string) { return llm.create(q); }", { exported: "ask", local: "ask", via: "call", label: "ask" }],
    ["an exported arrow function", "export const ask = async (q: string) => llm.create(q);", { exported: "ask", local: "ask", via: "call", label: "ask" }],
    ["an anonymous default export, named after the file", "export default async function (q: string) { return llm.create(q); }", { exported: "default", local: "askBot", via: "call", label: "askBot" }],
    ["a function exported under another name", "async function ask(q: string) { return llm.create(q); }\nexport { ask as askQuestion };", { exported: "askQuestion", local: "askQuestion", via: "call", label: "askQuestion" }],
    ["a local helper inside an exported function", "export async function ask(q: string) {\n  const send = () => llm.create(q);\n  return send();\n}", { exported: "ask", local: "ask", via: "call", label: "ask" }],
    ["a callback inside an exported function", "export async function askAll(qs: string[]) { return Promise.all(qs.map(async (q) => llm.create(q))); }", { exported: "askAll", local: "askAll", via: "call", label: "askAll" }],
    ["a method of an exported object", "export const bot = { async ask(q: string) { return llm.create(q); } };", { exported: "bot", local: "bot", via: "member", label: "bot.ask" }],
    ["a static method", "export class Bot { static async ask(q: string) { return llm.create(q); } }", { exported: "Bot", local: "Bot", via: "member", label: "Bot.ask" }],
    ["a #private method, through the public one that calls it", "export class Bot {\n  async #send(q: string) { return llm.create(q); }\n  async ask(q: string) { return this.#send(q); }\n}", { exported: "Bot", local: "Bot", via: "instance", label: "Bot.ask" }],
    ["a private method nothing public calls", "export class Bot { private async send(q: string) { return llm.create(q); } }", undefined],
    ["an abstract class (no instance to build)", "export abstract class Bot { async ask(q: string) { return llm.create(q); } }", undefined],
    ["a route handler registered at the top level", "app.post(\"/ask\", async (req: { body: string }) => llm.create(req.body));", undefined],
    ["a module-private function nothing exported calls", "async function ask(q: string) { return llm.create(q); }\nvoid ask(\"warm-up\");", undefined],
  ];
  for (const [what, source, want] of cases) {
    it(what, () => assert.deepEqual(entryIn(source), want));
  }
});

describe("eval fix: runner and placement", () => {
  const data = evalRunners();
  const pkg = (deps: string[], scripts: string[] = [], testScripts: string[] = []): PackageInfo => ({ dir: "", dependencies: new Set(deps), scripts: [...scripts, ...testScripts], testScripts });
  const test = (rel: string, text = ""): TestFile => ({ rel, sf: () => parseSource(`/ws/${rel}`, text) });

  it("prefers what existing tests import over the dependencies", () => {
    const tests = [test("test/a.test.ts", `import { test } from "node:test";`), test("test/b.test.ts", `import { test } from "node:test";`)];
    assert.equal(detectRunner(data, pkg(["vitest"]), tests), "node:test");
  });

  it("reads dependencies, then scripts; node:test when nothing says", () => {
    assert.equal(detectRunner(data, pkg(["jest", "openai"]), []), "jest");
    assert.equal(detectRunner(data, pkg([], ["tsx --test src/**/*.test.ts"]), []), "node:test");
    assert.equal(detectRunner(data, pkg([], ["vitest run"]), []), "vitest");
    assert.equal(detectRunner(data, pkg(["openai"]), []), "node:test");
  });

  it("evidence in order: the test script, then the test files' imports, then the dependencies", () => {
    // A bun monorepo package: `bun test`, bun:test files, and node types among the dependencies (issue #11: it got node:test).
    const bunFiles = Array.from({ length: 57 }, (_, i) => test(`src/t${i}.test.ts`, `import { expect, test } from "bun:test";`));
    assert.equal(detectRunner(data, pkg(["@types/node", "openai"], [], ["bun test"]), bunFiles), "bun:test");
    assert.equal(detectRunner(data, pkg(["@types/node", "openai"]), bunFiles), "bun:test");
    assert.equal(detectRunner(data, pkg(["openai"], [], ["bun test --timeout 20000"]), []), "bun:test");
    assert.equal(detectRunner(data, pkg(["vitest"], [], ["mocha 'test/**/*.spec.ts'"]), []), "mocha");
    assert.equal(detectRunner(data, pkg(["openai"]), [test("test/a.spec.ts", `import { describe, it } from "mocha";`)]), "mocha");
    // The test script wins over imports and dependencies.
    assert.equal(detectRunner(data, pkg(["jest"], [], ["vitest run"]), [test("src/a.test.ts", `import { test } from "@jest/globals";`)]), "vitest");
  });

  it("writes an evalite eval when the package's evals import evalite; its dependency alone comes after the test files' imports", () => {
    assert.equal(detectRunner(data, pkg(["evalite", "vitest"]), [test("src/a.eval.ts", `import { evalite } from "evalite";`)]), "evalite");
    assert.equal(detectRunner(data, pkg(["evalite", "vitest"]), [test("src/a.test.ts", `import { test } from "vitest";`)]), "vitest");
    assert.equal(detectRunner(data, pkg(["evalite", "vitest"]), []), "evalite");
  });

  it("follows where the tests are: beside the source, in a __tests__ beside it, in a package's test folder", () => {
    assert.deepEqual(placement("", "src/llm/ask.ts", [test("src/util/a.test.ts"), test("src/b.test.ts")], false), { dir: "src/llm", suffix: ".test" });
    assert.deepEqual(placement("", "src/llm/ask.ts", [test("src/util/__tests__/a.spec.ts")], false), { dir: "src/llm/__tests__", suffix: ".spec" });
    assert.deepEqual(placement("packages/api", "packages/api/src/ask.ts", [test("packages/api/tests/unit/a.test.ts")], false), { dir: "packages/api/tests", suffix: ".test" });
    assert.deepEqual(placement("", "src/ask.ts", [], false), { dir: "test", suffix: ".test" });
    assert.deepEqual(placement("", "src/ask.ts", [test("src/a.test.ts")], true), { dir: "evals", suffix: ".eval" });
  });
});

describe("eval fix: the text of cases the fixtures do not show", () => {
  const base: EvalSpec = {
    runner: "node:test",
    jestGlobals: false,
    typed: true,
    specifier: "../src/ask",
    entry: { fn: undefined as unknown as ts.FunctionLikeDeclaration, exported: "ask", local: "ask", via: { t: "call" }, label: "ask" },
    ctorArgs: [],
    args: [{ text: '"How?"' }],
    result: { t: "string" },
    env: { vars: ["OPENAI_API_KEY"], optIn: false },
    timeout: "60_000",
    style: { q: "'", semi: false, indent: "    ", nl: "\n" },
  };

  it("keeps the file's quotes, semicolons and indentation; opts in when the provider needs no key", () => {
    const text = renderEval({ ...base, env: { vars: ["RUN_LLM_EVALS"], optIn: true } });
    assert.equal(
      text,
      [
        "import assert from 'node:assert/strict'",
        "import { test } from 'node:test'",
        "",
        "// Calls the model for real: skipped unless you set RUN_LLM_EVALS.",
        "// The module is imported in the test: SDK clients read their key when they are built.",
        "// Checks the shape of the answer, not its wording (the model's answers vary).",
        "const skip = !process.env.RUN_LLM_EVALS && 'needs RUN_LLM_EVALS'",
        "",
        "test('ask returns a non-empty string', { skip }, async () => {",
        "    const { ask } = await import('../src/ask')",
        '    const result = await ask("How?")',
        "    assert.equal(typeof result, 'string')",
        "    assert.notEqual(result.trim(), '')",
        "})",
        "",
      ].join("\n"),
    );
  });

  it("narrows a nullable object before reading its properties; checks a label against its values", () => {
    const text = renderEval({
      ...base,
      style: { q: '"', semi: true, indent: "  ", nl: "\n" },
      result: {
        t: "object",
        nullable: true,
        props: [
          { name: "label", optional: false, shape: { t: "literals", values: ['"spam"', '"ham"'], of: "string" } },
          { name: "reason", optional: true, shape: { t: "string" } },
          { name: "scores", optional: false, shape: { t: "array", of: { t: "number" } } },
        ],
      },
    });
    assert.match(text, /\n {2}const result = await ask\("How\?"\);\n {2}assert\.ok\(result\);\n {2}assert\.ok\(\["spam", "ham"\]\.includes\(result\.label\)\);\n {2}assert\.ok\(Array\.isArray\(result\.scores\)\);\n\}\);\n$/);
  });

  it("JavaScript placeholders are undefined, marked for the user", () => {
    const text = renderEval({ ...base, typed: false, args: [{ placeholder: "options", index: 0, array: false }], style: { ...base.style, q: '"', indent: "  " } });
    assert.match(text, /\n {2}\/\/ TODO\(llm-readiness\): a real input\n {2}const options = undefined\n {2}const result = await ask\(options\)\n/);
  });

  it("jest with globals imports nothing; a default export is imported by its local name", () => {
    const text = renderEval({ ...base, runner: "jest", jestGlobals: true, entry: { ...base.entry, exported: "default" }, style: { ...base.style, q: '"', semi: true } });
    assert.match(text, /^\/\/ Calls the model/);
    assert.match(text, /\n {4}const \{ default: ask \} = await import\("\.\.\/src\/ask"\);\n/);
    assert.match(text, /const liveTest = process\.env\.OPENAI_API_KEY \? test : test\.skip;/);
  });
});

// Issue #11: a bun package (`bun test`, bun:test files, no node:test anywhere) got a node:test eval.
// bun's typings are not installed here: the edit text and the runner, without a type check.
describe("eval fix: a bun:test package", () => {
  it("writes a bun:test eval, skipped without the key, with the test's timeout", async () => {
    const dir = path.join(FIX_FIXTURES, "eval/bun-workspace");
    const files: Record<string, string> = {};
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else files[path.relative(dir, p).split(path.sep).join("/")] = fs.readFileSync(p, "utf8");
      }
    };
    walk(dir);
    const r = await fixOnce(files, "eval");
    assert.match(r.fix.title, /^Add a bun:test eval of `suggestTitle` in `src\/title\.test\.ts`$/);
    const text = r.texts["src/title.test.ts"]!;
    assert.match(text, /^import \{ expect, test \} from "bun:test";$/m);
    assert.match(text, /^test\.skipIf\(!process\.env\.OPENAI_API_KEY\)\(/m);
    assert.doesNotMatch(text, /node:test/);
  });
});
