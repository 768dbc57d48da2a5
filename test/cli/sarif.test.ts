/** The SARIF rendering, validated against the official SARIF 2.1.0 schema (./sarifSchema.ts). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type * as Sarif from "sarif";
import { FINGERPRINT_KEY, formatSarif, toSarif } from "../../src/report/sarif";
import { CHECK_IDS } from "../../src/core/types";
import { emptyReport, sampleReport } from "./sampleReport";
import { assertValidSarif as assertValid } from "./sarifSchema";

describe("format: sarif", () => {
  const log = toSarif(sampleReport(), { rootUri: "file:///home/dev/support-bot/" });
  const run = log.runs[0];

  it("is valid SARIF 2.1.0, as an object and as the printed text", () => {
    assertValid(log);
    assertValid(JSON.parse(formatSarif(sampleReport())));
    assertValid(toSarif(emptyReport()));
  });

  it("describes the tool and its six rules with docs links", () => {
    const driver = run.tool.driver;
    assert.equal(driver.name, "LLM Readiness");
    assert.equal(driver.version, "0.1.0");
    assert.equal(driver.informationUri, "https://github.com/llm-readiness/llm-readiness");
    assert.deepEqual(driver.rules?.map((r) => r.id), [...CHECK_IDS]);
    for (const rule of driver.rules ?? []) {
      assert.equal(rule.helpUri, `https://github.com/llm-readiness/llm-readiness/blob/main/rules/docs/${rule.id}.md`);
      assert.ok(rule.shortDescription?.text && rule.fullDescription?.text);
      assert.ok(["error", "warning", "note"].includes(rule.defaultConfiguration?.level ?? ""));
    }
  });

  it("has one result per failing or warning check per site, at the call, at the editor's severity (warning for a fail, note for a warn)", () => {
    const results = run.results ?? [];
    assert.deepEqual(
      results.map((r) => `${r.locations?.[0].physicalLocation?.region?.startLine} ${r.ruleId} ${r.level}`),
      [
        "14 timeout warning",
        "14 fallback warning",
        "14 eval warning",
        "31 usage warning",
        "31 eval warning",
        "58 timeout warning",
        "58 retry warning",
        "58 validation warning",
        "58 fallback note",
        "58 usage warning",
        "72 fallback note",
      ],
    );
    const first = results[0];
    assert.equal(first.ruleIndex, 0);
    assert.deepEqual(first.locations?.[0].physicalLocation, {
      artifactLocation: { uri: "src/lib/summarize.ts", uriBaseId: "%SRCROOT%" },
      region: { startLine: 14, startColumn: 26, endLine: 19, endColumn: 4 },
    });
    assert.equal(
      first.message.text,
      "Request timeout: `timeout` is `none` for `anthropic.messages.create`. No timeout: Anthropic waits up to 10 minutes by default before the request fails. Set `timeout` on the request or the client, or pass `signal: AbortSignal.timeout(ms)`.",
    );
    assert.equal(first.relatedLocations?.[0].physicalLocation?.region?.startLine, 5);
    assert.deepEqual(run.originalUriBaseIds, { "%SRCROOT%": { uri: "file:///home/dev/support-bot/" } });
  });

  it("marks suppressed findings as in-source suppressions with their reason", () => {
    const suppressed = (run.results ?? []).filter((r) => r.suppressions);
    assert.deepEqual(
      suppressed.map((r) => [r.ruleId, r.suppressions?.[0].kind, r.suppressions?.[0].justification]),
      [
        ["eval", "inSource", "covered by the nightly eval in the ops repo"],
        ["retry", "inSource", "the widget retries the whole request | once"],
      ],
    );
    assert.equal(suppressed[0].suppressions?.[0].location?.physicalLocation?.region?.startLine, 13);
  });

  it("keeps fingerprints when a site moves, and distinguishes sites with the same callee", () => {
    const prints = (l: Sarif.Log) => (l.runs[0].results ?? []).map((r) => r.partialFingerprints?.[FINGERPRINT_KEY]);
    const before = prints(log);
    assert.equal(new Set(before).size, before.length, "every result has its own fingerprint");
    const moved = sampleReport();
    for (const site of moved.sites) {
      site.line += 10;
      site.endLine += 10;
    }
    assert.deepEqual(prints(toSarif(moved)), before);

    const twice = sampleReport();
    twice.sites.push({ ...structuredClone(twice.sites[2]), line: 90, endLine: 97 });
    const twicePrints = (toSarif(twice).runs[0].results ?? []).filter((r) => r.ruleId === "timeout" && r.locations?.[0].physicalLocation?.artifactLocation?.uri === "src/routes/tickets.ts");
    assert.equal(twicePrints.length, 2);
    assert.notEqual(twicePrints[0].partialFingerprints?.[FINGERPRINT_KEY], twicePrints[1].partialFingerprints?.[FINGERPRINT_KEY]);
  });

  it("reports scan errors and skipped files as tool notifications", () => {
    const notes = run.invocations?.[0].toolExecutionNotifications ?? [];
    assert.deepEqual(notes.map((n) => [n.level, n.locations?.[0].physicalLocation?.artifactLocation?.uri]), [
      ["warning", "src/legacy/importer.ts"],
      ["note", "public/widget.min.js"],
    ]);
  });

  it("percent-encodes file names in artifact URIs", () => {
    const report = sampleReport();
    report.sites[0].file = "src/app/[id]/route #2.ts";
    const l = toSarif(report);
    assertValid(l);
    assert.equal(l.runs[0].results?.[0].locations?.[0].physicalLocation?.artifactLocation?.uri, "src/app/%5Bid%5D/route%20%232.ts");
  });
});
