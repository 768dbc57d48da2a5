/**
 * `scan --fix` and `--fix-dry-run`: the safe quick-fixes of a folder applied in an analysis session (the same
 * fix-all the editor runs), then written to disk or printed as a unified diff that `git apply` takes.
 */
import fs from "node:fs";
import path from "node:path";
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { fixAll, type FixAllResult } from "../core/fixes/fixAll";
import type { FixOptions } from "../core/fixes/types";
import { AnalysisSession } from "../core/session";
import type { CheckId, ScanOptions, ScanReport } from "../core/types";

export interface FixRequest {
  options: FixOptions;
  checks?: readonly CheckId[];
  /** Unsafe fixes too (`--fix-unsafe`): they leave a decision to the user, marked in the code. */
  unsafe: boolean;
}

export interface FolderFixes {
  /** The report of the folder with the fixes applied. */
  report: ScanReport;
  result: FixAllResult;
}

/** Opens an analysis of `root`, applies the fixes in it (not on disk) and returns the report after them. */
export async function fixFolder(root: string, scan: ScanOptions, req: FixRequest, signal?: AbortSignal): Promise<FolderFixes> {
  const session = await AnalysisSession.open(root, scan, signal);
  const result = await fixAll(session, req.options, { safeOnly: !req.unsafe, ...(req.checks ? { checks: req.checks } : {}) }, true, signal);
  return { report: session.report(), result };
}

/** The changes as a unified diff, paths `a/<prefix>/<file>` (prefix: the folder relative to the cwd), created files from /dev/null. */
export function patchOf(prefix: string, files: FixAllResult["files"]): string {
  const at = (file: string) => (prefix ? `${prefix}/${file}` : file);
  let out = "";
  for (const [file, { before, after }] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const from = before === null ? "/dev/null" : `a/${at(file)}`;
    out += createTwoFilesPatch(from, `b/${at(file)}`, before ?? "", after, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
  }
  return out;
}

/** Colours a patch for a terminal: file headers bold, hunks cyan, removed red, added green. */
export function colorPatch(patch: string): string {
  return patch
    .split("\n")
    .map((l) => {
      if (l.startsWith("--- ") || l.startsWith("+++ ")) return `\x1b[1m${l}\x1b[0m`;
      if (l.startsWith("@@")) return `\x1b[36m${l}\x1b[0m`;
      if (l.startsWith("-")) return `\x1b[31m${l}\x1b[0m`;
      if (l.startsWith("+")) return `\x1b[32m${l}\x1b[0m`;
      return l;
    })
    .join("\n");
}

export class FixWriteError extends Error {}

/**
 * Writes the fixes of a folder. Every changed file must still hold the text the fixes were computed from
 * (checked for all before any is written: a file edited meanwhile stops the write). Each file is replaced
 * atomically (a temporary file renamed over it, keeping its mode); a created file is linked into place,
 * which fails rather than overwrite a file that appeared meanwhile.
 */
export function writeFixes(root: string, files: FixAllResult["files"]): { changed: string[]; created: string[] } {
  for (const [file, { before }] of files) {
    const abs = path.join(root, file);
    if (before === null) {
      if (fs.existsSync(abs)) throw new FixWriteError(`${file} exists now; a fix would have created it (nothing was written)`);
      continue;
    }
    let now: string;
    try {
      now = fs.readFileSync(abs, "utf8");
    } catch (e) {
      throw new FixWriteError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was written`);
    }
    if (now !== before) throw new FixWriteError(`${file} changed on disk while the fixes were computed; nothing was written`);
  }
  const changed: string[] = [];
  const created: string[] = [];
  for (const [file, { before, after }] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const abs = path.join(root, file);
    const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.llmr-${process.pid}.tmp`);
    try {
      if (before === null) {
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        fs.writeFileSync(tmp, after, { flag: "wx" });
        try {
          fs.linkSync(tmp, abs);
        } finally {
          fs.rmSync(tmp, { force: true });
        }
        created.push(file);
      } else {
        fs.writeFileSync(tmp, after, { flag: "wx", mode: fs.statSync(abs).mode });
        fs.renameSync(tmp, abs);
        changed.push(file);
      }
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      const done = [...changed, ...created];
      throw new FixWriteError(`cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})${done.length ? `; already written: ${done.join(", ")}` : ""}`);
    }
  }
  return { changed, created };
}

/** "3 fixes (timeout ×2, retry)" */
export function fixCount(applied: readonly { check: CheckId }[]): string {
  const counts = new Map<CheckId, number>();
  for (const f of applied) counts.set(f.check, (counts.get(f.check) ?? 0) + 1);
  const n = applied.length;
  return `${n} fix${n === 1 ? "" : "es"}${n ? ` (${[...counts].map(([c, k]) => (k > 1 ? `${c} ×${k}` : c)).join(", ")})` : ""}`;
}
