/**
 * What the readiness panel shows, computed from a folder's report and its score trend: pure (no
 * `vscode`, no DOM), so it runs in the webview and in plain node tests.
 */
import { findingsOf } from "../report/findings";
import { costExposure, type CostExposure } from "../report/costExposure";
import { formatDuration } from "../core/messages";
import { explainSite, gradeOf, workspaceScore, type Weights } from "../core/score";
import { CHECK_IDS, type CheckId, type CheckStatus, type Grade, type ScanReport, type SiteKind, type SiteReport } from "../core/types";
import type { TrendPoint } from "./trend";

/** A check's title, one-line consequence and score weight, from rules/checks/<id>.json. */
export interface CheckText {
  title: string;
  consequence: string;
  weight: number;
}
export type CheckTexts = Record<CheckId, CheckText>;

export interface CheckRow {
  id: CheckId;
  title: string;
  consequence: string;
  /** Sites by status, as the report's `summary.byCheck` (suppressed findings keep their status). */
  counts: Record<CheckStatus, number>;
  /** Sites whose finding of this check is suppressed in the source. */
  suppressed: number;
  /** The configuration turned the check off: out of the score and of the findings. */
  off: boolean;
  /**
   * The points of the workspace score this check loses: the mean over the sites of what it costs each
   * (rules/docs/score.md). The costs add up to 100 minus the score, give or take the rounding of site scores.
   */
  cost: number;
}

/** Call sites grouped by provider or by model, with their mean score. */
export interface GroupRow {
  /** The provider id, or the model; null for sites whose model the analysis could not tell. */
  name: string | null;
  sites: number;
  /** The mean of the sites' scores, rounded as the workspace score is. */
  score: number;
  grade: Grade;
  /** For a model: the providers that call it. */
  providers: string[];
}

export interface Missing {
  check: CheckId;
  value: string;
  status: "fail" | "warn";
}

export interface SiteRow {
  /** `file:line:column`: unique in a report. */
  key: string;
  file: string;
  /** The file's directory (`src/lib`), `""` at the folder's root. */
  dir: string;
  line: number;
  column: number;
  callee: string;
  provider: string;
  model: string | null;
  kind: SiteKind;
  score: number;
  grade: Grade;
  /** Failing and warning checks that are not suppressed (what the Markdown report lists), in check order. */
  missing: Missing[];
  /** Checks the analysis could not decide. */
  unknown: CheckId[];
  /** For a call of a workspace wrapper: the SDK call it reaches (`file:line`). */
  via?: string;
}

export interface FileRow {
  file: string;
  dir: string;
  score: number;
  grade: Grade;
  sites: number;
}

export interface SuppressedRow {
  /** The site's key (SiteRow.key). */
  site: string;
  file: string;
  dir: string;
  line: number;
  column: number;
  callee: string;
  provider: string;
  check: CheckId;
  reason: string;
  /** `file:line` of the comment. */
  at: string;
}

export interface TrendView {
  /** The viewBox of the sparkline. */
  width: number;
  height: number;
  /** The points shown (the last TREND_SHOWN), oldest first, with their place in the viewBox. */
  points: (TrendPoint & { x: number; y: number })[];
  /** `x,y x,y ...` for an SVG polyline. */
  line: string;
  /** The score range the height spans (at least MIN_SPAN points, so small moves do not look dramatic). */
  low: number;
  high: number;
}

export interface PanelModel {
  score: number;
  grade: Grade;
  /** The score now minus the score of the trend's previous point (an earlier hour), and when that hour began. */
  delta?: { change: number; since: number };
  sites: number;
  /** Files with call sites / files scanned / files skipped. */
  files: number;
  scanned: number;
  skipped: number;
  checks: CheckRow[];
  /** The check that costs the most points, if any costs some: the first thing to fix. */
  gap?: CheckId;
  /** What the gap means for the providers of this workspace ("Vercel AI SDK and `fetch` wait forever"), when the check is about their defaults. */
  gapDetail?: string;
  providers: GroupRow[];
  models: GroupRow[];
  /** Worst first, as the report orders them. */
  fileRows: FileRow[];
  /** Worst first (score, then file and position). */
  siteRows: SiteRow[];
  suppressed: SuppressedRow[];
  /** Worst-case cost of 1,000 calls per site and per model, the uncapped and the unpriced sites (src/report/costExposure.ts). */
  cost: CostExposure;
  errors: { file: string; line?: number; message: string }[];
  trend: TrendView;
  /** The values the filters offer. */
  options: { checks: CheckId[]; providers: string[]; dirs: string[] };
}

export const TREND_SHOWN = 100;
const SPARK = { width: 160, height: 40, pad: 4 };
const MIN_SPAN = 10;

const dirOf = (file: string) => {
  const i = file.lastIndexOf("/");
  return i < 0 ? "" : file.slice(0, i);
};

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function group(sites: readonly SiteReport[], key: (s: SiteReport) => string | null): GroupRow[] {
  const groups = new Map<string | null, SiteReport[]>();
  for (const s of sites) {
    const k = key(s);
    const list = groups.get(k);
    if (list) list.push(s);
    else groups.set(k, [s]);
  }
  return [...groups]
    .map(([name, list]) => {
      const score = workspaceScore(list);
      return { name, sites: list.length, score, grade: gradeOf(score), providers: [...new Set(list.map((s) => s.provider))].sort(byName) };
    })
    .sort((a, b) => b.sites - a.sites || a.score - b.score || byName(a.name ?? "\uffff", b.name ?? "\uffff"));
}

function siteRow(site: SiteReport): SiteRow {
  const missing = findingsOf(site)
    .filter((f) => !f.suppression)
    .map((f) => ({ check: f.check, value: f.result.value, status: f.result.status as "fail" | "warn" }));
  const unknown = CHECK_IDS.filter((c) => site.checks[c].status === "unknown" && site.checks[c].severity !== "off");
  return {
    key: `${site.file}:${site.line}:${site.column}`,
    file: site.file,
    dir: dirOf(site.file),
    line: site.line,
    column: site.column,
    callee: site.callee,
    provider: site.provider,
    model: site.model,
    kind: site.kind,
    score: site.score,
    grade: gradeOf(site.score),
    missing,
    unknown,
    ...(site.via ? { via: site.via } : {}),
  };
}

/** The sparkline of the last TREND_SHOWN points: index on x (one step per point), score on y. */
export function trendView(points: readonly TrendPoint[]): TrendView {
  const shown = points.slice(-TREND_SHOWN);
  const { width, height, pad } = SPARK;
  const scores = shown.map((p) => p.score);
  let low = scores.length ? Math.min(...scores) : 0;
  let high = scores.length ? Math.max(...scores) : 100;
  if (high - low < MIN_SPAN) {
    const mid = (low + high) / 2;
    low = Math.max(0, Math.min(100 - MIN_SPAN, mid - MIN_SPAN / 2));
    high = low + MIN_SPAN;
  }
  const round = (n: number) => Math.round(n * 10) / 10;
  const placed = shown.map((p, i) => ({
    ...p,
    x: round(shown.length === 1 ? width - pad : pad + (i * (width - 2 * pad)) / (shown.length - 1)),
    y: round(pad + ((high - p.score) / (high - low)) * (height - 2 * pad)),
  }));
  return { width, height, points: placed, line: placed.map((p) => `${p.x},${p.y}`).join(" "), low, high };
}

/**
 * The panel's model of one folder's report. `trend` is the folder's trend with the current scan
 * already recorded (its last point), so the point before the last is the baseline of the change shown.
 */
export function panelModel(report: ScanReport, trend: readonly TrendPoint[], texts: CheckTexts): PanelModel {
  // Test and eval files' own calls count in no score and in none of the panel's tables (CHECKS.md).
  const sites = report.sites.filter((s) => !s.test);
  const weights = Object.fromEntries(CHECK_IDS.map((c) => [c, texts[c].weight])) as Weights;
  const lost = Object.fromEntries(CHECK_IDS.map((c) => [c, 0])) as Record<CheckId, number>;
  for (const s of sites) for (const x of explainSite(s, weights)) lost[x.check] += x.lost;
  const checks: CheckRow[] = CHECK_IDS.map((id) => ({
    id,
    title: texts[id].title,
    consequence: texts[id].consequence,
    counts: { ...report.summary.byCheck[id] },
    suppressed: sites.filter((s) => s.suppressed.some((x) => x.check === id)).length,
    off: sites.length > 0 && sites.every((s) => s.checks[id].severity === "off"),
    cost: sites.length ? lost[id] / sites.length : 0,
  }));
  const worst = [...checks].sort((a, b) => b.cost - a.cost)[0];
  const siteRows = sites.map(siteRow).sort((a, b) => a.score - b.score || byName(a.file, b.file) || a.line - b.line || a.column - b.column);
  const suppressed: SuppressedRow[] = sites.flatMap((s) =>
    s.suppressed.map((x) => ({
      site: `${s.file}:${s.line}:${s.column}`,
      file: s.file,
      dir: dirOf(s.file),
      line: s.line,
      column: s.column,
      callee: s.callee,
      provider: s.provider,
      check: x.check,
      reason: x.reason,
      at: x.at,
    })),
  );
  const dirs = new Set<string>();
  for (const s of sites) {
    const parts = s.file.split("/").slice(0, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  }
  const score = Math.round(report.score);
  const previous = trend.length >= 2 ? trend[trend.length - 2] : undefined;
  return {
    score,
    grade: report.grade,
    ...(previous ? { delta: { change: score - Math.round(previous.score), since: previous.at } } : {}),
    sites: sites.length,
    files: report.files.length,
    scanned: report.summary.files,
    skipped: report.skipped.length,
    checks,
    ...(worst && worst.cost >= 0.5 ? { gap: worst.id } : {}),
    ...(worst && worst.cost >= 0.5 && gapDetail(worst.id, sites) ? { gapDetail: gapDetail(worst.id, sites)! } : {}),
    providers: group(sites, (s) => s.provider),
    models: group(sites, (s) => s.model),
    fileRows: report.files.map((f) => ({ file: f.file, dir: dirOf(f.file), score: f.score, grade: f.grade, sites: f.sites })),
    siteRows,
    suppressed,
    cost: costExposure(report),
    errors: report.errors.map((e) => ({ file: e.file, message: e.message, ...(e.line ? { line: e.line } : {}) })),
    trend: trendView(trend),
    options: {
      checks: [...CHECK_IDS],
      providers: [...new Set(sites.map((s) => s.provider))].sort(byName),
      dirs: [...dirs].sort(byName),
    },
  };
}

const andList = (xs: readonly string[]) => (xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

/**
 * The gap in the terms of the providers present: for `timeout` and `retry`, what the SDKs (or HTTP calls) of the
 * sites missing the check do by default (site `defaults`, rules/providers). Undefined for other checks, or when
 * the report carries no defaults (a report read from a file).
 */
export function gapDetail(check: CheckId, sites: readonly SiteReport[]): string | undefined {
  const missing = sites.filter((s) => (s.checks[check].status === "fail" || s.checks[check].status === "warn") && !s.suppressed.some((x) => x.check === check));
  const senders = new Map<string, NonNullable<SiteReport["defaults"]>>();
  for (const s of missing) if (s.defaults) senders.set(s.defaults.sender, s.defaults);
  if (!senders.size) return undefined;
  const all = [...senders.values()].sort((a, b) => byName(a.sender, b.sender));
  const verb = (xs: readonly unknown[], one: string, many: string) => (xs.length === 1 ? one : many);
  if (check === "timeout") {
    const forever = all.filter((d) => d.timeoutMs === null).map((d) => d.sender);
    const byWait = new Map<number, string[]>();
    for (const d of all) if (d.timeoutMs !== null) byWait.set(d.timeoutMs, [...(byWait.get(d.timeoutMs) ?? []), d.sender]);
    const parts = [
      ...(forever.length ? [`${andList(forever)} ${verb(forever, "waits", "wait")} forever`] : []),
      ...[...byWait].map(([ms, names]) => `${andList(names)} ${verb(names, "waits", "wait")} up to ${formatDuration(ms)}`),
    ];
    return `Here ${parts.join("; ")}.`;
  }
  if (check === "retry") {
    const none = all.filter((d) => d.maxRetries === 0).map((d) => d.sender);
    const some = all.filter((d) => d.maxRetries > 0).map((d) => `${d.sender} (${d.maxRetries} by default)`);
    const parts = [...(none.length ? [`${andList(none)} ${verb(none, "does", "do")} not retry by default`] : []), ...(some.length ? [`retries are turned off on ${andList(some)}`] : [])];
    return `Here ${parts.join("; ")}.`;
  }
  return undefined;
}

export interface PanelFilters {
  /** Sites missing this check (failing or warning, not suppressed); suppressed findings of this check. */
  check?: CheckId;
  provider?: string;
  /** A directory (`src/lib`): files under it, at any depth. */
  dir?: string;
}

export interface Filtered {
  sites: SiteRow[];
  files: FileRow[];
  suppressed: SuppressedRow[];
  /** The filters applied: a provider or directory the report no longer has is dropped. */
  filters: PanelFilters;
}

const under = (dir: string | undefined, file: string) => !dir || file.startsWith(`${dir}/`);

/** The sites, files and suppressed findings that pass the filters. A file is listed when one of its sites is. */
export function applyFilters(model: PanelModel, wanted: PanelFilters): Filtered {
  const filters: PanelFilters = {
    ...(wanted.check && CHECK_IDS.includes(wanted.check) ? { check: wanted.check } : {}),
    ...(wanted.provider && model.options.providers.includes(wanted.provider) ? { provider: wanted.provider } : {}),
    ...(wanted.dir && model.options.dirs.includes(wanted.dir) ? { dir: wanted.dir } : {}),
  };
  const sites = model.siteRows.filter(
    (s) => (!filters.check || s.missing.some((m) => m.check === filters.check)) && (!filters.provider || s.provider === filters.provider) && under(filters.dir, s.file),
  );
  const files = new Set(sites.map((s) => s.file));
  return {
    sites,
    files: model.fileRows.filter((f) => files.has(f.file)),
    suppressed: model.suppressed.filter(
      (x) => (!filters.check || x.check === filters.check) && (!filters.provider || x.provider === filters.provider) && under(filters.dir, x.file),
    ),
    filters,
  };
}
