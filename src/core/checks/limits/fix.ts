/**
 * limits fix (rules/docs/limits.md "Quick fix"): cap the answer with the SDK's own option, written
 * where rules/providers/<id>.json `fixes.limits` says (`max_completion_tokens`, `maxOutputTokens`...),
 * the number from `llmReadiness.fix.maxOutputTokens`. A cap can cut long answers short, so the fix is
 * offered one at a time, never applied by fix-all. A missing rate limit has no fix: where the limit
 * goes (which key identifies a caller, which store counts) is the team's decision.
 */
import { defineFix } from "../../fixes/defineFix";
import { fillValue, insideWrapper, placeApplies, placesOf, requestPlace, targetOfNode } from "../../fixes/optionPlaces";
import { outputCapOf } from "../../flow/outputCap";

export default defineFix({
  check: "limits",
  build(ctx) {
    const inner = ctx.checks.innermost(ctx.site);
    if (inner.via !== "sdk" || inner.kind !== "chat") return [];
    if (outputCapOf(ctx.site, ctx.checks)) return [];
    const t = targetOfNode(ctx, inner.call);
    if (!t) return [];
    const where = inner === ctx.site ? "" : ` ${insideWrapper(inner)}`;
    for (const place of placesOf(ctx.checks, inner, "limits")) {
      if (place.on !== "request" || !placeApplies(ctx.checks, inner, place)) continue;
      const placed = requestPlace(ctx, inner, place, fillValue(place.value, ctx.options), t);
      if (placed) return [{ title: `Cap the answer: add \`${placed.written}\` to the request${where}`, strategy: "native", safe: false, edits: placed.edits }];
    }
    return [];
  },
});
