/** The registry of checks, in report order, and the judge that runs them on a site. */
import { BudgetExceeded, checkBudget } from "../budget";
import type { DetectedSite } from "../callSites/detect";
import type { Catalog } from "../catalog/load";
import { CHECK_IDS, type CheckId, type CheckResult } from "../types";
import type { CheckDef } from "./defineCheck";
import type { CheckContext } from "./checkContext";
import timeout from "./timeout/check";
import retry from "./retry/check";
import validation from "./validation/check";
import fallback from "./fallback/check";
import usage from "./usage/check";
import evalCheck from "./eval/check";
import context from "./context/check";
import limits from "./limits/check";

export const CHECKS: Record<CheckId, CheckDef> = { timeout, retry, validation, fallback, usage, eval: evalCheck, context, limits };

/** Runs every check on a site. An exception inside a check becomes `unknown` with its message (never a crash). */
export function judgeSite(site: DetectedSite, ctx: CheckContext, catalog: Catalog): Record<CheckId, CheckResult> {
  const out = {} as Record<CheckId, CheckResult>;
  for (const id of CHECK_IDS) {
    const def = CHECKS[id];
    let value: string;
    let evidence: string | undefined;
    let note: string | undefined;
    try {
      checkBudget();
      const o = def.evaluate(site, ctx);
      value = o.value;
      evidence = typeof o.evidence === "string" ? o.evidence : o.evidence ? ctx.locate(o.evidence) : undefined;
      note = o.note;
    } catch (e) {
      // Out of time: the whole file stops (scan.ts judgeWithin), not just this check.
      if (e instanceof BudgetExceeded) throw e;
      value = "unknown";
      note = `analysis failed: ${(e as Error).message}`;
    }
    const rule = catalog.checks[id].values[value];
    out[id] = {
      value,
      status: rule?.status ?? "unknown",
      ...(evidence ? { evidence } : {}),
      ...(note ? { note } : {}),
    };
  }
  return out;
}
