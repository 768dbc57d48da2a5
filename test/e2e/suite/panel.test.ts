/**
 * The readiness panel: opened through its command, its numbers read from the webview's DOM (the
 * webview answers a test-only probe with the text of its `data-testid` elements) and compared with the
 * CLI's report; a click on a call site goes through the webview's own handler and message to the editor;
 * the export writes the CLI's Markdown.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as vscode from "vscode";
import { CHECK_IDS, type ScanReport } from "../../../src/core/types";
import { api, cliReport, eventually, extensionPath, folder, uri, waitFor } from "./helpers";

type Snapshot = Record<string, string>;

const snapshot = () => vscode.commands.executeCommand<Snapshot | undefined>("llmReadiness.test.panelSnapshot");
const click = (testId: string) => vscode.commands.executeCommand<boolean | undefined>("llmReadiness.test.panelClick", testId);

/** The DOM's text once the panel shows a report that passes `ok`. */
function rendered(what: string, ok: (s: Snapshot) => boolean = () => true): Promise<Snapshot> {
  return eventually(what, async () => {
    const s = await snapshot();
    return s && s.score !== undefined && ok(s) ? s : undefined;
  }, 30_000);
}

const siteId = (s: ScanReport["sites"][number]) => `site-${s.file}:${s.line}:${s.column}`;

describe("panel", () => {
  let report: ScanReport;

  before(async () => {
    await (await api()).idle();
    report = cliReport();
  });

  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("opens through its command and shows the CLI's score, grade and counts per check", async () => {
    await vscode.commands.executeCommand("llmReadiness.showPanel");
    const dom = await rendered("the panel to render the report");
    assert.ok(report.sites.length > 0);
    assert.equal(dom.score, String(Math.round(report.score)));
    assert.equal(dom.grade, report.grade);
    for (const c of CHECK_IDS) {
      for (const status of ["pass", "warn", "fail", "unknown"] as const) {
        assert.equal(dom[`check-${c}-${status}`], String(report.summary.byCheck[c][status]), `${c} ${status}`);
      }
    }
    assert.match(dom.counts!, new RegExp(`^${report.sites.length} call sites in ${report.files.length} files`));
    // Every call site of the CLI's report has its row, and no other.
    const rows = Object.keys(dom).filter((k) => k.startsWith("site-")).sort();
    assert.deepEqual(rows, report.sites.map(siteId).sort());
    // A row shows the site's missing checks as the Markdown report lists them.
    const translate = report.sites.find((s) => s.file === "src/lib/translate.ts")!;
    assert.match(dom[siteId(translate)]!, /timeout none.*retry none.*fallback none.*usage none.*eval none/);
  });

  it("updates live when an edit changes a report", async () => {
    const before = await rendered("the panel");
    const timeoutFails = Number(before["check-timeout-fail"]);
    // summarize.ts's client gets a timeout (an unsaved edit, in no editor: the panel stays in view): its
    // site and the wrapper's caller pass the timeout check.
    const doc = await vscode.workspace.openTextDocument(uri("src/lib/summarize.ts"));
    const original = doc.getText();
    const replace = async (text: string) => {
      const we = new vscode.WorkspaceEdit();
      we.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
      assert.ok(await vscode.workspace.applyEdit(we));
    };
    assert.ok(original.includes("ANTHROPIC_API_KEY }"));
    await replace(original.replace("ANTHROPIC_API_KEY }", "ANTHROPIC_API_KEY, timeout: 20_000 }"));
    try {
      const after = await rendered("fewer timeout failures in the panel", (s) => Number(s["check-timeout-fail"]) < timeoutFails);
      const live = (await api()).report(folder().uri)!;
      assert.equal(after["check-timeout-fail"], String(live.summary.byCheck.timeout.fail));
      assert.equal(after.score, String(Math.round(live.score)));
    } finally {
      await replace(original);
      await doc.save();
    }
    await rendered("the panel back to the CLI's numbers", (s) => s["check-timeout-fail"] === String(report.summary.byCheck.timeout.fail));
  });

  it("a click on a call site reveals it in the editor with its callee selected", async () => {
    const target = report.sites.find((s) => s.file === "src/routes/tickets.ts" && s.callee === "summarizeThread")!;
    assert.ok(target, "the sample calls summarizeThread in src/routes/tickets.ts");
    await rendered("the panel");
    assert.equal(await click(siteId(target)), true, "the row is in the DOM");
    const editor = await waitFor("the editor to show the call site", () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.fsPath === path.join(folder().uri.fsPath, "src", "routes", "tickets.ts") && e.selection.start.line === target.line - 1 ? e : undefined;
    });
    assert.equal(editor.selection.start.character, target.column - 1);
    assert.equal(editor.document.getText(editor.selection), target.callee);
  });

  it("exports the report as the CLI's Markdown", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-panel-export-"));
    try {
      const target = vscode.Uri.file(path.join(dir, "llm-readiness-report.md"));
      await vscode.commands.executeCommand("llmReadiness.exportReport", target);
      const exported = fs.readFileSync(target.fsPath, "utf8");
      const cli = spawnSync(process.execPath, [path.join(extensionPath(), "dist", "cli.js"), "scan", folder().uri.fsPath, "--format", "markdown"], { encoding: "utf8" });
      assert.equal(cli.stderr, "");
      assert.match(exported, /^## LLM Readiness: \d+\/100/);
      assert.equal(exported, cli.stdout);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("multi-root panel", () => {
  const folders = () => vscode.workspace.workspaceFolders ?? [];

  before(async () => {
    // The multi-root suite removes the second folder at its end: put it back (runE2E.ts copies it beside the first).
    if (folders().length === 1) {
      const second = vscode.Uri.file(path.join(path.dirname(folders()[0]!.uri.fsPath), "second"));
      assert.ok(vscode.workspace.updateWorkspaceFolders(1, 0, { uri: second }));
      await waitFor("the second folder", () => folders().length === 2);
    }
    const a = await api();
    await waitFor("a report of each folder", () => folders().every((f) => a.report(f.uri)), 90_000);
    await a.idle();
  });

  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("offers a folder picker and shows the first folder's report until another is picked", async () => {
    await vscode.commands.executeCommand("llmReadiness.showPanel");
    const dom = await rendered("the panel of the first folder");
    assert.deepEqual([dom["folder-option-0"], dom["folder-option-1"]], folders().map((f) => f.name));
    const first = cliReport(folders()[0]!.uri.fsPath);
    assert.equal(dom.score, String(Math.round(first.score)));
    assert.equal(dom["check-timeout-fail"], String(first.summary.byCheck.timeout.fail));
  });
});
