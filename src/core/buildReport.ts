/** Turns an analysis (sites found, files skipped, errors) into the versioned scan report of CHECKS.md, with suppressions, configured severities and scores. */
import type { Analysis } from "./analysis";
import type { DetectedSite } from "./callSites/detect";
import { parseSource } from "./project";
import { readSuppressions, statementOf, suppressionsFor, DIRECTIVE, type FileSuppressions } from "./suppressions";
import { reportConfigOf, type ResolvedConfig } from "./config";
import { CHECK_IDS, type CheckId, type CheckResult, type CheckStatus, type ScanError, type ScanReport, type SiteCost, type SiteReport } from "./types";
import { fileScores, gradeOf, siteScore, workspaceScore } from "./score";
import { TOOL_VERSION } from "./version";
import { withFingerprints } from "./fingerprint";
import { scopeOf } from "./scopePath";

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

/** Prices a site (src/core/cost.ts); absent: the report carries no `cost`. */
export type Coster = (site: DetectedSite) => SiteCost | undefined;

/** Each site's entry with what it was made of (verdicts, cost, the tree and its text, the file's suppressions, the analysis). */
const entries = new WeakMap<DetectedSite, { judged: Record<CheckId, CheckResult>; cost: SiteCost | undefined; sf: object; text: string; known: FileSuppressions | undefined; analysis: Analysis; entry: SiteReport }>();

export function buildReport(root: string, analysis: Analysis, judge: Judge = unjudged, coster?: Coster): ScanReport {
  const weights = Object.fromEntries(CHECK_IDS.map((c) => [c, analysis.catalog.checks[c].weight])) as Record<CheckId, number>;
  const config: ResolvedConfig = analysis.config ?? { config: {} };
  const { byFile, errors: suppressionErrors } = suppressionsOf(analysis);
  const sites: SiteReport[] = analysis.sites.map((s) => {
    const judged = judge(s, analysis);
    const sf = s.file.sf;
    const known = byFile.get(s.file.abs);
    let cost: SiteCost | undefined;
    try {
      cost = coster?.(s);
    } catch (e) {
      cost = { model: s.model, inputTokens: null, outputTokens: null, usd: null, basis: `unpriced: the estimate failed (${(e as Error).message})`, capped: false };
    }
    // The entry of the last report when nothing it is made of changed (an incremental session rebuilds the report on every edit).
    const last = entries.get(s);
    if (last && last.judged === judged && last.cost === cost && last.sf === sf && last.text === sf.text && last.known === known && last.analysis === analysis) return last.entry;
    const checks = withSeverity(innermostOf(s).resolution === "shape" ? untraced(judged) : judged, config);
    const at = location(s);
    const statementLine = sf.getLineAndCharacterOfPosition(statementOf(s.call).getStart(sf)).line + 1;
    const suppressed = suppressionsFor(known ?? readSuppressions(sf), s.file.rel, { line: at.line, statementLine });
    const inner = s.inner;
    const sender = innermostOf(s);
    const test = analysis.isTestFile(s.file.rel);
    const resolution = sender.resolution ?? "traced";
    const entry: SiteReport = {
      file: s.file.rel,
      ...at,
      provider: s.via === "http" ? s.provider : (s.vendor ?? s.provider),
      sdk: sender.via === "http" ? (sender.httpClient ?? "fetch") : (sender.sdk?.id ?? sender.provider),
      resolution,
      test,
      kind: s.kind,
      callee: s.callee,
      scope: scopeOf(s.call, sf),
      model: s.model,
      score: siteScore({ checks, suppressed }, weights),
      checks,
      suppressed,
      ...(inner ? { via: `${inner.file.rel}:${location(inner).line}` } : {}),
      ...(cost ? { cost } : {}),
    };
    entries.set(s, { judged, cost, sf, text: sf.text, known, analysis, entry });
    return entry;
  });
  sites.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  // Identities are ranked in source order, so only once the sites are sorted.
  sites.splice(0, sites.length, ...withFingerprints(sites));
  // Test and eval files' own calls are listed but count in no score (CHECKS.md).
  const scored = sites.filter((s) => !s.test);
  const byCheck = Object.fromEntries(
    CHECK_IDS.map((c) => {
      const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, unknown: 0 };
      for (const s of scored) counts[s.checks[c].status]++;
      return [c, counts];
    }),
  ) as ScanReport["summary"]["byCheck"];
  const score = workspaceScore(scored);
  const reportConfig = reportConfigOf(config);
  return {
    version: 1,
    tool: { name: "llm-readiness", version: TOOL_VERSION },
    root,
    score,
    grade: gradeOf(score),
    summary: { files: analysis.workspace.fileCount, sites: sites.length, byCheck, skipped: analysis.skipped.length, ...(sites.length > scored.length ? { testSites: sites.length - scored.length } : {}) },
    sites,
    files: fileScores(scored),
    skipped: analysis.skipped,
    // By file (stable within one): the same order after incremental updates as after a fresh scan.
    errors: [...analysis.errors, ...suppressionErrors].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0)),
    ...(reportConfig ? { config: reportConfig } : {}),
  };
}

function innermostOf(s: DetectedSite): DetectedSite {
  let x = s;
  for (let i = 0; x.inner && i < 32; i++) x = x.inner;
  return x;
}

/** Checks that depend on the client's construction, which a site recognised by its shape cannot see. */
const CLIENT_CHECKS: readonly CheckId[] = ["timeout", "retry", "usage"];

/**
 * A site whose receiver could not be traced: what the client's construction decides is `unknown`
 * (CHECKS.md), unless the request itself shows it (an explicit timeout or retry, usage read).
 */
function untraced(checks: Record<CheckId, CheckResult>): Record<CheckId, CheckResult> {
  const out = { ...checks };
  for (const c of CLIENT_CHECKS) {
    const r = out[c];
    if (r.status === "pass" && r.value !== "sdk-default") continue;
    out[c] = { value: "unknown", status: "unknown", note: "the client is injected or cast and could not be traced to its construction; recognised by the call's shape" };
  }
  return out;
}

/**
 * The configured severity on each finding: `off` on every result of a check turned off (the score
 * leaves it out), the configured level on `fail`/`warn` results. Results the configuration does not
 * name keep the rule's severity (no field).
 */
function withSeverity(checks: Record<CheckId, CheckResult>, config: ResolvedConfig): Record<CheckId, CheckResult> {
  const severity = config.config.severity;
  if (!severity) return checks;
  const out = { ...checks };
  for (const c of CHECK_IDS) {
    const s = severity[c];
    if (s === undefined) continue;
    if (s === "off" || out[c].status === "fail" || out[c].status === "warn") out[c] = { ...out[c], severity: s };
  }
  return out;
}

/** Directives of text-only files, kept while the file's entry lives (an edit replaces it). */
const dormantRead = new WeakMap<object, FileSuppressions>();
const mentions = new WeakMap<object, boolean>();

/** Whether a file's text names the directive at all, remembered per file (reports are rebuilt on every edit). */
function mentionsDirective(key: object, text: string): boolean {
  let m = mentions.get(key);
  if (m === undefined) mentions.set(key, (m = text.includes(DIRECTIVE)));
  return m;
}

/**
 * The suppression comments of every scanned file, and an error per malformed one. Files kept as
 * text only (no LLM call can be in them) are parsed just when they hold a directive, so a broken
 * comment there is still reported.
 */
function suppressionsOf(analysis: Analysis): { byFile: Map<string, FileSuppressions>; errors: ScanError[] } {
  const byFile = new Map<string, FileSuppressions>();
  const errors: ScanError[] = [];
  const files: { abs: string; rel: string; read: () => FileSuppressions }[] = [];
  for (const f of analysis.workspace.files.values()) if (mentionsDirective(f.sf, f.sf.text)) files.push({ abs: f.abs, rel: f.rel, read: () => readSuppressions(f.sf) });
  for (const d of analysis.workspace.dormant.values()) {
    if (!mentionsDirective(d, d.text)) continue;
    files.push({
      abs: d.abs,
      rel: d.rel,
      read: () => {
        let s = dormantRead.get(d);
        if (!s) dormantRead.set(d, (s = readSuppressions(parseSource(d.abs, d.text))));
        return s;
      },
    });
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  for (const f of files) {
    const s = f.read();
    byFile.set(f.abs, s);
    for (const p of s.problems) errors.push({ file: f.rel, line: p.line, message: p.message });
  }
  return { byFile, errors };
}
