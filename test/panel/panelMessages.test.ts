/** The panel's messages (src/shared/panelMessages.ts): what each side accepts, and what it drops. */
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import { scanWorkspace } from "../../src/core/scan";
import type { ScanReport } from "../../src/core/types";
import { FromWebview, PanelViewState, ToWebview } from "../../src/shared/panelMessages";
import { texts } from "./reports";

const FOLDER = "file:///projects/app";

describe("webview → extension", () => {
  it("accepts each message the webview sends", () => {
    const good: unknown[] = [
      { type: "webview/ready" },
      { type: "site/reveal", folder: FOLDER, file: "src/lib/llm.ts", line: 11, column: 28 },
      { type: "check/docs", check: "timeout" },
      { type: "report/export", folder: FOLDER },
      { type: "report/copy", folder: FOLDER },
      { type: "scan/rerun" },
      { type: "test/snapshot", id: 1, texts: { score: "53" } },
      { type: "test/clicked", id: 2, found: true },
    ];
    for (const m of good) assert.ok(FromWebview.safeParse(m).success, JSON.stringify(m));
  });

  it("rejects unknown types, missing or mistyped fields, bad positions and unknown checks", () => {
    const bad: unknown[] = [
      null,
      "webview/ready",
      {},
      { type: "site/open", folder: FOLDER, file: "a.ts", line: 1, column: 1 },
      { type: "site/reveal", folder: FOLDER, file: "a.ts", line: 0, column: 1 },
      { type: "site/reveal", folder: FOLDER, file: "a.ts", line: 1.5, column: 1 },
      { type: "site/reveal", folder: FOLDER, file: "a.ts", line: "3", column: 1 },
      { type: "site/reveal", folder: FOLDER, file: "", line: 1, column: 1 },
      { type: "site/reveal", file: "a.ts", line: 1, column: 1 },
      { type: "check/docs", check: "timout" },
      { type: "report/export" },
      { type: "report/export", folder: "" },
      { type: "test/snapshot", id: 0, texts: {} },
      { type: "test/snapshot", id: 1, texts: { score: 53 } },
      { type: "test/clicked", id: 1 },
    ];
    for (const m of bad) assert.equal(FromWebview.safeParse(m).success, false, JSON.stringify(m));
  });
});

describe("extension → webview", () => {
  let report: ScanReport;
  before(async () => {
    report = await scanWorkspace(path.resolve("test/workspaces/sample"));
  });
  const state = (folders: unknown[]) => ({ type: "panel/state", folders, checks: texts });

  it("carries the scan report as --format json has it, the trend and the check texts", () => {
    const r = ToWebview.safeParse(state([{ uri: FOLDER, name: "app", status: "ready", report, trend: [{ at: 1, score: 53 }] }]));
    assert.ok(r.success, r.success ? "" : r.error.message);
    assert.equal(r.data.type === "panel/state" && r.data.folders[0]!.report!.sites.length, report.sites.length);
    assert.ok(ToWebview.safeParse(state([{ uri: FOLDER, name: "app", status: "failed", report: null, message: "bad config", trend: [] }])).success);
    assert.ok(ToWebview.safeParse({ type: "test/probe", id: 3 }).success);
    assert.ok(ToWebview.safeParse({ type: "test/click", id: 3, testId: "site-src/a.ts:1:1" }).success);
  });

  it("drops a malformed report, trend, status or check text", () => {
    const broken = structuredClone(report) as unknown as { sites: { line: number }[] };
    broken.sites[0]!.line = 0;
    const folder = { uri: FOLDER, name: "app", status: "ready", report, trend: [] };
    const bad: unknown[] = [
      state([{ ...folder, report: broken }]),
      state([{ ...folder, report: { ...report, version: 2 } }]),
      state([{ ...folder, trend: [{ at: 1, score: 101 }] }]),
      state([{ ...folder, trend: [{ at: -1, score: 50 }] }]),
      state([{ ...folder, status: "done" }]),
      { type: "panel/state", folders: [folder], checks: { ...texts, timeout: undefined } },
      { type: "panel/state", folders: [folder], checks: { ...texts, timeout: { title: "T", consequence: "C", weight: 0 } } },
      { type: "test/click", id: 3, testId: "" },
      { type: "panel/refresh" },
    ];
    for (const m of bad) assert.equal(ToWebview.safeParse(m).success, false, JSON.stringify(m).slice(0, 200));
  });
});

describe("the webview's saved state", () => {
  it("keeps a folder and filters; anything else is not restored", () => {
    assert.ok(PanelViewState.safeParse({ folder: FOLDER, filters: { check: "eval", provider: "openai", dir: "src" } }).success);
    assert.ok(PanelViewState.safeParse({ filters: {} }).success);
    assert.equal(PanelViewState.safeParse(undefined).success, false);
    assert.equal(PanelViewState.safeParse({ filters: { check: "speed" } }).success, false);
  });
});
