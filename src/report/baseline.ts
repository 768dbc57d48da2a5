/** The comparison with a baseline in each format: a text section, the pull-request summary (Markdown) and workflow annotations (`--format github`). */
import type { ComparedFinding, Comparison } from "../core/baseline";
import type { ScanReport } from "../core/types";
import { loadRuleMeta } from "./ruleMeta";

export const causeLine = (c: { file: string; line: number; text: string }) => `regressed by ${c.file}:${c.line}: ${c.text}`;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const round = (n: number) => Math.round(n);

/** `71 → 62 (−9)`, or `71 (unchanged)`. */
export function scoreChange(c: Comparison): string {
  const [a, b] = [round(c.scoreBefore), round(c.scoreAfter)];
  return a === b ? `${b} (unchanged)` : `${a} → ${b} (${b > a ? "+" : "−"}${Math.abs(b - a)})`;
}

export const regressedOf = (c: Comparison) => c.findings.filter((f) => f.regressed);

/** One line about the comparison, for stderr and headings. */
export function comparisonHeadline(c: Comparison): string {
  const known = c.findings.filter((f) => !f.regressed).length;
  return `against ${c.against}: ${plural(regressedOf(c).length, "new finding")}, ${known} known, ${c.absent.length} fixed; score ${scoreChange(c)}`;
}

const findingText = (f: ComparedFinding) =>
  `${f.site.file}:${f.site.line}  ${f.check}=${f.result.value}${f.previous ? ` (was ${f.previous.value})` : ""}  ${f.site.callee}`;

/** The text format's closing section: new findings with their cause, and the baseline's stale entries. */
export function comparisonText(c: Comparison): string[] {
  const out = [`Baseline ${comparisonHeadline(c)}`];
  for (const f of regressedOf(c)) out.push(`  new  ${findingText(f)}${f.cause ? `  (${causeLine(f.cause)})` : ""}`);
  for (const e of c.absent) out.push(`  fixed  ${e.file}  ${e.scope}  ${e.check}=${e.value}  ${e.callee}${c.kind === "file" ? "  (stale in the baseline: --prune-baseline removes it)" : ""}`);
  out.push("");
  return out;
}

function cell(s: string): string {
  return s.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").replace(/</g, "&lt;");
}
function code(s: string): string {
  const t = s.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  return s.includes("`") ? `\`\` ${t} \`\`` : `\`${t}\``;
}

/** The pull-request summary that opens the Markdown report: new, fixed, score before → after, regressions with their cause. */
export function comparisonMarkdown(c: Comparison): string[] {
  const regressed = regressedOf(c);
  const out = [
    `### Against ${code(c.against)}: ${plural(regressed.length, "new finding")}, ${c.absent.length} fixed · score ${scoreChange(c)}`,
    "",
  ];
  if (regressed.length) {
    out.push("| New finding | Call | Check | Cause |", "|---|---|---|---|");
    for (const f of regressed) {
      const mark = f.result.status === "fail" ? "❌" : "⚠️";
      const value = f.previous ? `${code(f.previous.value)} → ${code(f.result.value)}` : code(f.result.value);
      const cause = f.cause
        ? `regressed by ${code(`${f.cause.file}:${f.cause.line}`)}: ${cell(f.cause.text)}`
        : f.changedHere
          ? "changed at the call"
          : c.kind === "ref"
            ? "no changed line found among what decided it"
            : "-";
      out.push(`| ${code(`${f.site.file}:${f.site.line}`)} | ${code(f.site.callee)} | ${mark} ${f.check} ${value} | ${cause} |`);
    }
    out.push("");
  } else out.push("No new findings.", "");
  if (c.absent.length) {
    out.push(`<details><summary>Fixed since the baseline (${c.absent.length})</summary>`, "", "| File | Scope | Call | Check |", "|---|---|---|---|");
    for (const e of c.absent) out.push(`| ${code(e.file)} | ${code(e.scope)} | ${code(e.callee)} | ${e.check} ${code(e.value)} |`);
    out.push("", "</details>", "");
  }
  return out;
}

/** Workflow command escaping (actions/toolkit `command.ts`): data escapes %, CR, LF; properties also `:` and `,`. */
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/**
 * `--format github`: a workflow annotation per new finding (per finding when there is no baseline), so the pull
 * request shows them at their lines; known findings stay quiet.
 */
export function formatGithub(report: ScanReport, comparison?: Comparison): string {
  const meta = loadRuleMeta();
  const findings: { site: ScanReport["sites"][number]; check: ComparedFinding["check"]; result: ComparedFinding["result"]; cause?: ComparedFinding["cause"] }[] = comparison
    ? regressedOf(comparison)
    : report.sites.flatMap((site) =>
        (Object.keys(site.checks) as ComparedFinding["check"][])
          .filter((check) => {
            const r = site.checks[check];
            return (r.status === "fail" || r.status === "warn") && r.severity !== "off" && !site.suppressed.some((s) => s.check === check);
          })
          .map((check) => ({ site, check, result: site.checks[check] })),
      );
  const lines = findings.map((f) => {
    const m = meta[f.check];
    const level = f.result.status === "fail" && m.level === "error" ? "error" : f.result.status === "fail" || m.level === "warning" ? "warning" : "notice";
    const props = [
      `file=${escapeProperty(f.site.file)}`,
      `line=${f.site.line}`,
      `endLine=${f.site.endLine}`,
      `col=${f.site.column}`,
      `title=${escapeProperty(`LLM Readiness: ${f.check} is ${f.result.value}`)}`,
    ].join(",");
    const cause = f.cause ? ` ${causeLine(f.cause).replace(/^r/, "R")}.` : "";
    return `::${level} ${props}::${escapeData(`${m.title}: \`${f.check}\` is \`${f.result.value}\` for \`${f.site.callee}\`.${cause} ${m.remedy}`)}`;
  });
  const summary = comparison
    ? `LLM Readiness ${comparisonHeadline(comparison)}`
    : `LLM Readiness: score ${round(report.score)} (grade ${report.grade}), ${plural(lines.length, "finding")}`;
  return [...lines, `::notice title=LLM Readiness::${escapeData(summary)}`, ""].join("\n");
}
