/** The per-file time budget (src/core/budget.ts): a file out of time is skipped `time-budget`, the scan goes on. Clocks are injected, never timed. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { BudgetExceeded, budgetFile, checkBudget, FileBudgets, slowestFiles, unbudgeted } from "../../src/core/budget";
import type { CheckContext } from "../../src/core/checks/checkContext";
import { perScan } from "../../src/core/flow/siteChain";
import ts from "typescript";
import { CallGraph } from "../../src/core/flow/entries";
import type { LimitsLibraries } from "../../src/core/flow/libraryData";
import type { SiteFinder } from "../../src/core/callSites/detect";
import type { Workspace } from "../../src/core/project";
import { ScanReportSchema } from "../../src/core/report";
import { scanWorkspace } from "../../src/core/scan";
import { AnalysisSession } from "../../src/core/session";

const CALL = (name: string) => `import OpenAI from "openai";
const openai = new OpenAI({ timeout: 10_000 });
export async function ${name}(q: string) {
  const r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: q }] });
  return r.choices[0]?.message.content ?? "";
}
`;

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-budget-"));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

/** A clock that stands still, except that every reading inside the analysis of a matching file jumps `stepMs`. */
function slowClockFor(test: (file: string) => boolean, stepMs = 10_000) {
  let t = 0;
  return () => {
    const f = budgetFile();
    if (f !== undefined && test(f)) t += stepMs;
    return t;
  };
}

describe("FileBudgets", () => {
  it("checkBudget is free outside a budget, and throws (sticky) once a file is past it", () => {
    checkBudget(); // no budget runs: nothing happens
    let t = 0;
    const budgets = new FileBudgets(100, () => t);
    let caught = 0;
    assert.throws(
      () =>
        budgets.run("a.ts", () => {
          t = 500;
          // The core swallows errors in places: the next checkpoint throws again.
          for (let i = 0; i < 200; i++) {
            try {
              checkBudget();
            } catch (e) {
              assert.ok(e instanceof BudgetExceeded);
              caught++;
            }
          }
          checkBudget();
        }),
      (e: unknown) => e instanceof BudgetExceeded && e.file === "a.ts" && e.budgetMs === 100,
    );
    assert.ok(caught > 1, "every checkpoint after the first trip throws");
  });

  it("adds a file's time up across phases, and leaves shared work (unbudgeted) out", () => {
    let t = 0;
    const budgets = new FileBudgets(100, () => t);
    budgets.run("a.ts", () => (t += 60));
    assert.equal(budgets.spentOn("a.ts"), 60);
    budgets.run("a.ts", () => unbudgeted(() => (t += 1_000)));
    assert.equal(budgets.spentOn("a.ts"), 60, "the shared index is no one file's time");
    // Work without checkpoints (the parser) is caught after it returns.
    assert.throws(() => budgets.run("a.ts", () => (t += 50)), BudgetExceeded);
    assert.throws(() => budgets.run("a.ts", () => 1), BudgetExceeded, "a file past its budget does not start again");
    assert.equal(budgets.run("b.ts", () => 7), 7, "another file has its own budget");
  });

  it("builds a per-scan helper outside the budget of the file whose site asks first", () => {
    let t = 0;
    const budgets = new FileBudgets(100, () => t);
    const memo = new WeakMap<CheckContext, string>();
    const ctx = {} as CheckContext;
    // The helper indexes the whole workspace (a call graph): a second past the budget, paid by no one file.
    const helper = budgets.run("first.ts", () => perScan(memo, ctx, () => ((t += 1_000), "graph")));
    assert.equal(helper, "graph");
    assert.equal(budgets.spentOn("first.ts"), 0);
    assert.equal(
      budgets.run("second.ts", () => perScan(memo, ctx, () => "built again")),
      "graph",
      "built once per scan",
    );
  });

  it("a budget stop inside the call graph's evaluation is not memoized as 'no caller' for later sites", () => {
    const sf = ts.createSourceFile("/w/a.ts", "function answer() {}\nanswer();\nanswer();\n", ts.ScriptTarget.Latest, true);
    const fn = sf.statements[0] as ts.FunctionDeclaration;
    const ws = { files: new Map([[sf.fileName, { abs: sf.fileName, rel: "a.ts", sf }]]) } as unknown as Workspace;
    let stop = true;
    const finder = {
      ev: {
        eval: () => {
          if (stop) {
            stop = false;
            throw new BudgetExceeded("b.ts", 1);
          }
          return { t: "fn", node: fn };
        },
      },
    } as unknown as SiteFinder;
    const graph = new CallGraph(ws, finder, () => false, {} as LimitsLibraries);
    assert.throws(() => graph.usesOf(fn), BudgetExceeded, "the stop goes through to the file out of time");
    assert.equal(graph.usesOf(fn).length, 2, "another file asking later gets every use");
  });

  it("lists the slowest files with their time per phase (LLMR_PROFILE_FILES)", () => {
    const parse = new Map([["a.ts", 5], ["b.ts", 1]]);
    const detect = new Map([["a.ts", 15], ["b.ts", 2], ["c.ts", 40]]);
    const judge = new Map([["a.ts", 115], ["b.ts", 3], ["c.ts", 41]]);
    const lines = slowestFiles([["parse", parse], ["detect", detect], ["judge", judge]], 2);
    assert.deepEqual(lines, ["   115 ms  a.ts  (parse 5, detect 10, judge 100)", "    41 ms  c.ts  (parse 0, detect 40, judge 1)"]);
  });
});

describe("scan under the per-file budget", () => {
  it("skips the file that runs out of time, with the reason, and goes on with the others", async () => {
    const dir = project({ "src/slow.ts": CALL("slow"), "src/fast.ts": CALL("fast") });
    const report = await scanWorkspace(dir, { clock: slowClockFor((f) => f === "src/slow.ts") });
    assert.deepEqual(
      report.skipped.map((s) => [s.file, s.reason]),
      [["src/slow.ts", "time-budget"]],
    );
    assert.match(report.skipped[0]!.detail ?? "", /2000 ms budget/);
    assert.deepEqual(report.sites.map((s) => s.file), ["src/fast.ts"]);
    assert.equal(report.summary.skipped, 1);
    assert.ok(ScanReportSchema.safeParse(report).success);
  });

  it("takes the budget from the options, then from .llm-readiness.json", async () => {
    const dir = project({ "src/slow.ts": CALL("slow"), ".llm-readiness.json": JSON.stringify({ fileBudgetMs: 600_000 }) });
    const clock = () => slowClockFor((f) => f === "src/slow.ts", 1);
    // 1 ms a reading: far below the configured budget, past a 1 ms option.
    assert.deepEqual((await scanWorkspace(dir, { clock: clock() })).skipped, []);
    assert.deepEqual((await scanWorkspace(dir, { clock: clock(), fileBudgetMs: 1 })).skipped.map((s) => s.reason), ["time-budget"]);
    const without = project({ "src/slow.ts": CALL("slow") });
    assert.deepEqual((await scanWorkspace(without, { clock: slowClockFor((f) => f === "src/slow.ts") })).skipped.map((s) => s.reason), ["time-budget"]);
  });

  it("an incremental update skips a file out of time and takes it back when it is fast again", async () => {
    const dir = project({ "src/a.ts": CALL("a"), "src/b.ts": CALL("b") });
    let slow = false;
    let t = 0;
    const clock = () => {
      if (slow && budgetFile() === "src/b.ts") t += 10_000;
      return t;
    };
    const session = await AnalysisSession.open(dir, { clock });
    assert.equal(session.report().sites.length, 2);
    slow = true;
    let r = await session.update([{ abs: path.join(dir, "src/b.ts"), text: CALL("b2") }]);
    assert.deepEqual(r.skipped.map((s) => [s.file, s.reason]), [["src/b.ts", "time-budget"]]);
    assert.deepEqual(r.sites.map((s) => s.file), ["src/a.ts"]);
    slow = false;
    r = await session.update([{ abs: path.join(dir, "src/b.ts"), text: CALL("b3") }]);
    assert.deepEqual(r.skipped, []);
    assert.deepEqual(r.sites.map((s) => s.file), ["src/a.ts", "src/b.ts"]);
  });
});
