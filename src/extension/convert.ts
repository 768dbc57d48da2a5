/** The only place where the core's 1-based positions (Location, `file:line`) become 0-based vscode ranges and URIs. */
import * as vscode from "vscode";
import type { SiteReport } from "../core/types";

/** The callee of the site's call (`openai.chat.completions.create`), where its diagnostics go. */
export function calleeRange(site: SiteReport): vscode.Range {
  const start = new vscode.Position(site.line - 1, site.column - 1);
  if (site.calleeEnd) return new vscode.Range(start, new vscode.Position(site.calleeEnd.line - 1, site.calleeEnd.column - 1));
  // Without the callee's end (an older core), the callee's text length on the start line is the best guess.
  const sameLine = site.endLine === site.line ? site.endColumn - 1 : Number.MAX_SAFE_INTEGER;
  return new vscode.Range(start, new vscode.Position(site.line - 1, Math.min(site.column - 1 + site.callee.length, sameLine)));
}

/** The whole call, from its callee to its closing parenthesis. */
export function callRange(site: SiteReport): vscode.Range {
  return new vscode.Range(site.line - 1, site.column - 1, site.endLine - 1, site.endColumn - 1);
}

/** The file of a report path (relative to the folder, `/` separators). */
export function fileUri(folder: vscode.Uri, rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder, ...rel.split("/"));
}

/** Splits `src/lib/openai.ts:7` into its file and 1-based line. */
export function parseFileLine(at: string): { rel: string; line: number } | undefined {
  const m = /^(.*):(\d+)$/.exec(at);
  return m ? { rel: m[1]!, line: Number(m[2]) } : undefined;
}

/** A `file:line` of the report as a location at the start of that line. */
export function lineLocation(folder: vscode.Uri, at: string): vscode.Location | undefined {
  const p = parseFileLine(at);
  return p ? new vscode.Location(fileUri(folder, p.rel), new vscode.Position(p.line - 1, 0)) : undefined;
}

/** A link target that opens `file:line` at that line (a command link: file URIs with `#L` fragments do not work in every workbench). */
export function openLink(folder: vscode.Uri, at: string): string | undefined {
  const p = parseFileLine(at);
  if (!p) return undefined;
  const args = [fileUri(folder, p.rel).toString(), p.line];
  return `command:llmReadiness.openLocation?${encodeURIComponent(JSON.stringify(args))}`;
}

/** A 1-based line as a 0-based range covering the line's start (configuration problems). */
export function lineStart(line: number): vscode.Range {
  return new vscode.Range(line - 1, 0, line - 1, 0);
}
