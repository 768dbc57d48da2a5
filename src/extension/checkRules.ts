/** The rules/checks/<id>.json (titles, message templates, severities), bundled as JSON: the host needs no catalog loader, hence no TypeScript. */
import { CheckRule } from "../core/catalog/schema";
import { CHECK_IDS, type CheckId } from "../core/types";
import contextRule from "../../rules/checks/context.json";
import evalRule from "../../rules/checks/eval.json";
import limitsRule from "../../rules/checks/limits.json";
import fallbackRule from "../../rules/checks/fallback.json";
import retryRule from "../../rules/checks/retry.json";
import timeoutRule from "../../rules/checks/timeout.json";
import usageRule from "../../rules/checks/usage.json";
import validationRule from "../../rules/checks/validation.json";

const RAW: Record<CheckId, unknown> = {
  timeout: timeoutRule,
  retry: retryRule,
  validation: validationRule,
  fallback: fallbackRule,
  usage: usageRule,
  eval: evalRule,
  context: contextRule,
  limits: limitsRule,
};

/** The parsed rules; throws on a malformed file (test/meta/catalog.test.ts keeps them valid). */
export function loadCheckRules(): Record<CheckId, CheckRule> {
  return Object.fromEntries(CHECK_IDS.map((id) => [id, CheckRule.parse(RAW[id])])) as Record<CheckId, CheckRule>;
}
