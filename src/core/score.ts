/** Statuses → scores and grades (the formula is documented in rules/docs/score.md). */
import type { CheckId, CheckResult, Grade, SiteReport } from "./types";
import { CHECK_IDS } from "./types";

const STATUS_CREDIT = { pass: 1, warn: 0.5, fail: 0, unknown: null } as const;

/** A site's score: the weighted share of credit over the checks whose status is known, 0–100. */
export function siteScore(checks: Record<CheckId, CheckResult>, weights: Record<CheckId, number> = equalWeights()): number {
  let got = 0;
  let max = 0;
  for (const c of CHECK_IDS) {
    const credit = STATUS_CREDIT[checks[c].status];
    if (credit === null) continue;
    got += credit * weights[c];
    max += weights[c];
  }
  return max === 0 ? 100 : Math.round((100 * got) / max);
}

/** The workspace score: the mean of its sites' scores (100 for a workspace without sites). */
export function workspaceScore(sites: readonly Pick<SiteReport, "score">[]): number {
  if (!sites.length) return 100;
  return Math.round(sites.reduce((s, x) => s + x.score, 0) / sites.length);
}

export function gradeOf(score: number): Grade {
  return score >= 90 ? "A" : score >= 80 ? "B" : score >= 70 ? "C" : score >= 60 ? "D" : score >= 50 ? "E" : "F";
}

function equalWeights(): Record<CheckId, number> {
  return Object.fromEntries(CHECK_IDS.map((c) => [c, 1])) as Record<CheckId, number>;
}
