/** The text the editor shows (diagnostic findings, the hover card, CodeLens titles, the status bar) from reports and rules; no `vscode` import, so it is unit-tested. */
import type { CheckRule } from "../core/catalog/schema";
import { findingText, sentences, type ShownSeverity } from "../core/messages";
import { gradeOf, workspaceScore } from "../core/score";
import { CHECK_IDS, type CheckId, type CheckStatus, type ConfiguredSeverity, type ScanReport, type SiteReport } from "../core/types";

export type CheckRules = Record<CheckId, CheckRule>;
/** The editor's severity override per check (the `llmReadiness.diagnostics.severity` setting). */
export type Overrides = (check: CheckId) => ConfiguredSeverity | undefined;

export interface Finding {
  check: CheckId;
  message: string;
  severity: Exclude<ShownSeverity, "none">;
  /** `file:line` of what decided the value (the client's construction, the wrapper...). */
  evidence?: string;
}

/**
 * The findings of a site the editor shows, at most one per check: severity not `none` (a pass, an unknown
 * unless `showUnknown`, a check turned off), not suppressed in the source, in report order.
 */
export function findingsOf(site: SiteReport, rules: CheckRules, override: Overrides = () => undefined, showUnknown = false): Finding[] {
  const out: Finding[] = [];
  for (const check of CHECK_IDS) {
    if (site.suppressed.some((s) => s.check === check)) continue;
    const text = findingText(rules[check], check, site, { editor: override(check), showUnknown });
    const severity = text.severity;
    const ignored = site.ignored?.find((x) => x.check === check);
    // A suppression with a placeholder reason suppresses nothing: the finding says so where the user looks.
    const message = ignored ? sentences(text.message, `The suppression at line ${lineOf(ignored.at)} was ignored: ${ignored.why}`) : text.message;
    if (severity === "none") continue;
    const evidence = site.checks[check].evidence;
    out.push({ check, message, severity, ...(evidence ? { evidence } : {}) });
  }
  return out;
}

/** `src/a.ts:12` → `12`. */
const lineOf = (at: string) => at.slice(at.lastIndexOf(":") + 1);

const STATUS_ICON: Record<CheckStatus, string> = { pass: "$(pass)", warn: "$(warning)", fail: "$(error)", unknown: "$(question)" };

/** Escapes text for Markdown (backticks stay: messages use them for code). */
const md = (s: string) => s.replace(/([\\*_[\]<>|])/g, "\\$1");

/** Links of the readiness card: `file:line` to an open-location command, a check to its docs page. */
export interface CardLinks {
  at: (fileLine: string) => string | undefined;
  docs?: (check: CheckId) => string | undefined;
}

/**
 * A site's readiness card (Markdown with theme icons), one compact block: the call, provider · model, the
 * score, one line per check that is missing (its value, what decided it, its docs), the passing checks on
 * one line, and where the request is sent. The diagnostics' messages are not repeated: they show above or below.
 */
export function readinessCard(site: SiteReport, rules: CheckRules, links: CardLinks | ((fileLine: string) => string | undefined), override: Overrides = () => undefined): string {
  const { at, docs } = typeof links === "function" ? { at: links, docs: undefined } : links;
  const linked = (text: string, target: string | undefined) => (target ? `[${text}](${target})` : text);
  const vendor = site.defaults?.provider && site.defaults.provider !== "the model provider" ? site.defaults.provider : site.provider;
  const who = [vendor, site.model ? `\`${site.model}\`` : undefined].filter(Boolean).join(" · ");
  const on = CHECK_IDS.filter((c) => site.checks[c].severity !== "off" && override(c) !== "off");
  const missing = on.filter((c) => site.checks[c].status === "fail" || site.checks[c].status === "warn");
  const lines: string[] = [];
  lines.push(`**LLM Readiness** · \`${site.callee}\` · ${who}`);
  lines.push(`Score **${Math.round(site.score)}**/100 (${gradeOf(site.score)}) · ${missing.length ? `${missing.length} of ${on.length} checks missing` : `all ${on.length} checks pass`}`);
  for (const check of missing) {
    const r = site.checks[check];
    const suppressed = site.suppressed.find((s) => s.check === check);
    const parts = [`${STATUS_ICON[r.status]} **${md(rules[check].title)}** \`${r.value}\``];
    if (r.evidence && r.evidence !== `${site.file}:${site.line}`) parts.push(linked(md(r.evidence), at(r.evidence)));
    const ignored = site.ignored?.find((x) => x.check === check);
    if (suppressed) parts.push(`_suppressed: ${md(suppressed.reason)}_`);
    else if (ignored) parts.push(`_suppression ignored: placeholder reason_`);
    const doc = docs?.(check);
    if (doc) parts.push(`[docs](${doc})`);
    lines.push(parts.join(" · "));
  }
  const passing = on.filter((c) => site.checks[c].status === "pass").map((c) => `${md(rules[c].title)} \`${site.checks[c].value}\``);
  if (passing.length) lines.push(`$(pass) ${passing.join(", ")}`);
  const unknown = on.filter((c) => site.checks[c].status === "unknown").map((c) => md(rules[c].title));
  if (unknown.length) lines.push(`$(question) Not decided: ${unknown.join(", ")}`);
  const off = CHECK_IDS.filter((c) => !on.includes(c)).map((c) => md(rules[c].title));
  if (off.length) lines.push(`$(circle-slash) Off: ${off.join(", ")}`);
  if (site.via) lines.push(`The request is sent at ${linked(md(site.via), at(site.via))}.`);
  // A hard line break ends each line: one block, no paragraph gaps.
  return lines.join("  \n");
}

/** The CodeLens title above a site: `Readiness 3/6 · missing timeout, usage`. */
export function lensTitle(site: SiteReport, override: Overrides = () => undefined): string {
  const on = CHECK_IDS.filter((c) => site.checks[c].severity !== "off" && override(c) !== "off");
  const passed = on.filter((c) => site.checks[c].status === "pass");
  const missing = on.filter((c) => (site.checks[c].status === "fail" || site.checks[c].status === "warn") && !site.suppressed.some((s) => s.check === c));
  return `Readiness ${passed.length}/${on.length}${missing.length ? ` · missing ${missing.join(", ")}` : ""}`;
}

export interface Overall {
  score: number;
  grade: ReturnType<typeof gradeOf>;
  sites: number;
  files: number;
  byCheck: Record<CheckId, Record<CheckStatus, number>>;
  /** Problems of the scans (syntax errors, unreadable files, malformed suppression comments). */
  errors: number;
}

/** The workspace's score over every folder's sites (a multi-root workspace is scored as one). */
export function overallOf(reports: readonly ScanReport[]): Overall | undefined {
  if (reports.length === 0) return undefined;
  const sites = reports.flatMap((r) => r.sites);
  const score = workspaceScore(sites);
  const byCheck = Object.fromEntries(CHECK_IDS.map((c) => [c, { pass: 0, warn: 0, fail: 0, unknown: 0 }])) as Overall["byCheck"];
  for (const r of reports) for (const c of CHECK_IDS) for (const s of ["pass", "warn", "fail", "unknown"] as const) byCheck[c][s] += r.summary.byCheck[c][s];
  return {
    score,
    grade: gradeOf(score),
    sites: sites.length,
    files: reports.reduce((n, r) => n + r.files.length, 0),
    byCheck,
    errors: reports.reduce((n, r) => n + r.errors.length, 0),
  };
}

/** The status bar text: `$(checklist) Readiness 64 (D)`. */
export function statusText(o: Overall): string {
  return o.sites === 0 ? "$(checklist) Readiness: no LLM calls" : `$(checklist) Readiness ${Math.round(o.score)} (${o.grade})`;
}

/** The status bar tooltip (Markdown): the score, then each check's pass/warn/fail/unknown counts. */
export function statusTooltip(o: Overall, rules: CheckRules): string {
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  const lines = [
    `**LLM Readiness**: score **${Math.round(o.score)}**/100, grade **${o.grade}**`,
    "",
    `${plural(o.sites, "call site")} in ${plural(o.files, "file")}`,
    "",
    "| Check | pass | warn | fail | unknown |",
    "|:--|--:|--:|--:|--:|",
    ...CHECK_IDS.map((c) => {
      const n = o.byCheck[c];
      return `| ${md(rules[c].title)} | ${n.pass} | ${n.warn} | ${n.fail} | ${n.unknown} |`;
    }),
  ];
  if (o.errors) lines.push("", `$(warning) ${plural(o.errors, "analysis problem")} (syntax errors, unreadable files): see the LLM Readiness log.`);
  lines.push("", "Click to open the readiness panel.");
  return lines.join("\n");
}
