/**
 * The baseline (`.llm-readiness-baseline.json`): the findings a team accepts today, by fingerprint, so CI fails
 * only on what gets worse. Its schema, how it is written (sorted, no lines, nothing machine-specific) and read
 * (zod, `file:line: field` errors), and how a report compares with it.
 */
import { z } from "zod";
import { jsonPathLine } from "./jsonPathLine";
import { withFingerprints } from "./fingerprint";
import { CHECK_IDS, type CheckId, type CheckResult, type ScanReport, type SiteReport } from "./types";

export const BASELINE_FILE = ".llm-readiness-baseline.json";

const Hex16 = z.string().regex(/^[0-9a-f]{16}$/, "expected 16 lowercase hex digits");

const Entry = z.strictObject({
  fingerprint: Hex16.describe("The finding's identity: its site's, its check and the check's value."),
  site: Hex16.describe("The site's identity: file, scope path, provider, callee and rank among the same calls in the scope."),
  file: z.string().min(1).regex(/^[^\\]+$/, "relative path with / separators"),
  scope: z.string().min(1),
  provider: z.string().min(1),
  callee: z.string().min(1),
  check: z.enum(CHECK_IDS),
  value: z.string().min(1),
  status: z.enum(["fail", "warn"]),
});
export type BaselineEntry = z.infer<typeof Entry>;

export const Baseline = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1),
  tool: z.literal("llm-readiness"),
  score: z.number().min(0).max(100).describe("The workspace score when the baseline was written (for --max-score-drop)."),
  findings: z.array(Entry),
});
export type Baseline = z.infer<typeof Baseline>;

/** An unreadable or invalid baseline file; `lines` are `file:line: field: message`. */
export class BaselineError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
    this.name = "BaselineError";
  }
}

/** Whether a check of a site is a finding: failing or warning, not suppressed in the source, not turned off. */
export function isFinding(site: SiteReport, check: CheckId): boolean {
  const r = site.checks[check];
  return (r.status === "fail" || r.status === "warn") && r.severity !== "off" && !site.suppressed.some((s) => s.check === check);
}

/** Sites with their fingerprints (reports built before fingerprints, or by hand, get them ranked within the file). */
function fingerprinted(report: ScanReport): SiteReport[] {
  return report.sites.every((s) => s.fingerprint && s.fingerprints) ? report.sites : withFingerprints(report.sites);
}

const compareEntries = (a: BaselineEntry, b: BaselineEntry) => {
  for (const k of ["file", "scope", "callee", "site", "check", "fingerprint"] as const) {
    const d = k === "check" ? CHECK_IDS.indexOf(a.check) - CHECK_IDS.indexOf(b.check) : a[k] < b[k] ? -1 : a[k] > b[k] ? 1 : 0;
    if (d) return d;
  }
  return 0;
};

/** The baseline of a report: every finding, sorted by file, scope, callee and check; no line numbers. */
export function baselineOf(report: ScanReport): Baseline {
  const findings: BaselineEntry[] = [];
  for (const site of fingerprinted(report)) {
    for (const check of CHECK_IDS) {
      if (!isFinding(site, check)) continue;
      const r = site.checks[check];
      findings.push({
        fingerprint: site.fingerprints![check],
        site: site.fingerprint!,
        file: site.file,
        scope: site.scope ?? "<module>",
        provider: site.provider,
        callee: site.callee,
        check,
        value: r.value,
        status: r.status as "fail" | "warn",
      });
    }
  }
  findings.sort(compareEntries);
  return { version: 1, tool: "llm-readiness", score: Math.round(report.score * 10) / 10, findings };
}

/** The file's text: one finding per line, so a diff shows each accepted or fixed finding as one line. */
export function formatBaseline(b: Baseline): string {
  const head = JSON.stringify({ version: b.version, tool: b.tool, score: b.score }, null, 2).replace(/\n}$/, "");
  if (b.findings.length === 0) return `${head},\n  "findings": []\n}\n`;
  const lines = [...b.findings].sort(compareEntries).map((f) => `    ${JSON.stringify(f, Object.keys(Entry.shape))}`);
  return `${head},\n  "findings": [\n${lines.join(",\n")}\n  ]\n}\n`;
}

/** Validates a baseline's text; throws BaselineError naming the file, line and field of each problem. */
export function parseBaseline(displayName: string, text: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const pos = /at position (\d+)/.exec((e as Error).message)?.[1];
    const line = pos === undefined ? 1 : text.slice(0, Number(pos)).split("\n").length;
    throw new BaselineError([`${displayName}:${line}: invalid JSON: ${(e as Error).message.split("\n")[0]}`]);
  }
  const r = Baseline.safeParse(raw);
  if (!r.success) {
    // One line per problem, an unknown key at its own line.
    const issues = r.error.issues.flatMap((i) =>
      i.code === "unrecognized_keys" ? i.keys.map((k) => ({ path: [...i.path, k], message: "unknown key" })) : [{ path: i.path, message: i.message }],
    );
    throw new BaselineError(
      issues.map((i) => `${displayName}:${jsonPathLine(text, i.path)}: ${i.path.length ? i.path.map(String).join(".") : "(root)"}: ${i.message}`),
    );
  }
  return r.data;
}

/** How a finding stands against the baseline (SARIF `baselineState`; `absent` is a baseline entry no longer found). */
export type BaselineState = "new" | "unchanged" | "updated";

export interface ComparedFinding {
  site: SiteReport;
  check: CheckId;
  result: CheckResult;
  fingerprint: string;
  state: BaselineState;
  /** For `updated`: the baseline's entry for the same site and check (another value). */
  previous?: BaselineEntry;
  /** New, or updated to a worse status: what fails the gate. */
  regressed: boolean;
  /** Set by `--baseline-ref` when the finding's own lines did not change: the change that caused it. */
  cause?: { file: string; line: number; text: string };
  /** Set by `--baseline-ref` when the finding's own lines changed (the call itself was edited or added). */
  changedHere?: boolean;
}

export interface Comparison {
  /** What the findings were compared with: the baseline file or the git ref, as given. */
  against: string;
  /** A baseline file (its absent entries are stale until pruned), or a git ref (they are simply fixed). */
  kind: "file" | "ref";
  findings: ComparedFinding[];
  /** Baseline entries no longer found: fixed, or gone with their code. Stale until the baseline is pruned. */
  absent: BaselineEntry[];
  scoreBefore: number;
  scoreAfter: number;
}

const worse = (now: CheckResult["status"], before: "fail" | "warn") => now === "fail" && before === "warn";

/** Compares a report's findings with a baseline by fingerprint. */
export function compareWithBaseline(report: ScanReport, baseline: Baseline, against: string, kind: Comparison["kind"] = "file"): Comparison {
  const byPrint = new Map(baseline.findings.map((e) => [e.fingerprint, e]));
  const bySiteCheck = new Map<string, BaselineEntry[]>();
  for (const e of baseline.findings) {
    const k = `${e.site}\0${e.check}`;
    bySiteCheck.set(k, [...(bySiteCheck.get(k) ?? []), e]);
  }
  const matched = new Set<BaselineEntry>();
  const findings: ComparedFinding[] = [];
  const pendingUpdates: { site: SiteReport; check: CheckId; fingerprint: string }[] = [];
  const sites = fingerprinted(report);
  for (const site of sites) {
    for (const check of CHECK_IDS) {
      if (!isFinding(site, check)) continue;
      const fingerprint = site.fingerprints![check];
      const known = byPrint.get(fingerprint);
      if (known && !matched.has(known)) {
        matched.add(known);
        findings.push({ site, check, result: site.checks[check], fingerprint, state: "unchanged", regressed: false });
      } else pendingUpdates.push({ site, check, fingerprint });
    }
  }
  // Exact matches first, so an updated finding never takes an entry that another finding matches exactly.
  for (const { site, check, fingerprint } of pendingUpdates) {
    const previous = (bySiteCheck.get(`${site.fingerprint}\0${check}`) ?? []).find((e) => !matched.has(e));
    const result = site.checks[check];
    if (previous) {
      matched.add(previous);
      findings.push({ site, check, result, fingerprint, state: "updated", previous, regressed: worse(result.status, previous.status) });
    } else findings.push({ site, check, result, fingerprint, state: "new", regressed: true });
  }
  const order = new Map(sites.map((s, i) => [s, i]));
  findings.sort((a, b) => order.get(a.site)! - order.get(b.site)! || CHECK_IDS.indexOf(a.check) - CHECK_IDS.indexOf(b.check));
  return {
    against,
    kind,
    findings,
    absent: baseline.findings.filter((e) => !matched.has(e)),
    scoreBefore: baseline.score,
    scoreAfter: report.score,
  };
}

/** The baseline without its absent entries (`--prune-baseline`): fixed findings cannot come back silently. */
export function pruneBaseline(baseline: Baseline, comparison: Comparison): Baseline {
  const absent = new Set(comparison.absent.map((e) => e.fingerprint));
  return { ...baseline, findings: baseline.findings.filter((e) => !absent.has(e.fingerprint)) };
}

/** The comparison's summary for the JSON report (an addition to version 1). */
export function comparisonJson(c: Comparison) {
  const count = (s: BaselineState) => c.findings.filter((f) => f.state === s).length;
  return {
    against: c.against,
    kind: c.kind,
    scoreBefore: c.scoreBefore,
    scoreAfter: c.scoreAfter,
    counts: { new: count("new"), unchanged: count("unchanged"), updated: count("updated"), absent: c.absent.length, regressed: c.findings.filter((f) => f.regressed).length },
    findings: c.findings
      .filter((f) => f.state !== "unchanged")
      .map((f) => ({
        fingerprint: f.fingerprint,
        state: f.state,
        regressed: f.regressed,
        file: f.site.file,
        line: f.site.line,
        callee: f.site.callee,
        check: f.check,
        value: f.result.value,
        ...(f.previous ? { previousValue: f.previous.value } : {}),
        ...(f.cause ? { cause: f.cause } : {}),
        ...(f.changedHere ? { changedHere: true } : {}),
      })),
    absent: c.absent,
  };
}
