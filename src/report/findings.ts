/** The failing and warning checks of a site, with their suppression if any: what every report format lists. */
import { CHECK_IDS, type CheckId, type CheckResult, type SiteReport, type Suppression } from "../core/types";

export interface Finding {
  check: CheckId;
  result: CheckResult;
  /** Set when a comment in the source suppresses this check at this site. */
  suppression?: Suppression;
}

/**
 * Checks whose status is `fail` or `warn`, in report order (CHECK_IDS). `pass` and `unknown` are not findings,
 * nor are checks the configuration turned off (`severity: "off"`).
 */
export function findingsOf(site: SiteReport): Finding[] {
  const out: Finding[] = [];
  for (const check of CHECK_IDS) {
    const result = site.checks[check];
    if (result.status !== "fail" && result.status !== "warn") continue;
    if (result.severity === "off") continue;
    const suppression = site.suppressed.find((s) => s.check === check);
    out.push(suppression ? { check, result, suppression } : { check, result });
  }
  return out;
}

/** Sites grouped by file, in the report's order (sites are sorted by file, then line). */
export function groupByFile(sites: readonly SiteReport[]): Map<string, SiteReport[]> {
  const byFile = new Map<string, SiteReport[]>();
  for (const site of sites) {
    const list = byFile.get(site.file);
    if (list) list.push(site);
    else byFile.set(site.file, [site]);
  }
  return byFile;
}
