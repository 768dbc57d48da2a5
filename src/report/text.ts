/** `--format text`: a scorecard for a terminal, grouped by file, then the files ranked by score, a per-check summary, skipped files and errors. */
import { CHECK_IDS, type Grade, type ScanReport, type SiteReport } from "../core/types";
import { findingsOf, groupByFile } from "./findings";
import { costExposure, usd } from "./costExposure";

export interface TextOptions {
  /** ANSI colours; the CLI sets it only when stdout is a TTY and NO_COLOR is unset. */
  color: boolean;
}

type Paint = (s: string) => string;
interface Palette {
  bold: Paint;
  dim: Paint;
  red: Paint;
  yellow: Paint;
  green: Paint;
  cyan: Paint;
}

const sgr = (open: number, close: number): Paint => (s) => `\x1b[${open}m${s}\x1b[${close}m`;
const COLORS: Palette = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  green: sgr(32, 39),
  cyan: sgr(36, 39),
};
const plain: Paint = (s) => s;
const PLAIN: Palette = { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain };

function gradePaint(grade: Grade, p: Palette): Paint {
  return grade === "A" || grade === "B" ? p.green : grade === "C" || grade === "D" ? p.yellow : p.red;
}

function scorePaint(score: number, p: Palette): Paint {
  return score >= 80 ? p.green : score >= 50 ? p.yellow : p.red;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The report as text lines ending in `\n`; the same bytes whatever the terminal width. */
export function formatText(report: ScanReport, options: TextOptions): string {
  const p = options.color ? COLORS : PLAIN;
  const out: string[] = [];

  out.push(`${p.bold("LLM Readiness")} ${p.dim(`${report.tool.version} ·`)} ${report.root}`);
  const headline = [
    `Score ${p.bold(scorePaint(report.score, p)(String(Math.round(report.score))))}/100`,
    `grade ${p.bold(gradePaint(report.grade, p)(report.grade))}`,
  ].join("  ");
  const counts = [
    plural(report.summary.sites, "call site"),
    `${plural(report.summary.files, "file")} scanned`,
    ...(report.skipped.length ? [`${report.skipped.length} skipped`] : []),
    ...(report.errors.length ? [plural(report.errors.length, "error")] : []),
  ].join(" · ");
  out.push(`${headline}  ${p.dim("·")}  ${counts}`, "");

  if (report.sites.length === 0) out.push("No LLM call sites found.", "");
  for (const [file, sites] of groupByFile(report.sites)) {
    out.push(p.bold(p.cyan(file)));
    out.push(...siteLines(sites, p), "");
  }

  if (report.files.length > 0) {
    out.push(p.bold("Files by score"), ...fileLines(report, p), "");
  }

  if (report.sites.length > 0) {
    const width = Math.max(...CHECK_IDS.map((c) => c.length));
    out.push(p.bold(`${"Checks".padEnd(width + 2)}  pass  warn  fail  unknown`));
    for (const check of CHECK_IDS) {
      const c = report.summary.byCheck[check];
      const cell = (n: number, paint: Paint, w: number) => (n > 0 ? paint(String(n).padStart(w)) : p.dim(String(n).padStart(w)));
      out.push(
        `  ${check.padEnd(width)}  ${cell(c.pass, p.green, 4)}  ${cell(c.warn, p.yellow, 4)}  ${cell(c.fail, p.red, 4)}  ${cell(c.unknown, plain, 7)}`,
      );
    }
    out.push("");
  }

  out.push(...costLines(report, p));

  if (report.skipped.length > 0) {
    out.push(p.bold(`Skipped (${report.skipped.length})`));
    for (const s of report.skipped) out.push(`  ${s.file}  ${p.dim(s.reason + (s.detail ? `: ${s.detail}` : ""))}`);
    out.push("");
  }
  if (report.errors.length > 0) {
    out.push(p.bold(p.red(`Errors (${report.errors.length})`)));
    for (const e of report.errors) out.push(`  ${e.file}  ${e.message}`);
    out.push("");
  }
  return out.join("\n");
}

/** One line per file with sites, worst first (`score  grade  file  N sites`), as `report.files` ranks them. */
function fileLines(report: ScanReport, p: Palette): string[] {
  const sw = Math.max(...report.files.map((f) => String(Math.round(f.score)).length));
  const fw = Math.max(...report.files.map((f) => f.file.length));
  return report.files.map((f) => {
    const score = String(Math.round(f.score)).padStart(sw);
    return `  ${scorePaint(f.score, p)(score)}  ${gradePaint(f.grade, p)(f.grade)}  ${f.file.padEnd(fw)}  ${p.dim(plural(f.sites, "site"))}`;
  });
}

/** One line per site (`line:col  provider kind callee  model  score`), columns aligned within the file, then its findings. */
function siteLines(sites: SiteReport[], p: Palette): string[] {
  const rows = sites.map((s) => ({
    pos: `${s.line}:${s.column}`,
    provider: s.provider,
    kind: s.kind,
    callee: s.callee,
    model: s.model ?? "-",
    score: String(Math.round(s.score)),
  }));
  const w = (k: keyof (typeof rows)[number]) => Math.max(...rows.map((r) => r[k].length));
  const widths = { pos: w("pos"), provider: w("provider"), kind: w("kind"), callee: w("callee"), model: w("model"), score: w("score") };
  const indent = " ".repeat(2 + widths.pos + 2);
  const lines: string[] = [];
  sites.forEach((site, i) => {
    const r = rows[i];
    const head = [
      p.dim(r.pos.padEnd(widths.pos)),
      r.provider.padEnd(widths.provider),
      p.dim(r.kind.padEnd(widths.kind)),
      r.callee.padEnd(widths.callee),
      p.dim(r.model.padEnd(widths.model)),
      scorePaint(site.score, p)(r.score.padStart(widths.score)),
    ].join("  ");
    lines.push(`  ${head}${site.via ? p.dim(`  via ${site.via}`) : ""}`.trimEnd());

    const parts: string[] = [];
    const suppressed: string[] = [];
    for (const f of findingsOf(site)) {
      const text = `${f.check}=${f.result.value}`;
      if (f.suppression) suppressed.push(`${text} (${f.suppression.reason})`);
      else parts.push(f.result.status === "fail" ? p.red(`✗ ${text}`) : p.yellow(`! ${text}`));
    }
    const unknown = CHECK_IDS.filter((check) => site.checks[check].status === "unknown");
    if (unknown.length === CHECK_IDS.length) parts.push(p.dim("? every check unknown"));
    else parts.push(...unknown.map((check) => p.dim(`? ${check}`)));
    if (parts.length > 0) lines.push(indent + parts.join("  "));
    if (suppressed.length > 0) lines.push(indent + p.dim(`suppressed: ${suppressed.join(", ")}`));
  });
  return lines;
}

/** The "Cost exposure" block: the most exposed sites and models (worst case per 1,000 calls), the uncapped and the unpriced sites. */
function costLines(report: ScanReport, p: Palette): string[] {
  const c = costExposure(report);
  if (!c.sites.length && !c.unpriced.length) return [];
  const out = [p.bold("Cost exposure (worst case per 1,000 calls)")];
  const shown = c.sites.slice(0, 10);
  const mw = Math.max(0, ...shown.map((r) => usd(r.per1k).length));
  const ww = Math.max(0, ...shown.map((r) => `${r.file}:${r.line}`.length));
  for (const r of shown) out.push(`  ${usd(r.per1k).padStart(mw)}  ${`${r.file}:${r.line}`.padEnd(ww)}  ${p.dim(`${r.model ?? "-"}${r.capped ? "" : " · no output cap"}`)}`);
  if (c.sites.length > shown.length) out.push(p.dim(`  ... ${plural(c.sites.length - shown.length, "more priced site")}`));
  if (c.models.length) {
    out.push(p.dim("  by model:"));
    for (const m of c.models) out.push(`    ${usd(m.worstPer1k).padStart(mw)}  ${m.model}  ${p.dim(`${plural(m.sites, "site")}${m.uncapped ? `, ${m.uncapped} uncapped` : ""}`)}`);
  }
  if (c.uncapped.length) out.push(p.yellow(`  ${plural(c.uncapped.length, "site")} with no output cap: ${c.uncapped.slice(0, 6).map((r) => `${r.file}:${r.line}`).join(", ")}${c.uncapped.length > 6 ? ", ..." : ""}`));
  if (c.unpriced.length) out.push(p.dim(`  ${plural(c.unpriced.length, "site")} unpriced (${[...new Set(c.unpriced.map((u) => u.why))].slice(0, 2).join("; ")})`));
  out.push("");
  return out;
}
