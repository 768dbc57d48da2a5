/** Shared by the e2e suites: the extension's API, the sample workspace, waiting for diagnostics, the CLI's report of the same folder. */
import { execFileSync } from "node:child_process";
import path from "node:path";
import * as vscode from "vscode";
import type { ReadinessApi } from "../../../src/extension/ReadinessExtension";
import type { ScanReport } from "../../../src/core/types";

export const EXTENSION_ID = "llm-readiness.llm-readiness";
export const SOURCE = "LLM Readiness";

export async function api(): Promise<ReadinessApi> {
  const ext = vscode.extensions.getExtension<ReadinessApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  return ext.isActive ? ext.exports : ext.activate();
}

export function extensionPath(): string {
  return vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
}

export function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error("the e2e run needs the sample workspace open");
  return f;
}

export const uri = (rel: string) => vscode.Uri.joinPath(folder().uri, ...rel.split("/"));

export function ours(rel: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri(rel)).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === "object" && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

/** Our diagnostics of a check in a file, as `line:col-line:col` 0-based strings. */
export function ranges(rel: string, check: string): string[] {
  return ours(rel)
    .filter((d) => codeOf(d) === check)
    .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
}

/** Polls until `probe` returns something truthy; fails naming `what` (and the last value) after `ms`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The CLI's JSON report of a folder on disk (dist/cli.js, run on the extension host's Node). */
export function cliReport(root: string = folder().uri.fsPath): ScanReport {
  const out = execFileSync(process.execPath, [path.join(extensionPath(), "dist", "cli.js"), "scan", root, "--format", "json"], {
    encoding: "utf8",
    // exit code 1 (score below a threshold) still prints the report
  });
  return JSON.parse(out) as ScanReport;
}

/** The CLI's SARIF results of a folder on disk: rule, level and start of each unsuppressed one. */
export function cliSarif(root: string = folder().uri.fsPath): { ruleId: string; level: string; line: number; column: number }[] {
  const out = execFileSync(process.execPath, [path.join(extensionPath(), "dist", "cli.js"), "scan", root, "--format", "sarif"], { encoding: "utf8" });
  const log = JSON.parse(out) as {
    runs: { results: { ruleId: string; level: string; suppressions?: unknown[]; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[];
  };
  return log.runs[0]!.results.filter((r) => !r.suppressions?.length).map((r) => ({
    ruleId: r.ruleId,
    level: r.level,
    line: r.locations[0]!.physicalLocation.region.startLine,
    column: r.locations[0]!.physicalLocation.region.startColumn,
  }));
}

/** Replaces a document's whole text in its editor (unsaved); `restore` puts the original text back and saves it. */
export async function setText(rel: string, edit: (text: string) => string): Promise<{ doc: vscode.TextDocument; restore: () => Promise<void> }> {
  const doc = await vscode.workspace.openTextDocument(uri(rel));
  const original = doc.getText();
  await vscode.window.showTextDocument(doc);
  await replaceAll(doc, edit(original));
  return {
    doc,
    // Not File: Revert, which acts on whatever editor the workbench thinks is active.
    restore: async () => {
      await replaceAll(doc, original);
      await doc.save();
    },
  };
}

async function replaceAll(doc: vscode.TextDocument, text: string): Promise<void> {
  const we = new vscode.WorkspaceEdit();
  we.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  if (!(await vscode.workspace.applyEdit(we))) throw new Error(`could not edit ${doc.uri.fsPath}`);
}

/** As waitFor, for a probe that is async (a provider command). */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
