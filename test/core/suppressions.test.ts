/** Suppression comments: parsing (reason required, known checks only, not inside strings), what they apply to, and their place in the report. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import ts from "typescript";
import { ignoredSuppressionsFor, readSuppressions, suppressionsFor, statementOf } from "../../src/core/suppressions";
import { placeholderReason } from "../../src/core/suppressionReason";
import { analyzeWorkspace } from "../../src/core/scan";
import { buildReport, location, type Judge } from "../../src/core/buildReport";
import { ScanReportSchema } from "../../src/core/report";
import { CHECK_IDS, type CheckId, type CheckResult } from "../../src/core/types";

const parse = (text: string, name = "a.ts") => ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
const read = (text: string, name?: string) => readSuppressions(parse(text, name));

describe("suppressions: parsing", () => {
  it("reads a next-line directive with several checks and its reason", () => {
    const s = read(["const a = 1;", "// llm-readiness-disable-next-line timeout, retry -- the queue worker has its own deadline", "call();"].join("\n"));
    assert.deepEqual(s.problems, []);
    assert.deepEqual(s.directives, [
      { scope: "next-line", checks: ["timeout", "retry"], reason: "the queue worker has its own deadline", line: 2, target: 3 },
    ]);
  });

  it("reads a file-level directive in a block comment, anywhere in the file, JSDoc style too", () => {
    const s = read(["call();", "/* llm-readiness-disable eval -- covered by the nightly evals repo */", "/**", " * llm-readiness-disable usage", " *   -- metered by the gateway", " */"].join("\n"));
    assert.deepEqual(s.problems, []);
    assert.deepEqual(
      s.directives.map((d) => [d.scope, d.checks, d.reason, d.line]),
      [
        ["file", ["eval"], "covered by the nightly evals repo", 2],
        ["file", ["usage"], "metered by the gateway", 3],
      ],
    );
  });

  it("accepts checks separated by spaces or commas, once each", () => {
    const s = read("// llm-readiness-disable-next-line timeout retry,eval timeout -- why\nx();");
    assert.deepEqual(s.directives[0]?.checks, ["timeout", "retry", "eval"]);
  });

  it("reports a directive without a reason, and ignores it", () => {
    const s = read("f();\n// llm-readiness-disable-next-line timeout\nx();\n// llm-readiness-disable-next-line timeout --   \ny();");
    assert.deepEqual(s.directives, []);
    assert.deepEqual(s.problems.map((p) => p.line), [2, 4]);
    assert.match(s.problems[0]!.message, /^line 2: `llm-readiness-disable-next-line timeout` has no reason \(add ` -- <why>` after the checks\); the suppression was ignored$/);
  });

  it("reports an unknown check, suggesting the closest, and ignores the whole directive", () => {
    const s = read("/* llm-readiness-disable timout, retry -- flaky */");
    assert.deepEqual(s.directives, []);
    assert.equal(s.problems.length, 1);
    assert.match(s.problems[0]!.message, /^line 1: unknown check `timout` in `llm-readiness-disable` \(did you mean `timeout`\?\); the checks are timeout, retry, validation, fallback, usage, eval, context, limits; the suppression was ignored$/);
  });

  it("reports a directive naming no check, and a misspelt directive", () => {
    const s = read("// llm-readiness-disable-next-line -- because\nx();\n// llm-readiness-disable-line timeout -- because\ny();");
    assert.deepEqual(s.directives, []);
    assert.match(s.problems[0]!.message, /^line 1: `llm-readiness-disable-next-line` names no check/);
    assert.match(s.problems[1]!.message, /^line 3: unknown directive `llm-readiness-disable-line`/);
  });

  it("ignores the directive text in strings, templates, regexes and JSX text", () => {
    const text = [
      'const a = "// llm-readiness-disable-next-line timeout -- no";',
      "const b = `/* llm-readiness-disable retry */ ${a} // llm-readiness-disable-next-line eval`;",
      "const c = /llm-readiness-disable timeout/;",
      "const d = <p>// llm-readiness-disable-next-line usage -- no</p>;",
    ].join("\n");
    const s = read(text, "a.tsx");
    assert.deepEqual(s, { directives: [], problems: [] });
  });

  it("finds directives in every place a comment can be: after code, before a closing brace, at the end of the file", () => {
    const text = [
      "function f() {",
      "  g(); // llm-readiness-disable-next-line timeout -- the proxy sets a deadline",
      "  h();",
      "  /* llm-readiness-disable retry -- the queue retries failed jobs */",
      "}",
      "// llm-readiness-disable-next-line eval -- covered by the nightly eval",
    ].join("\n");
    const s = read(text);
    assert.deepEqual(s.problems, []);
    assert.deepEqual(s.directives.map((d) => [d.line, d.checks[0], d.target]), [[2, "timeout", 3], [4, "retry", undefined], [6, "eval", 7]]);
  });

  it("lets stacked next-line directives reach the same call", () => {
    const s = read(["// llm-readiness-disable-next-line timeout -- the proxy sets a deadline", "// llm-readiness-disable-next-line retry -- the queue retries jobs", "call();"].join("\n"));
    assert.deepEqual(s.directives.map((d) => d.target), [3, 3]);
  });
});

describe("suppressions: placeholder reasons", () => {
  for (const reason of ["reason", "todo", "TBD", "TODO.", "fix later", "n/a"]) {
    it(`ignores \`-- ${reason}\` and says why`, () => {
      const s = read(`// llm-readiness-disable-next-line timeout -- ${reason}\ncall();`);
      assert.equal(s.problems.length, 1);
      assert.match(s.problems[0]!.message, /^line 1: the reason `.*` is (a placeholder|too short)/);
      assert.match(s.problems[0]!.message, /the suppression was ignored$/);
      assert.equal(s.directives[0]!.rejected !== undefined, true);
      assert.deepEqual(suppressionsFor(s, "a.ts", { line: 2, statementLine: 2 }), []);
      assert.deepEqual(ignoredSuppressionsFor(s, "a.ts", { line: 2, statementLine: 2 }).map((x) => [x.check, x.reason]), [["timeout", reason]]);
    });
  }
  it("accepts a reason of three words or more", () => {
    assert.equal(placeholderReason("the gateway retries"), undefined);
    assert.match(placeholderReason("  ") ?? "", /empty/);
    const s = read("// llm-readiness-disable-next-line timeout -- the gateway enforces 30s\ncall();");
    assert.deepEqual(s.problems, []);
    assert.equal(suppressionsFor(s, "a.ts", { line: 2, statementLine: 2 }).length, 1);
  });
});

describe("suppressions: what a directive applies to", () => {
  const text = [
    "// llm-readiness-disable-next-line timeout -- the proxy sets a deadline",
    "const r = await openai.chat.completions.create({ model });",
    "// llm-readiness-disable-next-line retry -- the queue retries jobs",
    "const s =",
    "  await openai.chat.completions.create({ model });",
    "await openai.chat.completions.create({ model });",
    "/* llm-readiness-disable eval -- covered by the nightly eval */",
  ].join("\n");
  const sf = parse(text);
  const s = readSuppressions(sf);
  const calls: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) calls.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const at = (call: ts.CallExpression) => suppressionsFor(s, "a.ts", { line: lineOf(call), statementLine: lineOf(statementOf(call)) });

  it("applies a next-line directive to the call on the next line", () => {
    assert.deepEqual(at(calls[0]!), [
      { check: "timeout", reason: "the proxy sets a deadline", at: "a.ts:1" },
      { check: "eval", reason: "covered by the nightly eval", at: "a.ts:7" },
    ]);
  });

  it("applies it to a call whose statement starts on the next line", () => {
    assert.deepEqual(at(calls[1]!).map((x) => x.check), ["retry", "eval"]);
  });

  it("applies file-level directives to every call, and nothing else to a call without a directive above", () => {
    assert.deepEqual(at(calls[2]!).map((x) => x.check), ["eval"]);
  });
});

/** Each check's failing value. */
const FAILING: Record<CheckId, string> = { timeout: "none", retry: "none", validation: "unchecked", fallback: "none", usage: "none", eval: "none", context: "unbounded", limits: "unlimited" };

describe("suppressions: in the report", () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  /** A workspace of files, scanned with a judge that fails every check (so suppressions show in the score). */
  async function scan(files: Record<string, string>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-supp-"));
    dirs.push(dir);
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    const analysis = await analyzeWorkspace(dir);
    const failAll: Judge = () =>
      Object.fromEntries(CHECK_IDS.map((c) => [c, { value: FAILING[c], status: "fail" } as CheckResult])) as Record<CheckId, CheckResult>;
    return { report: buildReport(dir, analysis, failAll), analysis };
  }

  const client = 'import OpenAI from "openai";\nconst openai = new OpenAI();\n';

  it("keeps the check's value and status, lists the suppression, and counts it as a pass in the score", async () => {
    const { report } = await scan({
      "src/ai.ts": [
        client,
        "export async function a(q: string) {",
        "  // llm-readiness-disable-next-line timeout, fallback -- the job runner kills the worker after 30s and retries",
        '  return openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: q }] });',
        "}",
        "export async function b(q: string) {",
        '  return openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: q }] });',
        "}",
      ].join("\n"),
    });
    ScanReportSchema.parse(report);
    assert.equal(report.sites.length, 2);
    const [a, b] = report.sites;
    assert.deepEqual(a!.suppressed, [
      { check: "timeout", reason: "the job runner kills the worker after 30s and retries", at: "src/ai.ts:5" },
      { check: "fallback", reason: "the job runner kills the worker after 30s and retries", at: "src/ai.ts:5" },
    ]);
    assert.deepEqual(a!.checks.timeout, { value: "none", status: "fail" });
    assert.equal(report.summary.byCheck.timeout.fail, 2);
    assert.deepEqual(b!.suppressed, []);
    // Weights 3 (timeout) + 2 (fallback) of 17 come back as a pass.
    assert.equal(a!.score, Math.round((100 * 5) / 17));
    assert.equal(b!.score, 0);
  });

  it("reports a malformed suppression in errors[] with its line, and it suppresses nothing", async () => {
    const { report } = await scan({
      "src/ai.ts": [client, "// llm-readiness-disable-next-line timeout", 'openai.chat.completions.create({ model: "gpt-4o", messages: [] });'].join("\n"),
      "src/util.ts": "/* llm-readiness-disable retri -- typo */\nexport const x = 1;\n",
    });
    ScanReportSchema.parse(report);
    assert.deepEqual(report.sites[0]!.suppressed, []);
    const problems = report.errors.filter((e) => /suppression/.test(e.message));
    assert.deepEqual(problems.map((e) => [e.file, e.line]), [["src/ai.ts", 4], ["src/util.ts", 1]]);
    assert.match(problems[0]!.message, /^line 4: .*has no reason.*; the suppression was ignored$/);
    assert.match(problems[1]!.message, /unknown check `retri`.*did you mean `retry`/);
  });

  it("applies a file-level directive to every site of its file only", async () => {
    const { report, analysis } = await scan({
      "src/a.ts": [client, "/* llm-readiness-disable eval -- evals live in the prompt repo */", 'openai.embeddings.create({ model: "text-embedding-3-small", input: "a" });', 'openai.embeddings.create({ model: "text-embedding-3-small", input: "b" });'].join("\n"),
      "src/b.ts": [client, 'openai.embeddings.create({ model: "text-embedding-3-small", input: "c" });'].join("\n"),
    });
    assert.equal(analysis.sites.length, 3, analysis.sites.map((s) => `${s.file.rel}:${location(s).line}`).join());
    assert.deepEqual(report.sites.map((s) => [s.file, s.suppressed.map((x) => x.check)]), [["src/a.ts", ["eval"]], ["src/a.ts", ["eval"]], ["src/b.ts", []]]);
  });
});
