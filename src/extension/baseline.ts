/**
 * The baseline in the editor (`llmReadiness.baseline.*`): each folder's baseline file, read and validated, and
 * which findings are new against it. No `vscode` import: the extension reads the file and renders; this decides.
 */
import { compareWithBaseline, parseBaseline, BaselineError, type Baseline } from "../core/baseline";
import type { CheckId, ScanReport, SiteReport } from "../core/types";

/** A folder's baseline: read (absent when the file does not exist), or the reason it could not be used. */
export type FolderBaseline = { baseline: Baseline; file: string } | { error: string; file: string } | undefined;

/** Parses a baseline file's text for the editor: a one-line reason (first `file:line: field` problem) instead of a throw. */
export function readFolderBaseline(file: string, text: string | undefined): FolderBaseline {
  if (text === undefined) return undefined;
  try {
    return { baseline: parseBaseline(file, text), file };
  } catch (e) {
    const lines = e instanceof BaselineError ? e.lines : [(e as Error).message];
    return { error: lines.join("; "), file };
  }
}

export interface NewFindings {
  /** How many findings are new (or worse) against the baseline. */
  count: number;
  /** Whether a site's check is a known finding (in the baseline). */
  isKnown(site: SiteReport, check: CheckId): boolean;
  /**
   * Whether it is a new finding (or a known one that got worse): what focusing on new findings shows. Notes that
   * are no finding for the baseline (an SDK's default retries, an unknown value) are not new either.
   */
  isNew(site: SiteReport, check: CheckId): boolean;
}

/** The findings of a report that are new against a baseline. */
export function newFindings(report: ScanReport, baseline: Baseline, file: string): NewFindings {
  const comparison = compareWithBaseline(report, baseline, file);
  const key = (f: { site: SiteReport; check: CheckId }) => `${f.site.fingerprint}\0${f.check}`;
  const known = new Set(comparison.findings.filter((f) => !f.regressed).map(key));
  const fresh = new Set(comparison.findings.filter((f) => f.regressed).map(key));
  return {
    count: fresh.size,
    isKnown: (site, check) => known.has(key({ site, check })),
    isNew: (site, check) => fresh.has(key({ site, check })),
  };
}
