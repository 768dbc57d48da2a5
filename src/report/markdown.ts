/** `--format markdown`: a report to paste into a pull request description or a CI job summary (GitHub-flavoured tables). */
import { CHECK_IDS, type ScanReport } from "../core/types";
import { findingsOf } from "./findings";
import { costExposure, usd } from "./costExposure";
import { helpUri, loadRuleMeta } from "./ruleMeta";

/** Text for a table cell: no line breaks, no column breaks, no raw HTML. */
function cell(s: string): string {
  return s.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").replace(/</g, "&lt;");
}

/** Inline code for a table cell: `|` stays escaped (GFM splits cells first), backticks get a double fence. */
function code(s: string): string {
  const t = s.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  return s.includes("`") ? `\`\` ${t} \`\`` : `\`${t}\``;
}

/** Files listed before the rest fold into a <details>. */
const FILES_SHOWN = 10;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `summary`: lines that open the report after its heading (the pull-request summary against a baseline). */
export function formatMarkdown(report: ScanReport, summary: readonly string[] = []): string {
  const meta = loadRuleMeta();
  const out: string[] = [];
  out.push(`## LLM Readiness: ${Math.round(report.score)}/100 (grade ${report.grade})`, "");
  const counts = [
    plural(report.summary.sites, "call site"),
    `${plural(report.summary.files, "file")} scanned`,
    ...(report.skipped.length ? [`${report.skipped.length} skipped`] : []),
    ...(report.errors.length ? [plural(report.errors.length, "error")] : []),
  ];
  out.push(`${code(report.root)} · ${counts.join(" · ")} · llm-readiness ${report.tool.version}`, "");
  out.push(...summary);

  if (report.sites.length === 0) {
    out.push("No LLM call sites found.", "");
  } else {
    out.push("| Check | Pass | Warn | Fail | Unknown |", "|---|---:|---:|---:|---:|");
    for (const check of CHECK_IDS) {
      const c = report.summary.byCheck[check];
      out.push(`| [${check}](${helpUri(check)}): ${cell(meta[check].title)} | ${c.pass} | ${c.warn} | ${c.fail} | ${c.unknown} |`);
    }
    out.push("");

    // The worst files first; past the first ten the rest fold away, so a large workspace keeps a short summary.
    const fileRow = (f: ScanReport["files"][number]) => `| ${code(f.file)} | ${Math.round(f.score)} | ${f.grade} | ${f.sites} |`;
    const header = ["| File | Score | Grade | Sites |", "|---|---:|:---:|---:|"];
    out.push("### Files by score", "", ...header, ...report.files.slice(0, FILES_SHOWN).map(fileRow), "");
    if (report.files.length > FILES_SHOWN) {
      const rest = report.files.slice(FILES_SHOWN);
      out.push(`<details><summary>${plural(rest.length, "more file")}</summary>`, "", ...header, ...rest.map(fileRow), "", "</details>", "");
    }

    const withFindings = report.sites
      .map((site) => ({ site, findings: findingsOf(site).filter((f) => !f.suppression) }))
      .filter((x) => x.findings.length > 0);
    const clean = report.sites.length - withFindings.length;
    if (withFindings.length > 0) {
      out.push("### Call sites with missing checks", "");
      out.push("| Site | Call | Model | Score | Missing |", "|---|---|---|---:|---|");
      for (const { site, findings } of withFindings) {
        const missing = findings
          .map((f) => `${f.result.status === "fail" ? "❌" : "⚠️"} ${f.check} ${code(f.result.value)}`)
          .join(", ");
        out.push(
          `| ${code(`${site.file}:${site.line}`)} | ${code(site.callee)} (${cell(site.provider)}, ${site.kind}) | ${site.model ? code(site.model) : "-"} | ${Math.round(site.score)} | ${missing} |`,
        );
      }
      out.push("");
    }
    if (clean > 0) out.push(`${plural(clean, "call site passes", "call sites pass")} every check or only has suppressed findings.`, "");

    out.push(...costSection(report));

    const suppressed = report.sites.flatMap((site) =>
      site.suppressed.map((s) => `| ${code(`${site.file}:${site.line}`)} | ${s.check} | ${cell(s.reason)} |`),
    );
    if (suppressed.length > 0) {
      out.push(`<details><summary>Suppressed findings (${suppressed.length})</summary>`, "");
      out.push("| Site | Check | Reason |", "|---|---|---|", ...suppressed, "", "</details>", "");
    }
  }

  if (report.skipped.length > 0) {
    out.push(`<details><summary>Skipped files (${report.skipped.length})</summary>`, "");
    out.push("| File | Reason |", "|---|---|");
    for (const s of report.skipped) out.push(`| ${code(s.file)} | ${s.reason}${s.detail ? `: ${cell(s.detail)}` : ""} |`);
    out.push("", "</details>", "");
  }
  if (report.errors.length > 0) {
    out.push("### Errors", "", "| File | Message |", "|---|---|");
    for (const e of report.errors) out.push(`| ${code(e.file)} | ${cell(e.message)} |`);
    out.push("");
  }
  return out.join("\n");
}

/** "Cost exposure": worst-case USD per 1,000 calls per site and per model, most exposed first; uncapped and unpriced sites. */
function costSection(report: ScanReport): string[] {
  const c = costExposure(report);
  if (!c.sites.length && !c.unpriced.length) return [];
  const out = ["### Cost exposure", "", "Worst case per 1,000 calls: output at the request's cap or the model's limit, input at the constant prompt plus an allowance for each input that can grow (rules/docs/cost.md).", ""];
  if (c.sites.length) {
    out.push("| Site | Model | Per 1,000 calls | Output cap | Basis |", "|---|---|---:|:---:|---|");
    for (const r of c.sites.slice(0, FILES_SHOWN)) out.push(`| ${code(`${r.file}:${r.line}`)} | ${r.model ? code(r.model) : "-"} | ${usd(r.per1k)} | ${r.capped ? "yes" : "**no**"} | ${cell(r.basis)} |`);
    out.push("");
    if (c.sites.length > FILES_SHOWN) out.push(`${plural(c.sites.length - FILES_SHOWN, "more priced site")} in the JSON report.`, "");
    out.push("| Model | Sites | Worst per 1,000 calls | Uncapped |", "|---|---:|---:|---:|");
    for (const m of c.models) out.push(`| ${code(m.model)} | ${m.sites} | ${usd(m.worstPer1k)} | ${m.uncapped} |`);
    out.push("");
  }
  if (c.uncapped.length) out.push(`**No output cap** (${c.uncapped.length}): ${c.uncapped.map((r) => code(`${r.file}:${r.line}`)).join(", ")}`, "");
  if (c.unpriced.length) {
    out.push(`<details><summary>Unpriced sites (${c.unpriced.length})</summary>`, "", "| Site | Model | Why |", "|---|---|---|");
    for (const u of c.unpriced) out.push(`| ${code(`${u.file}:${u.line}`)} | ${u.model ? code(u.model) : "-"} | ${cell(u.why)} |`);
    out.push("", "</details>", "");
  }
  return out;
}
