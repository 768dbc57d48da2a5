/** dist/worker.js in a real worker thread, through AnalysisClient: open, update, cancel, an invalid configuration, a malformed message. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { AnalysisClient, AnalysisFailed } from "../../src/extension/analysisClient";
import { FromWorker, ToWorker } from "../../src/shared/workerMessages";

const WORKER = path.resolve("dist/worker.js");
const SAMPLE = path.resolve("test/workspaces/sample");

describe("the analysis worker", () => {
  const logs: string[] = [];
  const client = new AnalysisClient(WORKER, { info: (m) => logs.push(`info ${m}`), warn: (m) => logs.push(`warn ${m}`), error: (m) => logs.push(`error ${m}`) });
  after(() => client.dispose());

  it("opens a folder with progress and returns the editor report (callee ends, defaults)", async () => {
    const progress: [number, number][] = [];
    const { report, ms } = await client.open(SAMPLE, {}, new Map(), { onProgress: (d, t) => progress.push([d, t]) });
    assert.ok(ms > 0);
    assert.ok(report.sites.length >= 10);
    const s = report.sites.find((x) => x.file === "src/lib/summarize.ts")!;
    assert.deepEqual(s.calleeEnd, { line: 15, column: 51 });
    assert.equal(s.defaults?.sender, "Anthropic");
    assert.ok(progress.length > 0 && progress.at(-1)![0] === progress.at(-1)![1], JSON.stringify(progress));
  });

  it("applies an unsaved edit in an update", async () => {
    const abs = path.join(SAMPLE, "src/lib/summarize.ts");
    const text = fs.readFileSync(abs, "utf8").replace("ANTHROPIC_API_KEY }", "ANTHROPIC_API_KEY, timeout: 20_000 }");
    const { report } = await client.update(SAMPLE, [{ abs, text }]);
    assert.equal(report.sites.find((x) => x.file === "src/lib/summarize.ts")!.checks.timeout.value, "explicit");
    const back = await client.update(SAMPLE, [{ abs, text: fs.readFileSync(abs, "utf8") }]);
    assert.equal(back.report.sites.find((x) => x.file === "src/lib/summarize.ts")!.checks.timeout.value, "none");
  });

  it("asks for an open when a folder has no session", async () => {
    await assert.rejects(client.update("/nowhere", [{ abs: "/nowhere/a.ts", text: "" }]), (e: AnalysisFailed) => e.needsOpen && !e.cancelled);
  });

  it("answers a cancelled request with cancelled", async () => {
    const controller = new AbortController();
    const p = client.open(SAMPLE, {}, new Map(), { signal: controller.signal });
    controller.abort();
    await assert.rejects(p, (e: AnalysisFailed) => e.cancelled);
  });

  it("reports an invalid configuration with its located problems", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-worker-"));
    try {
      fs.writeFileSync(path.join(dir, "a.ts"), "export const x = 1;\n");
      fs.writeFileSync(path.join(dir, ".llm-readiness.json"), '{\n  "severity": { "timeout": "loud" }\n}\n');
      await assert.rejects(client.open(dir, {}, new Map()), (e: AnalysisFailed) => {
        assert.equal(e.cancelled, false);
        assert.equal(e.problems[0]?.file, path.join(dir, ".llm-readiness.json"));
        assert.equal(e.problems[0]?.line, 2);
        return true;
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("worker messages", () => {
  it("accept what each side sends and reject the rest", () => {
    assert.ok(ToWorker.safeParse({ type: "session/update", id: 3, root: "/w", changes: [{ abs: "/w/a.ts", text: null }] }).success);
    assert.ok(!ToWorker.safeParse({ type: "session/update", id: 0, root: "/w", changes: [] }).success);
    assert.ok(!ToWorker.safeParse({ type: "session/rename", id: 1 }).success);
    assert.ok(FromWorker.safeParse({ type: "log", level: "warn", message: "x" }).success);
    assert.ok(!FromWorker.safeParse({ type: "log", level: "debug", message: "x" }).success);
  });
});
