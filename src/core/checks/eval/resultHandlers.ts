/** The workspace functions a call's result is handed to (its parsers and post-processors), for the eval check. */
import ts from "typescript";
import { rethrowBudget } from "../../budget";
import { usesAny, type SiteFinder } from "../../callSites/detect";
import type { FunctionNode } from "../../callSites/values";
import { bindingNames, contains, propagate, resultPlaces, type ResultPlace } from "../../flow/resultPlaces";

/** How deep the result is followed into functions that receive it from one another. */
const MAX_DEPTH = 3;

/**
 * Functions that receive the result of `call` (or values computed from it) as an argument, and the
 * functions those hand it on to: `parseResult(response.content)` inside a traced helper.
 */
export function resultHandlers(call: ts.CallExpression, finder: SiteFinder): FunctionNode[] {
  const isSite = (c: ts.CallExpression) => finder.siteAt(c) !== null;
  const out: FunctionNode[] = [];
  const seen = new Set<ts.Node>();
  const visit = (place: ResultPlace, depth: number) => {
    const names = propagate(place.scope, [...place.names, ...place.keyed.keys()], isSite);
    const body = ts.isFunctionLike(place.scope) ? (place.scope as ts.FunctionLikeDeclaration).body : place.scope;
    if (!body) return;
    const stack: ts.Node[] = [body];
    while (stack.length) {
      const n = stack.pop()!;
      n.forEachChild((c) => void stack.push(c));
      if (!ts.isCallExpression(n) || n === call || isSite(n)) continue;
      const i = n.arguments.findIndex((a) => usesAny(a, names) || (!!place.value && contains(a, place.value)));
      if (i < 0) continue;
      let v;
      try {
        v = finder.ev.eval(n.expression);
      } catch (e) {
        rethrowBudget(e);
        v = null;
      }
      if (v?.t !== "fn" || !v.node.body || seen.has(v.node)) continue;
      seen.add(v.node);
      out.push(v.node);
      const prm = v.node.parameters[i];
      if (prm && depth + 1 < MAX_DEPTH) {
        const sub: ResultPlace = { scope: v.node, names: [], keyed: new Map() };
        bindingNames(prm.name, sub.names, sub.keyed);
        visit(sub, depth + 1);
      }
    }
  };
  for (const place of resultPlaces(call, isSite).places) visit(place, 0);
  return out;
}
