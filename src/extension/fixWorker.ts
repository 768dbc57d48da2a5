/**
 * The worker's side of the quick-fixes (`fixes/site`, `fixes/all`): syncs the folder's session to the editor's
 * buffers, then asks the core for fixes. No `vscode` here (it runs in dist/worker.js and in plain node tests).
 */
import path from "node:path";
import { fixAll } from "../core/fixes/fixAll";
import { fixesForFile } from "../core/fixes/index";
import type { FixOptions } from "../core/fixes/types";
import type { AnalysisSession, FileChange } from "../core/session";
import type { Logger } from "../core/types";
import type { FixOptionsInput } from "../shared/fixOptions";
import type { FixAllAnswer, WireFix } from "../shared/workerMessages";
import { checksOfEdits, editsBetween } from "./fixEdits";

/** The text the session holds for a file (null when it has none). */
function textIn(session: AnalysisSession, abs: string): string | null {
  const ws = session.state.workspace;
  return ws.files.get(abs)?.sf.text ?? ws.dormant.get(abs)?.text ?? null;
}

/**
 * Brings the session to the editor's texts: only files whose text differs are re-analysed (the host sends
 * every unsaved buffer of the folder; most are already there through its debounced updates).
 */
export async function syncBuffers(session: AnalysisSession, changes: readonly FileChange[], signal?: AbortSignal): Promise<void> {
  const stale = changes.filter((c) => textIn(session, c.abs) !== c.text);
  if (stale.length) await session.update(stale, signal);
  // Fixes edit through nodes: sites must hold the current trees of the files they read.
  session.settle(signal);
}

function fixOptions(o: FixOptionsInput): FixOptions {
  return { timeoutMs: o.timeoutMs, maxRetries: o.maxRetries, helperFile: o.helperFile, ...(o.fallbackModel !== undefined ? { fallbackModel: o.fallbackModel } : {}) };
}

export interface SiteRequest {
  root: string;
  abs: string;
  text: string;
  lines: { from: number; to: number };
  changes: FileChange[];
  options: FixOptionsInput;
}

/** The fixes of the sites on some lines of a file, with offsets into `text` (the editor's buffer). */
export async function siteFixes(session: AnalysisSession, req: SiteRequest, logger: Logger, signal?: AbortSignal): Promise<WireFix[]> {
  await syncBuffers(session, [...req.changes.filter((c) => c.abs !== req.abs), { abs: req.abs, text: req.text }], signal);
  const rel = path.relative(session.state.workspace.root, req.abs).split(path.sep).join("/");
  return fixesForFile({ report: session.report(), checks: session.checkContext(), logger }, rel, fixOptions(req.options), req.lines);
}

export interface AllRequest {
  files?: string[] | undefined;
  checks?: FixAllAnswer["applied"][number]["check"][] | undefined;
  site?: { file: string; line: number; column: number } | undefined;
  safeOnly: boolean;
  changes: FileChange[];
  options: FixOptionsInput;
}

/**
 * Every fix of the scope, applied one by one in the session and then undone (the session stays at the editor's
 * texts; the editor applies the answer as one edit): each changed file's texts and the edits between them.
 */
export async function allFixes(session: AnalysisSession, req: AllRequest, signal?: AbortSignal): Promise<Omit<FixAllAnswer, "type" | "id">> {
  await syncBuffers(session, req.changes, signal);
  const result = await fixAll(
    session,
    fixOptions(req.options),
    {
      safeOnly: req.safeOnly,
      ...(req.files ? { files: new Set(req.files) } : {}),
      ...(req.checks ? { checks: req.checks } : {}),
      ...(req.site ? { site: req.site } : {}),
    },
    false,
    signal,
  );
  const files: FixAllAnswer["files"] = [];
  const created: FixAllAnswer["created"] = [];
  for (const [file, { before, after }] of result.files) {
    if (before === null) {
      const checks = [...new Set(result.applied.filter((f) => f.create.some((n) => n.file === file) || f.edits.some((e) => e.file === file)).map((f) => f.check))];
      created.push({ file, text: after, checks });
    } else {
      const edits = editsBetween(file, before, after);
      files.push({ file, before, after, edits, checks: checksOfEdits(file, result.applied, edits) });
    }
  }
  const brief = (f: WireFix) => ({ check: f.check, title: f.title, site: f.site });
  return { files, created, applied: result.applied.map(brief), failed: result.failed.map((x) => ({ ...brief(x.fix), reason: x.reason })) };
}
