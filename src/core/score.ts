/** Statuses → scores and grades for sites, files and the workspace (the formula is documented in rules/docs/score.md). */
import type { CheckId, CheckResult, CheckStatus, FileScore, Grade, SiteReport, Suppression } from "./types";
import { CHECK_IDS } from "./types";

/**
 * Credit per status. `unknown` earns half: a check we could not verify is neither a pass (100 would
 * hide the site) nor a failure (0 would rank our blind spots above real findings).
 */
export const STATUS_CREDIT: Record<CheckStatus, number> = { pass: 1, warn: 0.5, unknown: 0.5, fail: 0 };

export type Weights = Record<CheckId, number>;

/** What one check costs a site: `lost = 100 × weight × (1 − credit) / Σ weights` (unrounded). */
export interface CheckScore {
  check: CheckId;
  value: string;
  status: CheckStatus;
  /** A suppression comment applies: the check earns full credit, whatever its status. */
  suppressed: boolean;
  /** The configuration turned the check off (`severity: "off"`): left out of the score. */
  off: boolean;
  weight: number;
  credit: number;
  lost: number;
}

type Scorable = { checks: Record<CheckId, CheckResult>; suppressed: readonly Suppression[] };

/** Per check: its credit and the points it loses at this site (rules/docs/score.md). */
export function explainSite(site: Scorable, weights: Weights = equalWeights()): CheckScore[] {
  const off = (c: CheckId) => site.checks[c].severity === "off";
  const total = CHECK_IDS.reduce((s, c) => s + (off(c) ? 0 : weights[c]), 0);
  return CHECK_IDS.map((c) => {
    const r = site.checks[c];
    const suppressed = site.suppressed.some((s) => s.check === c);
    const credit = suppressed ? 1 : STATUS_CREDIT[r.status];
    const lost = off(c) || total === 0 ? 0 : (100 * weights[c] * (1 - credit)) / total;
    return { check: c, value: r.value, status: r.status, suppressed, off: off(c), weight: weights[c], credit, lost };
  });
}

/** A site's score, 0–100 (integer): 100 minus the points its checks lose. A site whose every check is off scores 100. */
export function siteScore(site: Scorable, weights: Weights = equalWeights()): number {
  const lost = explainSite(site, weights).reduce((s, x) => s + x.lost, 0);
  // Round away float noise first, so 12.5 stays 12.5 and rounds the same way everywhere.
  // `|| 0`: every check failing leaves float noise below zero, which would round to -0.
  return Math.round(Math.round((100 - lost) * 1e6) / 1e6) || 0;
}

/** The mean of the sites' scores as the report shows them (integers), rounded; 100 without sites (nothing at risk). */
export function workspaceScore(sites: readonly Pick<SiteReport, "score">[]): number {
  if (!sites.length) return 100;
  return Math.round(sites.reduce((s, x) => s + x.score, 0) / sites.length);
}

/** One entry per file with sites, worst first (score ascending, then path): each file's score is the mean of its sites'. */
export function fileScores(sites: readonly Pick<SiteReport, "file" | "score">[]): FileScore[] {
  const byFile = new Map<string, number[]>();
  for (const s of sites) {
    const list = byFile.get(s.file);
    if (list) list.push(s.score);
    else byFile.set(s.file, [s.score]);
  }
  const out = [...byFile].map(([file, scores]) => {
    const score = workspaceScore(scores.map((score) => ({ score })));
    return { file, score, grade: gradeOf(score), sites: scores.length };
  });
  return out.sort((a, b) => a.score - b.score || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, E ≥ 50, F below. */
export function gradeOf(score: number): Grade {
  return score >= 90 ? "A" : score >= 80 ? "B" : score >= 70 ? "C" : score >= 60 ? "D" : score >= 50 ? "E" : "F";
}

function equalWeights(): Weights {
  return Object.fromEntries(CHECK_IDS.map((c) => [c, 1])) as Weights;
}
