/**
 * fallback fixes (rules/docs/fallback.md "Quick fix"): give a failed call a degraded path. With a
 * fallback model in the settings, the same request asks that model; otherwise the call goes into a
 * try/catch that answers with a placeholder of the function's result type. Both leave a decision to
 * the user (a model's cost, what a default answer says): never safe, never applied by fix-all.
 * For a wrapper's caller the catch goes at the caller, where the answer is used.
 */
import { defineFix, type FixDraft } from "../../fixes/defineFix";
import { degradedPath } from "./fix/degradedPath";
import { secondModel } from "./fix/secondModel";

export default defineFix({
  check: "fallback",
  build(ctx) {
    const out: FixDraft[] = [];
    const model = secondModel(ctx);
    if (model) out.push(model);
    const degraded = degradedPath(ctx);
    if (degraded) out.push(degraded);
    return out;
  },
});
