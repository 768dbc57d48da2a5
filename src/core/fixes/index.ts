/** The registry of fixes, one module per check, and the fixes of a site or a file. */
import type { DetectedSite } from "../callSites/detect";
import type { CheckContext } from "../checks/checkContext";
import type { Catalog } from "../catalog/load";
import { location } from "../buildReport";
import { CHECK_IDS, type CheckId, type Logger, type ScanReport, type SiteReport } from "../types";
import { cacheWrapperOf } from "./cacheWrappers";
import { createFixContext } from "./context";
import type { FixDef } from "./defineFix";
import type { Fix, FixOptions } from "./types";
import timeout from "../checks/timeout/fix";
import retry from "../checks/retry/fix";
import validation from "../checks/validation/fix";
import fallback from "../checks/fallback/fix";
import usage from "../checks/usage/fix";
import evalFix from "../checks/eval/fix";
import context from "../checks/context/fix";
import limits from "../checks/limits/fix";

export const FIXES: Record<CheckId, FixDef> = { timeout, retry, validation, fallback, usage, eval: evalFix, context, limits };

/** The report and the analysis behind it (AnalysisSession.report() and .checkContext()). */
export interface FixSource {
  report: ScanReport;
  checks: CheckContext;
  logger?: Logger;
}

/** Whether a check's result on a site is a finding a fix should repair: failing or warning, shown, not suppressed. */
export function needsFix(site: SiteReport, check: CheckId): boolean {
  const r = site.checks[check];
  if (r.status !== "fail" && r.status !== "warn") return false;
  if (r.severity === "off") return false;
  return !site.suppressed.some((s) => s.check === check);
}

/**
 * Whether a result is shown as a finding at all: failing or warning, or a passing value whose rule gives it
 * a severity (none does by default: rules/checks values keep passes at `none`). The lightbulb offers fixes
 * for all of them; fix-all only for failing and warning ones (`needsFix`).
 */
export function isFinding(site: SiteReport, check: CheckId, catalog: Catalog): boolean {
  if (needsFix(site, check)) return true;
  const r = site.checks[check];
  if (r.status !== "pass" || r.severity === "off" || site.suppressed.some((s) => s.check === check)) return false;
  const shown = catalog.checks[check].values[r.value]?.severity;
  return shown === "info" || shown === "hint";
}

/** The report entry of a detected site (same file and start). */
function reportOf(report: ScanReport, site: DetectedSite): SiteReport | undefined {
  const at = location(site);
  return report.sites.find((s) => s.file === site.file.rel && s.line === at.line && s.column === at.column);
}

/** Fixes for one site, by check in report order (a check with no applicable fix gives none). */
export function fixesForSite(src: FixSource, site: DetectedSite, options: FixOptions, checks: readonly CheckId[] = CHECK_IDS): Fix[] {
  const report = reportOf(src.report, site);
  if (!report) return [];
  // Test and eval files are the user's own checks of the code: a fix never edits them (their sites get none).
  if (src.checks.isTestFile(report.file)) return [];
  const out: Fix[] = [];
  for (const check of checks) {
    if (!isFinding(report, check, src.checks.catalog)) continue;
    if (check === "fallback" || check === "retry") {
      // Inside a cache, a fallback's placeholder (or a retried failure) would be served for the cache's lifetime.
      const inner = src.checks.innermost(site);
      const cached = cacheWrapperOf(site.call) ?? (inner !== site ? cacheWrapperOf(inner.call) : undefined);
      if (cached) {
        src.logger?.info(`${report.file}:${report.line}: no ${check} fix: the call runs inside ${cached}, which would cache the ${check === "fallback" ? "placeholder answer" : "outcome"}; handle the failure around the cached function's call`);
        continue;
      }
    }
    try {
      const ctx = createFixContext(site, report, src.checks, options);
      for (const d of FIXES[check].build(ctx)) {
        if (!d.edits.length && !d.create?.length) continue;
        // The eval fix's new eval file is the one test file a fix may write; it never edits an existing one.
        const intoTest = [...d.edits.map((e) => e.file), ...(check === "eval" ? [] : (d.create ?? []).map((c) => c.file))].find((f) => src.checks.isTestFile(f));
        if (intoTest) {
          src.logger?.info(`${report.file}:${report.line}: ${check} fix "${d.title}" not offered: it would edit ${intoTest}, a test or eval file`);
          continue;
        }
        out.push({ check, title: d.title, strategy: d.strategy, safe: d.safe, edits: d.edits, create: d.create ?? [], site: { file: report.file, line: report.line, column: report.column } });
      }
    } catch (e) {
      // A builder that meets code it does not understand offers nothing; the finding stays.
      src.logger?.warn(`${report.file}:${report.line}: no ${check} fix (${(e as Error).message})`);
    }
  }
  return out;
}

/** Sites of a file (relative path), optionally only those whose call overlaps lines [from, to] (1-based). */
export function sitesIn(src: FixSource, file: string, lines?: { from: number; to: number }): DetectedSite[] {
  return src.checks.sites.filter((s) => {
    if (s.file.rel !== file) return false;
    if (!lines) return true;
    const at = location(s);
    return at.line <= lines.to && at.endLine >= lines.from;
  });
}

/** Every fix of a file's sites (or of those on the given lines). */
export function fixesForFile(src: FixSource, file: string, options: FixOptions, lines?: { from: number; to: number }): Fix[] {
  return sitesIn(src, file, lines).flatMap((s) => fixesForSite(src, s, options));
}
