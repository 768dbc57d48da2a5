/** Merging the reports of several scanned paths into one. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mergeReports } from "../../src/cli/merge";
import { ScanReportSchema } from "../../src/core/report";
import { emptyReport, sampleReport } from "./sampleReport";

describe("mergeReports", () => {
  it("returns a single report with an empty prefix unchanged", () => {
    const report = sampleReport();
    assert.equal(mergeReports([{ prefix: "", report }], "."), report);
  });

  it("prefixes every path, adds the counts up and keeps sites sorted by file, then line", () => {
    const api = sampleReport();
    const web = sampleReport();
    web.sites = web.sites.slice(1, 3);
    const merged = mergeReports(
      [
        { prefix: "services/web", report: web },
        { prefix: "services/api", report: api },
      ],
      ".",
    );
    ScanReportSchema.parse(merged);
    assert.equal(merged.root, ".");
    assert.deepEqual(
      merged.sites.map((s) => `${s.file}:${s.line}`),
      [
        "services/api/src/lib/summarize.ts:14",
        "services/api/src/routes/tickets.ts:31",
        "services/api/src/routes/tickets.ts:58",
        "services/api/src/routes/tickets.ts:72",
        "services/web/src/routes/tickets.ts:31",
        "services/web/src/routes/tickets.ts:58",
      ],
    );
    const wrapperSite = merged.sites[3];
    assert.equal(wrapperSite.via, "services/api/src/lib/llm.ts:18");
    assert.equal(wrapperSite.checks.usage.evidence, "services/api/src/lib/llm.ts:24");
    assert.equal(merged.sites[0].suppressed[0].at, "services/api/src/lib/summarize.ts:13");
    assert.equal(merged.summary.files, 22);
    assert.equal(merged.summary.skipped, 2);
    assert.equal(merged.summary.byCheck.timeout.fail, 4, "the scanners' counts are added, not recounted");
    assert.equal(merged.skipped[0].file, "services/web/public/widget.min.js");
    // The mean over the six sites' scores (50, 67, 17, 83, 67, 17), as core/score.ts scores one root.
    assert.equal(merged.score, 50);
    assert.equal(merged.grade, "E");
  });

  it("scores over all sites, so a root without sites does not raise the score", () => {
    const merged = mergeReports(
      [
        { prefix: "a", report: sampleReport() },
        { prefix: "b", report: emptyReport() },
      ],
      ".",
    );
    assert.equal(merged.score, 54);
    const none = mergeReports(
      [
        { prefix: "a", report: emptyReport() },
        { prefix: "b", report: emptyReport() },
      ],
      ".",
    );
    assert.equal(none.score, 100);
    assert.equal(none.grade, "A");
  });
});
