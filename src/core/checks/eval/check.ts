/** eval: does an automated test or eval run this call's code path and assert on the result? (rules/docs/eval.md) */
import type ts from "typescript";
import type { DetectedSite } from "../../callSites/detect";
import { CHECK_VALUES } from "../../types";
import type { CheckContext } from "../checkContext";
import { defineCheck } from "../defineCheck";
import { resultHandlers } from "./resultHandlers";
import { testIndexOf } from "./testIndex";

export default defineCheck({
  id: "eval",
  values: CHECK_VALUES.eval,
  // judgeSite turns a failure into `unknown` (and lets the per-file time budget through).
  evaluate: judge,
});

function judge(site: DetectedSite, ctx: CheckContext): { value: "covered" | "none"; evidence?: ts.Node | string; note?: string } {
  const index = testIndexOf(ctx.workspace, ctx.finder, ctx.sites, ctx.isTestFile, ctx.settings.evalGlobs);
  if (!index.testFiles.length && !index.hasEvalConfigs) return { value: "none", note: "no test or eval file imports the code around this call" };
  const cov = index.coverageOf(site.call);
  if (cov) return { value: "covered", evidence: cov.evidence, note: `exercised by ${cov.test}` };
  // A test that asserts on how this module handles the call's output (its parser, fed a recorded
  // answer) covers the call: CHECKS.md counts mocked-LLM tests that check the result's handling.
  const sf = site.call.getSourceFile();
  for (const fn of resultHandlers(site.call, ctx.finder)) {
    if (fn.getSourceFile() !== sf) continue;
    const h = index.functionCoverage(fn);
    if (h) return { value: "covered", evidence: h.evidence, note: `${h.test} asserts on the handling of this call's result` };
  }
  return { value: "none", note: "no test or eval runs this call and asserts on its result" };
}
