/** Small crafted reports for the panel's tests: sites built check by check, scored and counted as the scanner does. */
import { loadCatalog } from "../../src/core/catalog/load";
import { fileScores, gradeOf, siteScore, workspaceScore, type Weights } from "../../src/core/score";
import { CHECK_IDS, type CheckId, type CheckResult, type CheckStatus, type ScanReport, type SiteReport, type Suppression } from "../../src/core/types";
import type { CheckTexts } from "../../src/panel/viewModel";

const rules = loadCatalog().checks;
export const texts: CheckTexts = Object.fromEntries(CHECK_IDS.map((c) => [c, { title: rules[c].title, consequence: rules[c].consequence, weight: rules[c].weight }])) as CheckTexts;
const weights = Object.fromEntries(CHECK_IDS.map((c) => [c, rules[c].weight])) as Weights;

const PASS: Record<CheckId, string> = { timeout: "explicit", retry: "explicit", validation: "schema", fallback: "present", usage: "present", eval: "covered", context: "bounded", limits: "limited" };

export interface SiteSpec {
  file: string;
  line: number;
  provider?: string;
  model?: string | null;
  callee?: string;
  /** Checks that are not a pass: value and status. */
  checks?: Partial<Record<CheckId, Pick<CheckResult, "value" | "status"> & Partial<CheckResult>>>;
  suppressed?: Suppression[];
  via?: string;
}

export function site(spec: SiteSpec): SiteReport {
  const checks = Object.fromEntries(CHECK_IDS.map((c) => [c, spec.checks?.[c] ?? { value: PASS[c], status: "pass" as CheckStatus }])) as SiteReport["checks"];
  const s: SiteReport = {
    file: spec.file,
    line: spec.line,
    column: 5,
    endLine: spec.line + 3,
    endColumn: 6,
    provider: spec.provider ?? "openai",
    kind: "chat",
    callee: spec.callee ?? "openai.chat.completions.create",
    model: spec.model === undefined ? "gpt-4o-mini" : spec.model,
    score: 0,
    checks,
    suppressed: spec.suppressed ?? [],
    ...(spec.via ? { via: spec.via } : {}),
  };
  s.score = siteScore(s, weights);
  return s;
}

export function report(sites: SiteReport[], extra: Partial<ScanReport> = {}): ScanReport {
  const byCheck = Object.fromEntries(CHECK_IDS.map((c) => [c, { pass: 0, warn: 0, fail: 0, unknown: 0 }])) as ScanReport["summary"]["byCheck"];
  for (const s of sites) for (const c of CHECK_IDS) byCheck[c][s.checks[c].status]++;
  const score = workspaceScore(sites);
  return {
    version: 1,
    tool: { name: "llm-readiness", version: "0.1.0" },
    root: "/projects/app",
    score,
    grade: gradeOf(score),
    summary: { files: new Set(sites.map((s) => s.file)).size + 2, sites: sites.length, byCheck, skipped: 0 },
    sites,
    files: fileScores(sites),
    skipped: [],
    errors: [],
    ...extra,
  };
}

export const fail = (value = "none") => ({ value, status: "fail" as const });
export const warn = (value: string) => ({ value, status: "warn" as const });
export const unknown = (note: string) => ({ value: "unknown", status: "unknown" as const, note });
