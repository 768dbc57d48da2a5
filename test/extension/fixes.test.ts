/**
 * The editor's quick-fixes without VS Code: the worker's `fixes/site` and `fixes/all` through AnalysisClient
 * (dist/worker.js in a real worker thread), the edits between two texts, the "disable for this line" comment,
 * the order of the lightbulb entries, and the fix settings.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import ts from "typescript";
import { readSuppressions, suppressionsFor } from "../../src/core/suppressions";
import { AnalysisClient } from "../../src/extension/analysisClient";
import { applyTextEdits, checksOfEdits, disableLineInsert, editsBetween } from "../../src/extension/fixEdits";
import { fixAllSummary, MAX_ROWS, menuForSite } from "../../src/extension/fixMenu";
import { fixOptionsOf, parseSettings } from "../../src/extension/settings";
import { ToWorker, type WireFix } from "../../src/shared/workerMessages";

const WORKER = path.resolve("dist/worker.js");
const OPTIONS = { timeoutMs: 30_000, maxRetries: 3, helperFile: "src/llm/resilience.ts", maxOutputTokens: 1024 };

const REPLY = `import OpenAI from "openai";

const openai = new OpenAI();

export async function suggestReply(ticket: string): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: ticket }],
  });
  return completion.choices[0]?.message.content ?? "";
}
`;

describe("quick-fixes through the worker", () => {
  let dir: string;
  let abs: string;
  const logs: string[] = [];
  const client = new AnalysisClient(WORKER, { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) });
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-fixes-"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "support-bot", private: true, dependencies: { openai: "^7.0.0" } }));
    fs.mkdirSync(path.join(dir, "src"));
    abs = path.join(dir, "src", "reply.ts");
    fs.writeFileSync(abs, REPLY);
    await client.open(dir, {}, new Map());
  });
  after(() => {
    client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("fixes/site: offsets are into the editor's unsaved text, not the file on disk", async () => {
    // Two lines typed above the call and not saved: the call moved down two lines.
    const buffer = REPLY.replace("const openai = new OpenAI();", "// shared client\n// (one per process)\nconst openai = new OpenAI();");
    const fixes = await client.fixesAt({ root: dir, abs, text: buffer, lines: { from: 8, to: 8 }, changes: [], options: OPTIONS });
    const timeout = fixes.find((f) => f.check === "timeout");
    assert.ok(timeout, JSON.stringify(fixes.map((f) => f.title)));
    assert.deepEqual(timeout.site, { file: "src/reply.ts", line: 8, column: 28 });
    assert.equal(timeout.safe, true);
    const fixed = applyTextEdits(buffer, timeout.edits);
    assert.equal(fixed, buffer.replace("  });\n  return", "  }, { timeout: 30_000 });\n  return"));
    // Lines away from the call: no fixes.
    assert.deepEqual(await client.fixesAt({ root: dir, abs, text: buffer, lines: { from: 1, to: 2 }, changes: [], options: OPTIONS }), []);
  });

  it("fixes/site: the timeout comes from the options", async () => {
    const fixes = await client.fixesAt({ root: dir, abs, text: REPLY, lines: { from: 6, to: 6 }, changes: [], options: { ...OPTIONS, timeoutMs: 12_500 } });
    const timeout = fixes.find((f) => f.check === "timeout")!;
    assert.match(applyTextEdits(REPLY, timeout.edits), /\}, \{ timeout: 12_500 \}\);/);
  });

  it("fixes/all: the changed files' texts and the edits between them; the session goes back to the editor's text", async () => {
    const answer = await client.fixAll({ root: dir, files: ["src/reply.ts"], checks: ["timeout"], safeOnly: true, changes: [{ abs, text: REPLY }], options: OPTIONS });
    assert.deepEqual(answer.applied.map((a) => [a.check, a.site.line]), [["timeout", 6]]);
    assert.equal(answer.files.length, 1);
    const f = answer.files[0]!;
    assert.equal(f.before, REPLY);
    assert.match(f.after, /\}, \{ timeout: 30_000 \}\);/);
    assert.equal(applyTextEdits(f.before, f.edits), f.after);
    assert.deepEqual(f.edits, [{ file: "src/reply.ts", start: REPLY.indexOf(");\n  return"), end: REPLY.indexOf(");\n  return"), newText: ", { timeout: 30_000 }" }]);
    // Nothing was kept: the next report still has the finding the editor shows.
    const { report } = await client.update(dir, [{ abs, text: REPLY + "\n" }]);
    assert.equal(report.sites.find((s) => s.file === "src/reply.ts")!.checks.timeout.value, "none");
  });

  it("answers needsOpen for a folder without a session", async () => {
    await assert.rejects(client.fixesAt({ root: "/nowhere", abs: "/nowhere/a.ts", text: "", lines: { from: 1, to: 1 }, changes: [], options: OPTIONS }), (e: { needsOpen: boolean }) => e.needsOpen);
  });

  it("validates fix requests like every message", () => {
    const site = { type: "fixes/site", id: 1, root: "/w", abs: "/w/a.ts", text: "", lines: { from: 1, to: 1 }, changes: [], options: OPTIONS };
    assert.ok(ToWorker.safeParse(site).success);
    assert.ok(!ToWorker.safeParse({ ...site, options: { ...OPTIONS, timeoutMs: 30 } }).success, "30 ms is a typo for seconds");
    assert.ok(!ToWorker.safeParse({ ...site, options: { ...OPTIONS, helperFile: "../x.ts" } }).success);
    assert.ok(!ToWorker.safeParse({ type: "fixes/all", id: 2, root: "/w", safeOnly: true, changes: [], options: OPTIONS, checks: ["timout"] }).success);
  });
});

describe("edits between two texts", () => {
  it("are as small as the change, one per changed block", () => {
    const before = "import a from 'a';\n\nconst x = call({ a: 1 });\nconst y = 2;\nconst z = call({ b: 1 });\n";
    const after = "import a from 'a';\nimport { t } from 't';\n\nconst x = call({ a: 1 }, { timeout: 30_000 });\nconst y = 2;\nconst z = call({ b: 1 });\n";
    const edits = editsBetween("f.ts", before, after);
    assert.deepEqual(
      edits.map((e) => [before.slice(e.start, e.end), e.newText]),
      [
        ["", "import { t } from 't';\n"],
        ["", ", { timeout: 30_000 }"],
      ],
    );
    assert.equal(applyTextEdits(before, edits), after);
  });

  it("handle deletions, whole new texts and no change", () => {
    for (const [a, b] of [
      ["one\ntwo\nthree\n", "one\nthree\n"],
      ["", "export {};\n"],
      ["a\r\nb\r\n", "a\r\nB\r\nb\r\n"],
      ["no newline at the end", "no newline at the end, still"],
    ]) assert.equal(applyTextEdits(a!, editsBetween("f.ts", a!, b!)), b);
    assert.deepEqual(editsBetween("f.ts", "same\n", "same\n"), []);
  });
});

describe("disable for this line", () => {
  const insert = (check: "timeout" | "eval", source: string, line: number) => {
    const lines = source.split("\n");
    const ins = disableLineInsert(check, lines[line - 1]!);
    lines[line - 1] = lines[line - 1]!.slice(0, ins.column) + ins.head + "the batch job has its own deadline" + ins.tail + lines[line - 1]!.slice(ins.column);
    return { text: lines.join("\n"), ins };
  };

  it("writes a directive the core reads, at the call's indentation, with the reason given", () => {
    const { text, ins } = insert("timeout", REPLY, 6);
    assert.equal(ins.head, "  // llm-readiness-disable-next-line timeout -- ");
    assert.equal(ins.column, 0);
    assert.equal(ins.tail, "\n");
    assert.match(text, /\n {2}\/\/ llm-readiness-disable-next-line timeout -- the batch job has its own deadline\n {2}const completion = await/);
    const sf = ts.createSourceFile("reply.ts", text, ts.ScriptTarget.Latest, true);
    const read = readSuppressions(sf);
    assert.deepEqual(read.problems, []);
    // The call moved to line 7; the directive on line 6 reaches it.
    assert.deepEqual(suppressionsFor(read, "src/reply.ts", { line: 7, statementLine: 7 }), [{ check: "timeout", reason: "the batch job has its own deadline", at: "src/reply.ts:6" }]);
  });

  it("stacks under an existing directive, and both apply", () => {
    const once = insert("timeout", REPLY, 6).text;
    const twice = insert("eval", once, 7).text;
    const read = readSuppressions(ts.createSourceFile("reply.ts", twice, ts.ScriptTarget.Latest, true));
    assert.deepEqual(suppressionsFor(read, "src/reply.ts", { line: 8, statementLine: 8 }).map((s) => s.check), ["timeout", "eval"]);
  });

  it("keeps tabs", () => {
    assert.deepEqual(disableLineInsert("retry", "\t\tawait client.send(cmd);"), { column: 0, head: "\t\t// llm-readiness-disable-next-line retry -- ", tail: "\n" });
  });
});

describe("the lightbulb's entries for a call site", () => {
  const fix = (over: Partial<WireFix>): WireFix => ({
    check: "timeout",
    title: "Add `timeout: 30_000` to the request options",
    strategy: "native",
    safe: true,
    edits: [{ file: "src/a.ts", start: 10, end: 10, newText: ", { timeout: 30_000 }" }],
    create: [],
    site: { file: "src/a.ts", line: 6, column: 28 },
    ...over,
  });
  const at = { line: 6, column: 28 };

  it("come as production-ready (the one preferred) → one fix per check, the safe one first → disable → docs", () => {
    const unsafe = fix({ title: "Wrap in try/catch with a default value", safe: false });
    const entries = menuForSite(["timeout", "retry"], at, [unsafe, fix({}), fix({ check: "retry", title: "Add `maxRetries: 3`" })]);
    assert.deepEqual(
      entries.map((e) => [e.kind, e.title]),
      [
        ["all", "Make this call production-ready (2 safe fixes)"],
        ["fix", "Add timeout: 30_000 to the request options"],
        ["fix", "Add maxRetries: 3"],
        ["disable", "Disable a check for this line…"],
        ["docs", "Open docs…"],
      ],
    );
  });

  it("keep to six rows for a call failing five checks, each with fixes", () => {
    const checks = ["timeout", "retry", "fallback", "usage", "eval"] as const;
    const fixes = checks.flatMap((c) => [fix({ check: c, title: `Fix ${c}` }), fix({ check: c, title: `Other fix for ${c}`, safe: false })]);
    const entries = menuForSite([...checks], at, fixes);
    assert.equal(entries.length, MAX_ROWS);
    assert.deepEqual(entries.map((e) => e.kind), ["all", "fix", "fix", "fix", "disable", "docs"]);
    assert.equal(entries[0]!.title, "Make this call production-ready (5 safe fixes)");
  });

  it("offer no production-ready entry without a safe fix, and name the one check's docs", () => {
    const entries = menuForSite(["fallback"], at, [fix({ check: "fallback", title: "Wrap in try/catch", safe: false })]);
    assert.deepEqual(entries.map((e) => [e.kind, e.title]), [["fix", "Wrap in try/catch"], ["disable", "Disable a check for this line…"], ["docs", "Open fallback docs"]]);
  });

  it("take only the fixes of the site and of its diagnostics' checks", () => {
    const entries = menuForSite(["timeout"], at, [fix({ site: { file: "src/a.ts", line: 9, column: 3 } }), fix({ check: "retry" })]);
    assert.deepEqual(entries.map((e) => e.kind), ["disable", "docs"]);
  });

  it("summarize a fix-all for messages", () => {
    const applied = [fix({}), fix({ site: { file: "src/b.ts", line: 2, column: 1 } }), fix({ check: "retry", site: { file: "src/b.ts", line: 2, column: 1 } })];
    const answer = { applied, files: [{ file: "src/a.ts", before: "", after: "", edits: [] }, { file: "src/b.ts", before: "", after: "", edits: [] }], created: [{ file: "src/llm/resilience.ts", text: "" }] };
    assert.equal(fixAllSummary(answer), "3 fixes (timeout ×2, retry) in 3 files");
  });
});

describe("the checks of a fix-all's edits (the refactor preview's groups)", () => {
  it("follow each fix's edits through the later ones to the final diff", () => {
    const before = "import a from 'a';\n\nconst x = call({ a: 1 });\nconst y = 2;\nconst z = call({ b: 1 });\n";
    // timeout adds an option to the first call; retry then adds an import at the top and an option to the second call.
    const t1 = before.indexOf(" });");
    const timeout = { check: "timeout" as const, edits: [{ file: "f.ts", start: t1, end: t1, newText: ", timeout: 30_000" }] };
    const mid = applyTextEdits(before, timeout.edits);
    const r2 = mid.lastIndexOf(" });");
    const retry = { check: "retry" as const, edits: [{ file: "f.ts", start: 0, end: 0, newText: "import { withRetry } from './r';\n" }, { file: "f.ts", start: r2, end: r2, newText: ", maxRetries: 3" }] };
    const after = applyTextEdits(mid, retry.edits);
    const edits = editsBetween("f.ts", before, after);
    assert.deepEqual(checksOfEdits("f.ts", [timeout, retry], edits), [["retry"], ["timeout"], ["retry"]]);
  });
});

describe("fix settings", () => {
  it("default to the core's options, with no fallback model", () => {
    assert.deepEqual(fixOptionsOf(parseSettings(() => undefined)), OPTIONS);
  });

  it("pass a fallback model and a normalized helper path", () => {
    const raw: Record<string, unknown> = { "fix.fallbackModel": " gpt-4o-mini ", "fix.helperFile": "./lib/llm/resilience.ts", "fix.timeoutMs": 45_000, "fix.historyMessages": 20 };
    assert.deepEqual(fixOptionsOf(parseSettings((k) => raw[k])), { timeoutMs: 45_000, maxRetries: 3, helperFile: "lib/llm/resilience.ts", fallbackModel: "gpt-4o-mini", maxOutputTokens: 1024, historyMessages: 20 });
  });

  it("replace bad values by their defaults, one log line each", () => {
    const warnings: string[] = [];
    const raw: Record<string, unknown> = { "fix.timeoutMs": 30, "fix.maxRetries": -1, "fix.helperFile": "/etc/resilience.ts", "fix.fallbackModel": 4 };
    assert.deepEqual(fixOptionsOf(parseSettings((k) => raw[k], (m) => warnings.push(m))), OPTIONS);
    assert.equal(warnings.length, 4);
    assert.match(warnings.find((w) => w.includes("fix.helperFile"))!, /relative to the workspace folder.*using "src\/llm\/resilience\.ts"/);
  });
});
