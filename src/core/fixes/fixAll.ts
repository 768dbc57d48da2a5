/**
 * Fix-all: applies fixes one at a time and re-analyses after each, since two fixes of one call
 * (timeout and retry both writing the request options) cannot be computed against the same text.
 * A fix is kept only when its finding goes away; otherwise it is undone and reported.
 */
import path from "node:path";
import type { AnalysisSession, FileChange } from "../session";
import { CHECK_IDS, type CheckId, type ScanReport, type SiteReport } from "../types";
import { applyEdits, byFile } from "./apply";
import { fixesForSite, needsFix } from "./index";
import { location } from "../buildReport";
import type { Fix, FixOptions, NewFile, TextEdit } from "./types";

export interface FixAllScope {
  /** Files whose sites are fixed (relative paths); all when absent. */
  files?: ReadonlySet<string>;
  checks?: readonly CheckId[];
  /** Only this call (its file and 1-based start), followed through the edits that move it. */
  site?: { file: string; line: number; column: number };
  /** Only fixes marked safe (editor fix-all, CLI `--fix`); unsafe ones need a person. */
  safeOnly: boolean;
}

export interface FixAllResult {
  /** Every file the fixes changed or created: its text before (null for a created file) and after. */
  files: Map<string, { before: string | null; after: string }>;
  applied: Fix[];
  /** Fixes undone because their finding stayed after applying them. */
  failed: { fix: Fix; reason: string }[];
}

/** Findings of a check in a file: fixing one must lower this. */
function findings(report: ScanReport, file: string, check: CheckId): number {
  return report.sites.filter((s) => s.file === file && needsFix(s, check)).length;
}

/**
 * Applies the fixes of the scope to the session's texts (not to disk). With `keep: false` the session
 * goes back to the original texts afterwards (the editor previews first; its edits come back as changes).
 */
export async function fixAll(session: AnalysisSession, options: FixOptions, scope: FixAllScope, keep = false, signal?: AbortSignal): Promise<FixAllResult> {
  const root = session.state.workspace.root;
  const files = new Map<string, { before: string | null; after: string }>();
  const applied: Fix[] = [];
  const failed: { fix: Fix; reason: string }[] = [];
  /** Fixes that did not take, by file: the call's offset (shifted by later edits) and check. */
  const skip = new Map<string, { offset: number; check: CheckId }[]>();
  /** The edit batches applied to each file, in order (offsets in the text each batch was applied to). */
  const history = new Map<string, TextEdit[][]>();
  const checks = scope.checks ?? CHECK_IDS;
  const textOf = (rel: string): string | null => {
    const f = files.get(rel);
    if (f) return f.after;
    const abs = path.join(root, rel);
    const ws = session.state.workspace;
    return ws.files.get(abs)?.sf.text ?? ws.dormant.get(abs)?.text ?? null;
  };
  // The one call to fix, as its offset in its file (shifted as edits before it land); -1: it was rewritten, stop.
  let only: { file: string; offset: number } | undefined;
  if (scope.site) {
    const want = scope.site;
    const s = session.checkContext().sites.find((x) => x.file.rel === want.file && location(x).line === want.line && location(x).column === want.column);
    only = { file: want.file, offset: s ? s.call.getStart(s.file.sf) : -1 };
  }
  try {
    for (let round = 0; round < 500; round++) {
      signal?.throwIfAborted();
      if (only && only.offset < 0) break;
      const src = { report: session.report(), checks: session.checkContext() };
      let next: Fix | undefined;
      for (const site of src.checks.sites) {
        if (scope.files && !scope.files.has(site.file.rel)) continue;
        if (only && (site.file.rel !== only.file || site.call.getStart(site.file.sf) !== only.offset)) continue;
        const offset = site.call.getStart(site.file.sf);
        const skipped = skip.get(site.file.rel) ?? [];
        const wanted = checks.filter((c) => !skipped.some((s) => s.offset === offset && s.check === c));
        // Only failing and warning findings: an information-level one (retry `sdk-default`) is a choice, offered one at a time.
        next = fixesForSite(src, site, options, wanted).find((f) => (!scope.safeOnly || f.safe) && needsFix(reportAt(src.report, f), f.check));
        if (next) break;
      }
      if (!next) break;
      const fix = next;
      const fixedSite = src.checks.sites.find((s) => s.file.rel === fix.site.file && location(s).line === fix.site.line && location(s).column === fix.site.column);
      const callAt = fixedSite ? fixedSite.call.getStart(fixedSite.file.sf) : -1;
      const before = findings(src.report, fix.site.file, fix.check);
      // Reported where the site is in the original text: earlier fixes in the file moved it.
      const reported: Fix = { ...fix, site: originalSite(fix.site, textOf(fix.site.file), files.get(fix.site.file)?.before, history.get(fix.site.file)) };
      const changes = changesOf(fix, textOf, files);
      const undo: FileChange[] = changes.map((c) => ({ abs: path.join(root, c.file), text: c.before }));
      await session.update(changes.map((c) => ({ abs: path.join(root, c.file), text: c.after })), signal);
      if (took(session, fix, callAt, changes) ?? findings(session.report(), fix.site.file, fix.check) < before) {
        applied.push(reported);
        for (const c of changes) {
          const prev = files.get(c.file);
          files.set(c.file, { before: prev ? prev.before : c.before, after: c.after });
          shift(skip, c.file, c.edits);
          if (only && c.file === only.file) only.offset = moved(only.offset, c.edits);
          if (c.before !== null) history.set(c.file, [...(history.get(c.file) ?? []), c.edits]);
        }
      } else {
        await session.update(undo, signal);
        const list = skip.get(fix.site.file) ?? [];
        list.push({ offset: callAt, check: fix.check });
        skip.set(fix.site.file, list);
        failed.push({ fix: reported, reason: `the ${fix.check} finding stayed after the fix` });
      }
    }
  } finally {
    if (!keep && files.size) {
      await session.update([...files].map(([rel, f]) => ({ abs: path.join(root, rel), text: f.before })));
    }
  }
  return { files, applied, failed };
}

/**
 * Whether the fixed site passes now, found where its call moved to (edits before it shift it); undefined
 * when an edit rewrote the call's start (then the file's count of findings decides). The site itself is
 * what counts: a fix may add a call (a fallback model) that has findings of its own.
 */
function took(session: AnalysisSession, fix: Fix, callAt: number, changes: readonly Change[]): boolean | undefined {
  if (callAt < 0) return undefined;
  const edits = changes.find((c) => c.file === fix.site.file)?.edits ?? [];
  let at = callAt;
  for (const e of edits) {
    if (e.end <= callAt) at += e.newText.length - (e.end - e.start);
    else if (e.start < callAt && e.end > callAt) return undefined;
  }
  const site = session.checkContext().sites.find((s) => s.file.rel === fix.site.file && s.call.getStart(s.file.sf) === at);
  if (!site) return undefined;
  const at1 = location(site);
  const report = session.report().sites.find((s) => s.file === fix.site.file && s.line === at1.line && s.column === at1.column);
  return report ? !needsFix(report, fix.check) : undefined;
}

function reportAt(report: ScanReport, fix: Fix): SiteReport {
  return report.sites.find((s) => s.file === fix.site.file && s.line === fix.site.line && s.column === fix.site.column)!;
}

interface Change {
  file: string;
  before: string | null;
  after: string;
  edits: TextEdit[];
}

/** The new texts a fix gives, from the texts so far (files it creates are skipped when they exist). */
function changesOf(fix: Fix, textOf: (rel: string) => string | null, files: Map<string, unknown>): Change[] {
  const out: Change[] = [];
  for (const [file, edits] of byFile(fix.edits)) {
    const before = textOf(file);
    if (before === null) throw new Error(`${file}: the fix edits a file the scan does not have`);
    out.push({ file, before, after: applyEdits(before, edits), edits });
  }
  for (const n of fix.create as NewFile[]) {
    if (textOf(n.file) !== null || files.has(n.file)) continue;
    out.push({ file: n.file, before: null, after: n.text, edits: [] });
  }
  return out;
}

/** An offset moved past the edits before it; -1 when an edit rewrote it. */
function moved(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of edits) {
    if (e.end <= offset) delta += e.newText.length - (e.end - e.start);
    else if (e.start < offset) return -1;
  }
  return offset + delta;
}

/** Moves remembered call offsets of a file past edits applied before them. */
function shift(skip: Map<string, { offset: number; check: CheckId }[]>, file: string, edits: readonly TextEdit[]): void {
  const list = skip.get(file);
  if (!list) return;
  for (const s of list) {
    let delta = 0;
    for (const e of edits) if (e.end <= s.offset) delta += e.newText.length - (e.end - e.start);
    s.offset += delta;
  }
}

/** A 1-based line and column of the current text, taken back through the fixes applied before it to the original text. */
function originalSite(site: Fix["site"], current: string | null, original: string | null | undefined, batches: readonly TextEdit[][] | undefined): Fix["site"] {
  if (current === null || !original || !batches?.length) return site;
  let offset = offsetOf(current, site.line, site.column);
  for (let i = batches.length - 1; i >= 0; i--) offset = beforeBatch(offset, batches[i]!);
  const at = positionOf(original, offset);
  return { file: site.file, line: at.line, column: at.column };
}

/** An offset after a batch of non-overlapping edits → the offset before it (inside inserted text: the edit's start). */
function beforeBatch(offset: number, batch: readonly TextEdit[]): number {
  let shift = 0;
  for (const e of [...batch].sort((a, b) => a.start - b.start)) {
    const start = e.start + shift;
    if (offset < start) return offset - shift;
    if (offset < start + e.newText.length) return e.start;
    shift += e.newText.length - (e.end - e.start);
  }
  return offset - shift;
}

function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", at);
    if (nl < 0) break;
    at = nl + 1;
  }
  return at + column - 1;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}
