/** Turns an analysis (sites found, files skipped, errors) into the versioned scan report of CHECKS.md. */
import type { Analysis } from "./scan";
import type { DetectedSite } from "./callSites/detect";
import { CHECK_IDS, type CheckId, type CheckResult, type CheckStatus, type ScanReport, type SiteReport } from "./types";
import { gradeOf, siteScore, workspaceScore } from "./score";
import { TOOL_VERSION } from "./version";

export type Judge = (site: DetectedSite, analysis: Analysis) => Record<CheckId, CheckResult>;

/** Until a check is implemented it answers `unknown`, saying so (never a silent pass). */
export const unjudged: Judge = () =>
  Object.fromEntries(CHECK_IDS.map((c) => [c, { value: "unknown", status: "unknown", note: "not evaluated" }])) as Record<CheckId, CheckResult>;

export function location(site: DetectedSite): { line: number; column: number; endLine: number; endColumn: number } {
  const sf = site.file.sf;
  const s = sf.getLineAndCharacterOfPosition(site.call.getStart(sf));
  const e = sf.getLineAndCharacterOfPosition(site.call.getEnd());
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

export function buildReport(root: string, analysis: Analysis, judge: Judge = unjudged): ScanReport {
  const weights = Object.fromEntries(CHECK_IDS.map((c) => [c, analysis.catalog.checks[c].weight])) as Record<CheckId, number>;
  const sites: SiteReport[] = analysis.sites.map((s) => {
    const checks = judge(s, analysis);
    const inner = s.inner;
    return {
      file: s.file.rel,
      ...location(s),
      provider: s.provider,
      kind: s.kind,
      callee: s.callee,
      model: s.model,
      score: siteScore(checks, weights),
      checks,
      suppressed: [],
      ...(inner ? { via: `${inner.file.rel}:${location(inner).line}` } : {}),
    };
  });
  sites.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  const byCheck = Object.fromEntries(
    CHECK_IDS.map((c) => {
      const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, unknown: 0 };
      for (const s of sites) counts[s.checks[c].status]++;
      return [c, counts];
    }),
  ) as ScanReport["summary"]["byCheck"];
  const score = workspaceScore(sites);
  return {
    version: 1,
    tool: { name: "llm-readiness", version: TOOL_VERSION },
    root,
    score,
    grade: gradeOf(score),
    summary: { files: analysis.workspace.files.size, sites: sites.length, byCheck, skipped: analysis.skipped.length },
    sites,
    skipped: analysis.skipped,
    errors: analysis.errors,
  };
}
