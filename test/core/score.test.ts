/** The score formula of rules/docs/score.md: per site (weighted credit), per file, per workspace, and grades. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { explainSite, fileScores, gradeOf, siteScore, STATUS_CREDIT, workspaceScore, type Weights } from "../../src/core/score";
import { loadCatalog } from "../../src/core/catalog/load";
import { CHECK_IDS, type CheckId, type CheckResult, type CheckStatus, type Suppression } from "../../src/core/types";

/** The weights shipped in rules/checks/<id>.json. */
const WEIGHTS = Object.fromEntries(CHECK_IDS.map((c) => [c, loadCatalog().checks[c].weight])) as Weights;

function site(statuses: Partial<Record<CheckId, CheckStatus | [CheckStatus, "off"]>>, suppressed: CheckId[] = []) {
  const checks = Object.fromEntries(
    CHECK_IDS.map((c) => {
      const s = statuses[c] ?? "pass";
      const r: CheckResult = Array.isArray(s) ? { value: "x", status: s[0], severity: "off" } : { value: "x", status: s };
      return [c, r];
    }),
  ) as Record<CheckId, CheckResult>;
  return { checks, suppressed: suppressed.map((check): Suppression => ({ check, reason: "r", at: "a.ts:1" })) };
}

describe("score: a site", () => {
  it("uses the weights of rules/checks (timeout 3, retry 2, validation 3, fallback 2, usage 1, eval 2, context 2, limits 2)", () => {
    assert.deepEqual(WEIGHTS, { timeout: 3, retry: 2, validation: 3, fallback: 2, usage: 1, eval: 2, context: 2, limits: 2 });
  });

  it("is 100 when every check passes and 0 when every check fails", () => {
    assert.equal(siteScore(site({}), WEIGHTS), 100);
    assert.equal(siteScore(site(Object.fromEntries(CHECK_IDS.map((c) => [c, "fail"]))), WEIGHTS), 0);
  });

  it("loses weight × (1 − credit) / Σ weights for each check: fail 0, warn and unknown ½, pass 1", () => {
    assert.deepEqual(STATUS_CREDIT, { pass: 1, warn: 0.5, unknown: 0.5, fail: 0 });
    // timeout fails (3/17), fallback warns (1/17): 100 × (17 − 4) / 17 = 76.5.
    const s = site({ timeout: "fail", fallback: "warn" });
    assert.equal(siteScore(s, WEIGHTS), 76);
    const lost = explainSite(s, WEIGHTS).filter((x) => x.lost > 0);
    assert.deepEqual(lost.map((x) => [x.check, x.status, x.weight, x.credit, Number(x.lost.toFixed(2))]), [
      ["timeout", "fail", 3, 0, 17.65],
      ["fallback", "warn", 2, 0.5, 5.88],
    ]);
    // Every lost point traces to a check: the losses add up to 100 − the unrounded score.
    assert.equal(Number(explainSite(s, WEIGHTS).reduce((a, x) => a + x.lost, 0).toFixed(6)), Number((100 - (100 * 13) / 17).toFixed(6)));
  });

  it("gives a site whose every check is unknown 50, not 100", () => {
    assert.equal(siteScore(site(Object.fromEntries(CHECK_IDS.map((c) => [c, "unknown"]))), WEIGHTS), 50);
    assert.equal(siteScore(site({ usage: "unknown" }), WEIGHTS), Math.round(100 - 50 / 17));
  });

  it("counts a suppressed check as a pass, whatever its status", () => {
    const s = site({ timeout: "fail", eval: "fail" }, ["eval"]);
    assert.equal(siteScore(s, WEIGHTS), Math.round((100 * 14) / 17));
    const evalLine = explainSite(s, WEIGHTS).find((x) => x.check === "eval")!;
    assert.deepEqual([evalLine.suppressed, evalLine.credit, evalLine.lost], [true, 1, 0]);
  });

  it("leaves a check turned off by the configuration out of the score", () => {
    // eval off: Σ weights 15; timeout fails: 100 × 12 / 15.
    assert.equal(siteScore(site({ timeout: "fail", eval: ["fail", "off"] }), WEIGHTS), Math.round((100 * 12) / 15));
    assert.equal(siteScore(site(Object.fromEntries(CHECK_IDS.map((c) => [c, ["fail", "off"]]))), WEIGHTS), 100);
  });

  it("rounds half up, without float noise", () => {
    // 1 of 8 lost: 87.5 → 88.
    const w = { timeout: 1, retry: 1, validation: 1, fallback: 1, usage: 2, eval: 2, context: 0, limits: 0 } satisfies Weights;
    assert.equal(siteScore(site({ timeout: "fail" }), w), 88);
  });

  it("gives the example of rules/docs/score.md 71", () => {
    const s = site({ timeout: "fail", fallback: "warn", usage: "fail", eval: "fail" }, ["eval"]);
    assert.equal(siteScore(s, WEIGHTS), 71);
    assert.deepEqual(explainSite(s, WEIGHTS).map((x) => Number(x.lost.toFixed(1))), [17.6, 0, 0, 5.9, 5.9, 0, 0, 0]);
  });

  it("weighs checks equally without weights", () => {
    assert.equal(siteScore(site({ timeout: "fail", retry: "fail", validation: "fail", fallback: "fail" })), 50);
  });
});

describe("score: files and the workspace", () => {
  const sites = [
    { file: "b.ts", score: 40 },
    { file: "a.ts", score: 91 },
    { file: "b.ts", score: 61 },
    { file: "c.ts", score: 50 },
  ];

  it("scores a file by the mean of its sites, worst file first, ties by path", () => {
    assert.deepEqual(fileScores(sites), [
      { file: "c.ts", score: 50, grade: "E", sites: 1 },
      { file: "b.ts", score: 51, grade: "E", sites: 2 },
      { file: "a.ts", score: 91, grade: "A", sites: 1 },
    ]);
    assert.deepEqual(fileScores([{ file: "z.ts", score: 70 }, { file: "y.ts", score: 70 }]).map((f) => f.file), ["y.ts", "z.ts"]);
  });

  it("scores the workspace by the mean of the site scores as reported, 100 without sites", () => {
    assert.equal(workspaceScore(sites), Math.round((40 + 91 + 61 + 50) / 4));
    assert.equal(workspaceScore([]), 100);
  });

  it("grades A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, E ≥ 50, F below", () => {
    assert.deepEqual([100, 90, 89, 80, 79, 70, 69, 60, 59, 50, 49, 0].map(gradeOf), ["A", "A", "B", "B", "C", "C", "D", "D", "E", "E", "F", "F"]);
  });
});
