/** Merges the reports of several scanned paths into one, with every file relative to the current directory. */
import path from "node:path";
import { fileScores, gradeOf, workspaceScore } from "../core/score";
import { withFingerprints } from "../core/fingerprint";
import { CHECK_IDS, type CheckId, type CheckStatus, type ScanReport, type SiteReport } from "../core/types";

export interface RootReport {
  /** The scanned root relative to the merged root, with `/` separators; "" for the merged root itself. */
  prefix: string;
  report: ScanReport;
}

/** `path.relative` with `/` separators, "" when both are the same directory. */
export function relativePrefix(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join("/");
}

const join = (prefix: string, file: string) => (prefix ? `${prefix}/${file}` : file);
/** `file:line` references (evidence, suppression `at`, `via`) follow their file. */
const joinRef = (prefix: string, ref: string | undefined) => (ref === undefined ? undefined : join(prefix, ref));

function prefixSite(prefix: string, site: SiteReport): SiteReport {
  if (!prefix) return site;
  const checks = Object.fromEntries(
    CHECK_IDS.map((id) => {
      const c = site.checks[id];
      return [id, c.evidence === undefined ? c : { ...c, evidence: joinRef(prefix, c.evidence) }];
    }),
  ) as Record<CheckId, SiteReport["checks"][CheckId]>;
  const out: SiteReport = {
    ...site,
    file: join(prefix, site.file),
    checks,
    suppressed: site.suppressed.map((s) => ({ ...s, at: join(prefix, s.at) })),
  };
  if (site.via !== undefined) out.via = joinRef(prefix, site.via);
  return out;
}

/**
 * One report for several roots. `root` becomes `mergedRoot` (the directory the prefixes are relative to), file
 * paths gain their root's prefix, the scanners' counts add up, and score, grade and per-file scores are computed over
 * all the sites as core/score.ts does for one root. Each root's `config` is left out (several may differ). With a single root whose prefix is "", the report is returned as it is.
 */
export function mergeReports(parts: RootReport[], mergedRoot: string): ScanReport {
  if (parts.length === 0) throw new Error("mergeReports: no report to merge");
  if (parts.length === 1 && parts[0].prefix === "") return parts[0].report;

  const first = parts[0].report;
  const byCheck = Object.fromEntries(
    CHECK_IDS.map((id) => [id, { pass: 0, warn: 0, fail: 0, unknown: 0 } satisfies Record<CheckStatus, number>]),
  ) as ScanReport["summary"]["byCheck"];
  let files = 0;
  let skippedCount = 0;
  const sites: SiteReport[] = [];
  const skipped: ScanReport["skipped"] = [];
  const errors: ScanReport["errors"] = [];

  for (const { prefix, report } of parts) {
    files += report.summary.files;
    skippedCount += report.summary.skipped;
    for (const id of CHECK_IDS) {
      for (const status of ["pass", "warn", "fail", "unknown"] as const) byCheck[id][status] += report.summary.byCheck[id][status];
    }
    sites.push(...report.sites.map((s) => prefixSite(prefix, s)));
    skipped.push(...report.skipped.map((s) => ({ ...s, file: join(prefix, s.file) })));
    errors.push(...report.errors.map((e) => ({ ...e, file: join(prefix, e.file) })));
  }

  sites.sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line || a.column - b.column));
  // A site's identity holds its file, which now carries the root's prefix.
  sites.splice(0, sites.length, ...withFingerprints(sites));
  const score = workspaceScore(sites);
  return {
    version: 1,
    tool: first.tool,
    root: mergedRoot,
    score,
    grade: gradeOf(score),
    summary: { files, sites: sites.length, byCheck, skipped: skippedCount },
    sites,
    files: fileScores(sites),
    skipped,
    errors,
  };
}
