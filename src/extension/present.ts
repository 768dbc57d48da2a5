/** The text the editor shows (diagnostic findings, the hover card, CodeLens titles, the status bar) from reports and rules; no `vscode` import, so it is unit-tested. */
import type { CheckRule } from "../core/catalog/schema";
import { findingText, type ShownSeverity } from "../core/messages";
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

/** The findings of a site the editor shows: severity not `none`, not suppressed in the source, in report order. */
export function findingsOf(site: SiteReport, rules: CheckRules, override: Overrides = () => undefined): Finding[] {
  const out: Finding[] = [];
  for (const check of CHECK_IDS) {
    if (site.suppressed.some((s) => s.check === check)) continue;
    const { message, severity } = findingText(rules[check], check, site, override(check));
    if (severity === "none") continue;
    const evidence = site.checks[check].evidence;
    out.push({ check, message, severity, ...(evidence ? { evidence } : {}) });
  }
  return out;
}

const STATUS_ICON: Record<CheckStatus, string> = { pass: "$(pass)", warn: "$(warning)", fail: "$(error)", unknown: "$(question)" };

/** Escapes text for Markdown (backticks stay: messages use them for code). */
const md = (s: string) => s.replace(/([\\*_[\]<>|])/g, "\\$1");

/**
 * A site's readiness card (Markdown with theme icons): each check with its value and evidence, the
 * site's score, and the messages of what is not a pass. `link` turns `file:line` into a link target.
 */
export function readinessCard(site: SiteReport, rules: CheckRules, link: (fileLine: string) => string | undefined, override: Overrides = () => undefined): string {
  const lines: string[] = [];
  const who = [site.defaults?.provider ?? site.provider, site.model ? `\`${site.model}\`` : undefined].filter(Boolean).join(" · ");
  lines.push(`**LLM Readiness** · \`${site.callee}\` · ${who}`, "");
  lines.push(`Readiness score **${Math.round(site.score)}**/100 (grade ${gradeOf(site.score)})`, "");
  lines.push("| | Check | Value | Evidence |", "|:-:|:--|:--|:--|");
  const evidenceCell = (at: string | undefined) => {
    if (!at) return "";
    const target = link(at);
    return target ? `[${md(at)}](${target})` : md(at);
  };
  for (const check of CHECK_IDS) {
    const r = site.checks[check];
    const off = r.severity === "off" || override(check) === "off";
    const icon = off ? "$(circle-slash)" : STATUS_ICON[r.status];
    lines.push(`| ${icon} | ${md(rules[check].title)} | \`${r.value}\`${off ? " (off)" : ""} | ${evidenceCell(r.evidence)} |`);
  }
  const notes: string[] = [];
  for (const check of CHECK_IDS) {
    const r = site.checks[check];
    if (r.status === "pass" || r.severity === "off" || override(check) === "off") continue;
    const suppressed = site.suppressed.find((s) => s.check === check);
    const { message } = findingText(rules[check], check, site, override(check));
    notes.push(`${STATUS_ICON[r.status]} **${md(rules[check].title)}**: ${message}${suppressed ? ` _(suppressed: ${md(suppressed.reason)})_` : ""}`);
  }
  if (notes.length) lines.push("", notes.join("\n\n"));
  if (site.via) {
    const target = link(site.via);
    lines.push("", `The request is sent at ${target ? `[${md(site.via)}](${target})` : md(site.via)}.`);
  }
  return lines.join("\n");
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
