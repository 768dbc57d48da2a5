/** dist/worker.js in a real worker thread, through AnalysisClient: open, update, cancel, an invalid configuration, a malformed message. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { AnalysisClient, AnalysisFailed, workerHeapLimitMb } from "../../src/extension/analysisClient";
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

describe("the analysis worker's deaths", () => {
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };

  it("caps the heap from the machine's memory", () => {
    assert.equal(workerHeapLimitMb(24 * 1024 ** 3), 4096);
    assert.equal(workerHeapLimitMb(8 * 1024 ** 3), 2048);
    assert.equal(workerHeapLimitMb(1 * 1024 ** 3), 512);
  });

  it("restarts once after a death, stops after a second (no loop), and starts again after reset()", async () => {
    const heard: string[] = [];
    const logs: string[] = [];
    const client = new AnalysisClient(WORKER, { ...quiet, error: (m) => logs.push(m) }, { restarted: (r) => heard.push(`restarted ${r}`), stopped: (r) => heard.push(`stopped ${r}`) });
    try {
      await client.open(SAMPLE, {}, new Map());
      // Killed while a request runs: the request fails and asks for an open; the worker is restarted.
      const running = client.open(SAMPLE, {}, new Map());
      assert.equal(client.killWorkerForTest(), true);
      await assert.rejects(running, (e: AnalysisFailed) => !e.cancelled && e.needsOpen);
      assert.deepEqual(heard, ["restarted exited with code 1"]);
      assert.ok(logs.some((l) => /analysis worker stopped \(exited with code 1\); restarting it/.test(l)), logs.join("\n"));
      const { report } = await client.open(SAMPLE, {}, new Map());
      assert.ok(report.sites.length >= 10, "a new worker answers");

      // A second death: stopped, and requests fail at once instead of starting a worker again.
      client.killWorkerForTest();
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(heard.length, 2);
      assert.match(heard[1]!, /^stopped /);
      assert.equal(client.stopped, true);
      await assert.rejects(client.open(SAMPLE, {}, new Map()), (e: AnalysisFailed) => /stopped twice/.test(e.message) && !e.needsOpen);
      assert.equal(client.killWorkerForTest(), false, "no worker was started");

      client.reset();
      assert.ok((await client.open(SAMPLE, {}, new Map())).report.sites.length >= 10);
    } finally {
      client.dispose();
    }
  });

  it("a worker over its heap cap dies of it, and the extension host lives on", async () => {
    const heard: string[] = [];
    const client = new AnalysisClient(WORKER, quiet, { restarted: (r) => heard.push(r) }, { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 });
    try {
      await assert.rejects(client.open(SAMPLE, {}, new Map()), (e: AnalysisFailed) => !e.cancelled);
      assert.equal(heard.length, 1);
      assert.match(heard[0]!, /^out of memory: over the 4 MB heap cap$/);
    } finally {
      client.dispose();
    }
  });
});
