/** A site's chain of calls (caller → wrapper → ... → SDK or HTTP call) and facts about the request at its end. */
import ts from "typescript";
import type { DetectedSite } from "../callSites/detect";
import type { Provider } from "../catalog/schema";
import type { CheckContext } from "../checks/checkContext";
import { optionAt, unwrap } from "./optionPaths";
import { unbudgeted } from "../budget";

/** The site, then each site it reaches through wrappers, innermost last. */
export function chainOf(site: DetectedSite): DetectedSite[] {
  const out = [site];
  for (let x = site; x.inner && out.length < 20; ) {
    x = x.inner;
    out.push(x);
  }
  return out;
}

/** Whether the request streams its answer (`stream: true`, `.stream()`, `streamText`, `ConverseStreamCommand`...). */
export function isStreaming(site: DetectedSite, ctx: CheckContext): boolean {
  const callee = unwrap(site.call.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : "";
  if (/stream/i.test(name)) return true;
  for (const a of site.call.arguments) {
    const s = optionAt(ctx.finder, a, "stream");
    if (s && s.kind === ts.SyntaxKind.TrueKeyword) return true;
    // `send(new ConverseStreamCommand(...))` (AWS SDK).
    let x = unwrap(a);
    if (ts.isIdentifier(x)) {
      const init = ctx.finder.strings.initializerOf(x);
      if (init) x = unwrap(init);
    }
    if (ts.isNewExpression(x) && /Stream/.test(x.expression.getText())) return true;
  }
  return false;
}

/** A provider's display name, for notes ("OpenAI", "raw HTTP (deepseek)"). */
export function providerName(site: DetectedSite, sdk: Provider | undefined): string {
  return sdk ? sdk.name : `raw HTTP (${site.provider})`;
}

/**
 * Per-scan memo of check helpers, keyed by the scan's context (weakly: nothing outlives the scan).
 * A helper serves every site of the scan (some index the whole workspace when built): the file whose
 * site happens to ask first does not pay for it out of its time budget.
 */
export function perScan<T>(memo: WeakMap<CheckContext, T>, ctx: CheckContext, make: () => T): T {
  let v = memo.get(ctx);
  if (!v) memo.set(ctx, (v = unbudgeted(make)));
  return v;
}
