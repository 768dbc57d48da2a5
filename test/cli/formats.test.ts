/** The text, json and markdown renderings of a hand-built report. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatJson } from "../../src/report/json";
import { formatMarkdown } from "../../src/report/markdown";
import { formatText } from "../../src/report/text";
import { ScanReportSchema } from "../../src/core/report";
import { emptyReport, sampleReport } from "./sampleReport";

describe("format: json", () => {
  it("is the report itself, valid against ScanReportSchema, 2-space indented", () => {
    const report = sampleReport();
    const text = formatJson(report);
    assert.ok(text.startsWith('{\n  "version": 1,'));
    assert.ok(text.endsWith("}\n"));
    const parsed = ScanReportSchema.parse(JSON.parse(text));
    assert.deepEqual(parsed, report);
    ScanReportSchema.parse(JSON.parse(formatJson(emptyReport())));
  });
});

describe("format: text", () => {
  const text = formatText(sampleReport(), { color: false });
  const lines = text.split("\n");

  it("opens with the score, the grade and the counts", () => {
    assert.equal(lines[0], "LLM Readiness 0.1.0 · test/workspaces/sample");
    assert.equal(lines[1], "Score 54/100  grade E  ·  4 call sites · 11 files scanned · 1 skipped · 1 error");
  });

  it("groups sites by file, aligned, with their failing and warning checks", () => {
    const at = lines.indexOf("src/routes/tickets.ts");
    assert.ok(at > lines.indexOf("src/lib/summarize.ts"));
    assert.deepEqual(lines.slice(at, at + 7), [
      "src/routes/tickets.ts",
      "  31:20  openai  chat  openai.chat.completions.create  gpt-4o-mini  67",
      "         ✗ usage=none  ✗ eval=none",
      "  58:22  openai  chat  fetch                           gpt-4o-mini  17",
      "         ✗ timeout=none  ✗ validation=unchecked  ! fallback=log-only  ✗ usage=none  ? eval",
      "         suppressed: retry=none (the widget retries the whole request | once)",
      "  72:18  openai  chat  askModel                        -            83  via src/lib/llm.ts:18",
    ]);
  });

  it("ends with the per-check summary, skipped files and errors", () => {
    assert.ok(lines.includes("Checks        pass  warn  fail  unknown"));
    assert.ok(lines.includes("  timeout        2     0     2        0"));
    assert.ok(lines.includes("  eval           1     0     2        1"));
    assert.ok(lines.includes("  public/widget.min.js  minified: average line length 4210"));
    assert.ok(lines.includes("Errors (1)"));
    assert.ok(lines.includes("  src/legacy/importer.ts  ';' expected (12:18); the file was not analysed and the scan went on"));
  });

  it("has no escape codes without colour, and the same text once they are stripped", () => {
    assert.ok(!text.includes("\x1b"));
    const colored = formatText(sampleReport(), { color: true });
    assert.ok(colored.includes("\x1b[31m✗ timeout=none\x1b[39m"));
    assert.equal(colored.replace(/\x1b\[\d+m/g, ""), text);
  });

  it("sums up a site whose every check is unknown in one mark", () => {
    const report = sampleReport();
    for (const check of Object.values(report.sites[0].checks)) check.status = "unknown";
    const lines = formatText(report, { color: false }).split("\n");
    assert.equal(lines[lines.indexOf("src/lib/summarize.ts") + 2], "         ? every check unknown");
  });

  it("says so when there is no call site", () => {
    const empty = formatText(emptyReport(), { color: false });
    assert.match(empty, /No LLM call sites found\./);
    assert.doesNotMatch(empty, /Checks/);
  });
});

describe("format: markdown", () => {
  const md = formatMarkdown(sampleReport());

  it("has a title with score and grade, and a table row per check", () => {
    assert.ok(md.startsWith("## LLM Readiness: 54/100 (grade E)\n"));
    assert.match(md, /\| Check \| Pass \| Warn \| Fail \| Unknown \|\n\|---\|---:\|---:\|---:\|---:\|\n/);
    assert.match(
      md,
      /\| \[timeout\]\(https:\/\/github\.com\/llm-readiness\/llm-readiness\/blob\/main\/rules\/docs\/timeout\.md\): Request timeout \| 2 \| 0 \| 2 \| 0 \|/,
    );
  });

  it("lists the sites with missing checks, leaving suppressed findings out of that table", () => {
    assert.match(md, /### Call sites with missing checks/);
    assert.ok(
      md.includes(
        "| `src/lib/summarize.ts:14` | `anthropic.messages.create` (anthropic, chat) | `claude-sonnet-4-5` | 50 | ❌ timeout `none`, ❌ fallback `none` |",
      ),
    );
    assert.ok(md.includes("| `src/routes/tickets.ts:72` | `askModel` (openai, chat) | - | 83 | ⚠️ fallback `log-only` |"));
  });

  it("lists suppressions, skipped files and errors, escaping table pipes", () => {
    assert.ok(md.includes("<details><summary>Suppressed findings (2)</summary>"));
    assert.ok(md.includes("| `src/routes/tickets.ts:58` | retry | the widget retries the whole request \\| once |"));
    assert.ok(md.includes("| `public/widget.min.js` | minified: average line length 4210 |"));
    assert.ok(md.includes("### Errors"));
  });

  it("every table row has as many cells as its header", () => {
    let columns = 0;
    for (const line of md.split("\n")) {
      if (!line.startsWith("|")) {
        columns = 0;
        continue;
      }
      const cells = line.replace(/\\\|/g, "").split("|").length - 2;
      if (columns === 0) columns = cells;
      else assert.equal(cells, columns, line);
    }
  });

  it("says so when there is no call site", () => {
    assert.match(formatMarkdown(emptyReport()), /No LLM call sites found\./);
  });
});
