/** Pure matching and scoring of predicted sites against corpus labels (no I/O), used by runEval.ts. */
import { CHECK_IDS, type CheckId } from "../../src/core/types";
import type { Decoy, LabelFile, LabelSite } from "./labels";

/** The part of a reported site (SiteReport) the eval reads. */
export interface PredictedSite {
  file: string;
  line: number;
  column: number;
  provider: string;
  kind?: string;
  callee?: string;
  checks?: Partial<Record<CheckId, { value: string } | undefined>>;
}

export interface AppMatch {
  app: string;
  matched: { label: LabelSite; predicted: PredictedSite }[];
  missed: LabelSite[];
  /** Predictions on no labelled line (each is a false positive; decoy hits are among them). */
  extra: PredictedSite[];
  decoyHits: { decoy: Decoy; predicted: PredictedSite }[];
  columnMismatches: { label: LabelSite; predicted: PredictedSite }[];
  /** Set when the scan of the app failed; every label then counts as missed. */
  scanError?: string;
}

const key = (file: string, line: number) => `${file}:${line}`;

/**
 * Matches by file + line. When several predictions share a labelled line, the one at the labelled
 * column wins and the others are extras; two labels on one line are matched in column order.
 */
export function matchApp(app: string, labels: Pick<LabelFile, "sites" | "decoys">, predicted: PredictedSite[]): AppMatch {
  const byLine = new Map<string, PredictedSite[]>();
  for (const p of predicted) {
    const k = key(p.file, p.line);
    byLine.set(k, [...(byLine.get(k) ?? []), p]);
  }
  const result: AppMatch = { app, matched: [], missed: [], extra: [], decoyHits: [], columnMismatches: [] };
  const labelsByLine = new Map<string, LabelSite[]>();
  for (const l of labels.sites) {
    const k = key(l.file, l.line);
    labelsByLine.set(k, [...(labelsByLine.get(k) ?? []), l]);
  }
  for (const [k, ls] of labelsByLine) {
    const pool = [...(byLine.get(k) ?? [])];
    byLine.delete(k);
    for (const l of [...ls].sort((a, b) => a.column - b.column)) {
      const at = pool.findIndex((p) => p.column === l.column);
      const p = at >= 0 ? pool.splice(at, 1)[0] : pool.shift();
      if (!p) {
        result.missed.push(l);
        continue;
      }
      result.matched.push({ label: l, predicted: p });
      if (p.column !== l.column) result.columnMismatches.push({ label: l, predicted: p });
    }
    result.extra.push(...pool);
  }
  for (const rest of byLine.values()) result.extra.push(...rest);
  const decoys = new Map((labels.decoys ?? []).map((d) => [key(d.file, d.line), d]));
  for (const p of result.extra) {
    const d = decoys.get(key(p.file, p.line));
    if (d) result.decoyHits.push({ decoy: d, predicted: p });
  }
  result.extra.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return result;
}

/** An app whose scan failed: all labels missed. */
export function failedApp(app: string, labels: Pick<LabelFile, "sites">, error: string): AppMatch {
  return { app, matched: [], missed: [...labels.sites], extra: [], decoyHits: [], columnMismatches: [], scanError: error };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export const precision = (c: Counts) => (c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp));
export const recall = (c: Counts) => (c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn));

/** Detection counts per provider (a hit and a miss count for the label's provider, an extra for the predicted one) and overall. */
export function detectionCounts(apps: AppMatch[]): { byProvider: Map<string, Counts>; overall: Counts } {
  const byProvider = new Map<string, Counts>();
  const bump = (provider: string, field: keyof Counts) => {
    const c = byProvider.get(provider) ?? { tp: 0, fp: 0, fn: 0 };
    c[field]++;
    byProvider.set(provider, c);
  };
  for (const a of apps) {
    for (const m of a.matched) bump(m.label.provider, "tp");
    for (const l of a.missed) bump(l.provider, "fn");
    for (const p of a.extra) bump(p.provider || "(none)", "fp");
  }
  const overall = { tp: 0, fp: 0, fn: 0 };
  for (const c of byProvider.values()) {
    overall.tp += c.tp;
    overall.fp += c.fp;
    overall.fn += c.fn;
  }
  return { byProvider: new Map([...byProvider].sort(([a], [b]) => a.localeCompare(b))), overall };
}

export interface CheckAgreement {
  right: number;
  all: number;
  /** `want->got` → count, wrong pairs only. */
  confusion: Map<string, number>;
}

/**
 * Exact-value agreement per check over matched sites. Labels of `unknown` are not scored (as in
 * ../shared/realworld/score.mjs); a missing value on the prediction counts as `(missing)`.
 */
export function checkAgreement(apps: AppMatch[]): Record<CheckId, CheckAgreement> {
  const out = Object.fromEntries(CHECK_IDS.map((c) => [c, { right: 0, all: 0, confusion: new Map() }])) as Record<CheckId, CheckAgreement>;
  for (const a of apps) {
    for (const { label, predicted } of a.matched) {
      for (const c of CHECK_IDS) {
        const want = label.checks[c];
        if (want === undefined || want === "unknown") continue;
        const got = predicted.checks?.[c]?.value ?? "(missing)";
        const st = out[c];
        st.all++;
        if (got === want) st.right++;
        else st.confusion.set(`${want}->${got}`, (st.confusion.get(`${want}->${got}`) ?? 0) + 1);
      }
    }
  }
  return out;
}

/** Share of agreement (0 when nothing was scored). */
export const accuracy = (a: CheckAgreement) => (a.all === 0 ? 0 : a.right / a.all);

/** Mean of the per-check accuracies over the checks that had something to score. */
export function meanAgreement(agreement: Record<CheckId, CheckAgreement>): number {
  const scored = CHECK_IDS.filter((c) => agreement[c].all > 0);
  return scored.length === 0 ? 0 : scored.reduce((s, c) => s + accuracy(agreement[c]), 0) / scored.length;
}

/** The two machine-readable last lines of `npm run eval`. */
export function headline(apps: AppMatch[]): [string, string] {
  const { overall } = detectionCounts(apps);
  const agreement = checkAgreement(apps);
  const f = (n: number) => n.toFixed(3);
  return [
    `eval: sites=${overall.tp + overall.fn} precision=${f(precision(overall))} recall=${f(recall(overall))}`,
    `eval-checks: mean=${f(meanAgreement(agreement))} ` + CHECK_IDS.filter((c) => agreement[c].all > 0).map((c) => `${c}=${f(accuracy(agreement[c]))}`).join(" "),
  ];
}
