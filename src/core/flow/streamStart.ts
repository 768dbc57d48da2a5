/**
 * Stream-starting calls (CHECKS.md "stream-starting calls"): AI SDK `streamText`, SDK `.stream()` helpers
 * return their stream before the request fails, so a try or a retry loop around them sees no request
 * failure unless it also awaits the stream. Shared by the fallback and retry checks.
 */
import ts from "typescript";
import type { DetectedSite } from "../callSites/detect";
import type { FunctionNode } from "../callSites/values";
import type { CheckContext } from "../checks/checkContext";
import type { FallbackLibraries } from "./libraryData";
import { carriesResult, contains, followResult, walk } from "./outputFlow";
import { unwrap } from "./optionPaths";

/** Whether an SDK call is one of the stream-starting methods of its SDK. */
export function startsStream(site: DetectedSite, data: FallbackLibraries): boolean {
  if (site.via !== "sdk" || !site.sdk) return false;
  const callee = unwrap(site.call.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : "";
  return (data.streamStarts.methods[site.sdk.id] ?? []).includes(name);
}

/** Whether `block` awaits the result of `call` (the stream's final value, or reads it with `for await`). */
export function awaitsResult(block: ts.Node, call: ts.Node): boolean {
  const seg = followResult(call as ts.Expression)[0];
  if (!seg) return false;
  let hit = false;
  const visit = (n: ts.Node) => {
    if (hit || (n !== block && ts.isFunctionLike(n))) return;
    const awaited = ts.isAwaitExpression(n) ? n.expression : ts.isForOfStatement(n) && n.awaitModifier ? n.expression : undefined;
    if (awaited && !contains(n, call) && carriesResult(seg, awaited)) hit = true;
    else n.forEachChild(visit);
  };
  visit(block);
  return hit;
}

/**
 * A string argument naming a stream-starting method (`"streamText"`) that the wrapper, or a function it
 * hands the argument to, calls by name (`provider[serviceType](params)`).
 */
export function dispatchedStream(call: ts.CallExpression, fn: FunctionNode, ctx: CheckContext, data: FallbackLibraries): string | undefined {
  const streams = new Set(Object.values(data.streamStarts.methods).flat());
  for (const [i, a] of call.arguments.entries()) {
    if (!ts.isStringLiteralLike(a) || !streams.has(a.text)) continue;
    if (dispatchesBy(fn, i, ctx, 0)) return a.text;
  }
  return undefined;
}

function dispatchesBy(fn: FunctionNode, index: number, ctx: CheckContext, depth: number): boolean {
  const param = fn.parameters[index];
  if (!param || !ts.isIdentifier(param.name) || !fn.body || depth > 3) return false;
  const name = param.name.text;
  let hit = false;
  walk(fn.body, (n) => {
    if (hit || !ts.isCallExpression(n)) return;
    const callee = n.expression;
    if (ts.isElementAccessExpression(callee) && ts.isIdentifier(callee.argumentExpression) && callee.argumentExpression.text === name) hit = true;
    else {
      const j = n.arguments.findIndex((a) => ts.isIdentifier(a) && a.text === name);
      if (j < 0) return;
      const v = ctx.finder.ev.eval(n.expression);
      if (v?.t === "fn" && v.node !== fn && dispatchesBy(v.node, j, ctx, depth + 1)) hit = true;
    }
  });
  return hit;
}
