/** FolderAnalysis against a fake worker client: debounced batches, one request at a time, reopening when an update cannot apply. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnalysisFailed, type AnalysisClient } from "../../src/extension/analysisClient";
import { FolderAnalysis } from "../../src/extension/folderAnalysis";
import type { EditorReport } from "../../src/shared/workerMessages";

const report = (n: number) => ({ summary: { files: n, sites: 0 }, sites: [], errors: [] }) as unknown as EditorReport;
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** Records requests; each answers when the test resolves it. */
class FakeClient {
  calls: { kind: "open" | "update"; changes?: { abs: string; text: string | null }[]; overlay?: Map<string, string>; signal?: AbortSignal }[] = [];
  private answers: { resolve: (r: { report: EditorReport; ms: number }) => void; reject: (e: AnalysisFailed) => void }[] = [];
  closed = false;
  open(_root: string, _o: unknown, overlay: Map<string, string>, opts: { signal?: AbortSignal } = {}) {
    this.calls.push({ kind: "open", overlay, ...(opts.signal ? { signal: opts.signal } : {}) });
    return this.pending(opts.signal);
  }
  update(_root: string, changes: { abs: string; text: string | null }[], opts: { signal?: AbortSignal } = {}) {
    this.calls.push({ kind: "update", changes, ...(opts.signal ? { signal: opts.signal } : {}) });
    return this.pending(opts.signal);
  }
  close() {
    this.closed = true;
  }
  answer(n: number) {
    this.answers.shift()!.resolve({ report: report(n), ms: 1 });
  }
  fail(e: AnalysisFailed) {
    this.answers.shift()!.reject(e);
  }
  private pending(signal?: AbortSignal) {
    return new Promise<{ report: EditorReport; ms: number }>((resolve, reject) => {
      if (signal?.aborted) return reject(new AnalysisFailed("cancelled", true));
      const entry = { resolve, reject };
      this.answers.push(entry);
      signal?.addEventListener("abort", () => {
        this.answers = this.answers.filter((a) => a !== entry);
        reject(new AnalysisFailed("cancelled", true));
      });
    });
  }
}

function setup(overlay = new Map<string, string>()) {
  const client = new FakeClient();
  const events: string[] = [];
  const fa = new FolderAnalysis(
    "/w",
    client as unknown as AnalysisClient,
    {
      report: (r, how) => events.push(`${how}:${r.summary.files}`),
      failed: (e) => events.push(`failed:${e.message}`),
      cancelled: () => events.push("cancelled"),
    },
    () => ({}),
    () => overlay,
    () => 20,
    { info: () => {}, warn: () => {}, error: () => {} },
  );
  return { client, events, fa };
}

describe("FolderAnalysis", () => {
  it("opens with the unsaved buffers, then batches edits made within the debounce into one update", async () => {
    const { client, events, fa } = setup(new Map([["/w/a.ts", "dirty"]]));
    const opened = fa.open();
    assert.deepEqual([...client.calls[0]!.overlay!], [["/w/a.ts", "dirty"]]);
    client.answer(1);
    await opened;
    fa.change("/w/a.ts", "1");
    fa.change("/w/b.ts", "2");
    fa.change("/w/a.ts", "3");
    await tick(40);
    assert.equal(client.calls.length, 2);
    assert.deepEqual(client.calls[1]!.changes, [
      { abs: "/w/a.ts", text: "3" },
      { abs: "/w/b.ts", text: "2" },
    ]);
    client.answer(2);
    await fa.idle();
    assert.deepEqual(events, ["open:1", "update:2"]);
  });

  it("runs one request at a time: a newer edit cancels the stale update, and the next one carries every file", async () => {
    const { client, events, fa } = setup();
    const opened = fa.open();
    client.answer(1);
    await opened;
    fa.change("/w/a.ts", "1");
    await tick(40);
    assert.equal(client.calls[1]!.kind, "update");
    fa.change("/w/b.ts", "2");
    assert.equal(client.calls[1]!.signal!.aborted, false, "typing alone cancels nothing: only the debounced batch does");
    await tick(40);
    assert.equal(client.calls[1]!.signal!.aborted, true, "the update of the old text was cancelled");
    assert.equal(client.calls.length, 3);
    assert.deepEqual(client.calls[2]!.changes, [
      { abs: "/w/b.ts", text: "2" },
      { abs: "/w/a.ts", text: "1" },
    ]);
    fa.change("/w/a.ts", "3");
    await tick(40);
    assert.deepEqual(client.calls[3]!.changes, [
      { abs: "/w/a.ts", text: "3" },
      { abs: "/w/b.ts", text: "2" },
    ], "a file edited again goes with its newest text");
    client.answer(4);
    await fa.idle();
    assert.deepEqual(events, ["open:1", "update:4"], "cancelled updates report nothing");
  });

  it("edits during an open are applied after it", async () => {
    const { client, events, fa } = setup();
    const opened = fa.open();
    fa.change("/w/a.ts", "x");
    await tick(40);
    assert.equal(client.calls.length, 1);
    client.answer(1);
    await opened;
    await tick(5);
    assert.equal(client.calls[1]!.kind, "update");
    client.answer(2);
    await fa.idle();
    assert.deepEqual(events, ["open:1", "update:2"]);
  });

  it("a new open cancels the running one; only the newest reports", async () => {
    const { client, events, fa } = setup();
    const first = fa.open();
    const second = fa.open();
    assert.equal(client.calls[0]!.signal!.aborted, true);
    client.answer(2);
    await Promise.all([first, second]);
    assert.deepEqual(events, ["open:2"]);
  });

  it("reopens when the worker lost the session, keeping the edits", async () => {
    const { client, events, fa } = setup();
    const opened = fa.open();
    client.answer(1);
    await opened;
    fa.change("/w/a.ts", "x");
    await tick(40);
    client.fail(new AnalysisFailed("the analysis worker exited", false, [], true));
    await tick(5);
    assert.equal(client.calls[2]!.kind, "open");
    client.answer(5);
    await tick(5);
    // The open reads disk and buffers; the edit queued before it is covered by them.
    await fa.idle();
    assert.deepEqual(events, ["open:1", "open:5"]);
  });

  it("reports a failed open (an invalid configuration) and stays quiet on cancellation", async () => {
    const { client, events, fa } = setup();
    const opened = fa.open();
    client.fail(new AnalysisFailed(".llm-readiness.json:3: severity.timeout: invalid", false, [{ file: "/w/.llm-readiness.json", line: 3, message: "invalid" }]));
    await opened;
    assert.ok(fa.failure);
    const again = fa.open({ signal: AbortSignal.abort() });
    await again;
    assert.deepEqual(events, ["failed:.llm-readiness.json:3: severity.timeout: invalid", "cancelled"]);
  });

  it("dispose closes the session and settles idle()", async () => {
    const { client, fa } = setup();
    void fa.open();
    const idle = fa.idle();
    fa.dispose();
    await idle;
    assert.ok(client.closed);
  });
});
