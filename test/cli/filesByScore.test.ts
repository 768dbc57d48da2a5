/** Per-file scores and configured severities in the report formats: files ranked by score (text, markdown, merge), `off` checks hidden, severities as SARIF levels. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatMarkdown } from "../../src/report/markdown";
import { toSarif } from "../../src/report/sarif";
import { formatText } from "../../src/report/text";
import { mergeReports } from "../../src/cli/merge";
import { ScanReportSchema } from "../../src/core/report";
import { fileScores } from "../../src/core/score";
import { sampleReport } from "./sampleReport";

describe("formats: files by score", () => {
  it("the sample report ranks its files worst first", () => {
    const report = sampleReport();
    ScanReportSchema.parse(report);
    assert.deepEqual(report.files, [
      { file: "src/lib/summarize.ts", score: 50, grade: "E", sites: 1 },
      { file: "src/routes/tickets.ts", score: 56, grade: "E", sites: 3 },
    ]);
  });

  it("text lists them under the site groups, aligned", () => {
    const lines = formatText(sampleReport(), { color: false }).split("\n");
    const at = lines.indexOf("Files by score");
    assert.ok(at > 0);
    assert.deepEqual(lines.slice(at + 1, at + 3), ["  50  E  src/lib/summarize.ts   1 site", "  56  E  src/routes/tickets.ts  3 sites"]);
    assert.ok(at < lines.indexOf("Checks        pass  warn  fail  unknown"));
  });

  it("markdown shows a table, folding files past the tenth", () => {
    const md = formatMarkdown(sampleReport());
    assert.ok(md.includes("### Files by score\n\n| File | Score | Grade | Sites |\n|---|---:|:---:|---:|\n| `src/lib/summarize.ts` | 50 | E | 1 |\n| `src/routes/tickets.ts` | 56 | E | 3 |\n"));
    const big = sampleReport();
    big.files = Array.from({ length: 13 }, (_, i) => ({ file: `f${String(i).padStart(2, "0")}.ts`, score: 40 + i, grade: "F" as const, sites: 1 }));
    const text = formatMarkdown(big);
    assert.ok(text.includes("| `f09.ts` | 49 | F | 1 |\n\n<details><summary>3 more files</summary>"));
    assert.ok(text.includes("| `f12.ts` | 52 | F | 1 |\n\n</details>"));
  });

  it("a merged report ranks the files of every root", () => {
    const merged = mergeReports([{ prefix: "app", report: sampleReport() }, { prefix: "worker", report: sampleReport() }], ".");
    ScanReportSchema.parse(merged);
    assert.deepEqual(merged.files, fileScores(merged.sites));
    assert.deepEqual(merged.files.map((f) => f.file), ["app/src/lib/summarize.ts", "worker/src/lib/summarize.ts", "app/src/routes/tickets.ts", "worker/src/routes/tickets.ts"]);
    assert.equal("config" in merged, false);
  });
});

describe("formats: configured severities", () => {
  it("hides checks turned off, everywhere", () => {
    const report = sampleReport();
    report.sites[1]!.checks.usage.severity = "off";
    const text = formatText(report, { color: false });
    assert.ok(text.includes("         ✗ eval=none\n"), "usage=none is no longer listed on the site at line 31");
    assert.ok(!toSarif(report).runs[0]!.results!.some((r) => r.ruleId === "usage" && r.locations![0]!.physicalLocation!.region!.startLine === 31));
    assert.ok(!formatMarkdown(report).includes("| `src/routes/tickets.ts:31` | `openai.chat.completions.create` (openai, chat) | `gpt-4o-mini` | 67 | ❌ usage"));
  });

  it("uses the configured severity as the SARIF level (info and hint as note)", () => {
    const report = sampleReport();
    report.sites[0]!.checks.timeout.severity = "hint";
    report.sites[0]!.checks.fallback.severity = "error";
    const results = toSarif(report).runs[0]!.results!.filter((r) => r.locations![0]!.physicalLocation!.region!.startLine === 14);
    const level = (id: string) => results.find((r) => r.ruleId === id)?.level;
    assert.equal(level("timeout"), "note");
    assert.equal(level("fallback"), "error");
    assert.equal(level("eval"), "warning", "a fail without a configured severity: the table's warning");
  });
});
