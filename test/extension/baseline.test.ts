/** The editor's baseline logic: which findings are new against the folder's baseline, and a bad file as a one-line reason. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { baselineOf, formatBaseline } from "../../src/core/baseline";
import { withFingerprints } from "../../src/core/fingerprint";
import { newFindings, readFolderBaseline } from "../../src/extension/baseline";
import { sampleReport } from "../cli/sampleReport";

describe("editor baseline", () => {
  const report = () => {
    const r = sampleReport();
    return { ...r, sites: withFingerprints(r.sites) };
  };

  it("knows every finding of the report the baseline was written from", () => {
    const r = report();
    const b = readFolderBaseline(".llm-readiness-baseline.json", formatBaseline(baselineOf(r)));
    assert.ok(b && "baseline" in b);
    const news = newFindings(r, b.baseline, b.file);
    assert.equal(news.count, 0);
    const site = r.sites.find((s) => s.checks.timeout.status === "fail")!;
    assert.ok(news.isKnown(site, "timeout"));
    assert.ok(!news.isNew(site, "timeout"));
    assert.ok(!news.isNew(site, "retry") || site.checks.retry.status === "fail", "a pass is never new");
  });

  it("counts a finding the baseline does not have as new, and does not hide it", () => {
    const r = report();
    const b = baselineOf(r);
    const dropped = b.findings.shift()!;
    const news = newFindings(r, b, "b.json");
    assert.equal(news.count, 1);
    const site = r.sites.find((s) => s.fingerprint === dropped.site)!;
    assert.equal(news.isKnown(site, dropped.check), false);
    assert.equal(news.isNew(site, dropped.check), true);
  });

  it("gives an invalid file as a reason with its line, and no file as no baseline", () => {
    assert.equal(readFolderBaseline("b.json", undefined), undefined);
    const bad = readFolderBaseline("b.json", '{\n  "version": 2\n}');
    assert.ok(bad && "error" in bad);
    assert.match(bad.error, /^b\.json:2: version: /);
  });
});
