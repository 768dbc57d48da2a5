/**
 * Cost exposure: the worst-case cost of 1,000 calls per site and per model, sorted by exposure, and
 * the sites whose output is not capped (rules/docs/cost.md). Shared by the text and Markdown
 * reports and the panel, so all three show the same figures.
 */
import type { ScanReport, SiteReport } from "../core/types";

export const CALLS = 1_000;

export interface CostSiteRow {
  file: string;
  line: number;
  column: number;
  callee: string;
  model: string | null;
  /** Worst-case USD for 1,000 calls. */
  per1k: number;
  capped: boolean;
  basis: string;
}

export interface CostModelRow {
  model: string;
  sites: number;
  /** The worst site's USD for 1,000 calls. */
  worstPer1k: number;
  /** Sites of this model with no output cap. */
  uncapped: number;
}

export interface CostExposure {
  /** Priced sites, most exposed first. */
  sites: CostSiteRow[];
  models: CostModelRow[];
  /** Chat sites with no output cap, most exposed first (unpriced ones after). */
  uncapped: CostSiteRow[];
  /** Sites with no price, and why. */
  unpriced: { file: string; line: number; column: number; callee: string; model: string | null; why: string }[];
}

const row = (s: SiteReport): CostSiteRow => ({
  file: s.file,
  line: s.line,
  column: s.column,
  callee: s.callee,
  model: s.cost?.model ?? s.model,
  per1k: (s.cost?.usd ?? 0) * CALLS,
  capped: s.cost?.capped ?? false,
  basis: s.cost?.basis ?? "",
});

export function costExposure(report: Pick<ScanReport, "sites">): CostExposure {
  const withCost = report.sites.filter((s) => s.cost);
  const priced = withCost.filter((s) => s.cost!.usd !== null).map(row);
  priced.sort((a, b) => b.per1k - a.per1k || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const byModel = new Map<string, CostModelRow>();
  for (const r of priced) {
    const key = r.model ?? "?";
    const m = byModel.get(key) ?? { model: key, sites: 0, worstPer1k: 0, uncapped: 0 };
    m.sites++;
    m.worstPer1k = Math.max(m.worstPer1k, r.per1k);
    if (!r.capped) m.uncapped++;
    byModel.set(key, m);
  }
  const unpriced = withCost
    .filter((s) => s.cost!.usd === null)
    .map((s) => ({ file: s.file, line: s.line, column: s.column, callee: s.callee, model: s.cost!.model, why: s.cost!.basis.replace(/^unpriced: /, "") }));
  const uncappedPriced = priced.filter((r) => !r.capped && report.sites.find((s) => s.file === r.file && s.line === r.line && s.column === r.column)?.kind === "chat");
  const uncappedUnpriced = withCost.filter((s) => s.cost!.usd === null && !s.cost!.capped && s.kind === "chat").map(row);
  return {
    sites: priced,
    models: [...byModel.values()].sort((a, b) => b.worstPer1k - a.worstPer1k || (a.model < b.model ? -1 : 1)),
    uncapped: [...uncappedPriced, ...uncappedUnpriced],
    unpriced,
  };
}

/** `$12.34`, `$0.012` for small amounts: two significant digits below a cent, cents above. */
export function usd(n: number): string {
  if (n === 0) return "$0";
  if (n >= 1) return `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `$${Number(n.toPrecision(2))}`;
}
