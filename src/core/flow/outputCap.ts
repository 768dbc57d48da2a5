/**
 * The output cap of a request (`max_tokens`, `maxOutputTokens`, `num_predict`...): found in the
 * request, in its client's construction, or in what a wrapper's caller passes. Shared by the limits
 * check and the cost estimate (which takes its number).
 */
import ts from "typescript";
import type { DetectedSite } from "../callSites/detect";
import type { CheckContext } from "../checks/checkContext";
import { chainOf } from "./siteChain";
import { constantNumber, unwrap } from "./optionPaths";

export interface OutputCap {
  /** The option's name as written. */
  key: string;
  /** The option's value (the evidence). */
  value: ts.Expression;
  /** The number when the code fixes it; null when it is computed at run time. */
  tokens: number | null;
}

const keyMemo = new WeakMap<object, Set<string>>();

/** Every option name that caps output, over the catalog (the last segment of each dotted path). */
export function capKeys(ctx: CheckContext): Set<string> {
  let keys = keyMemo.get(ctx.catalog);
  if (!keys) {
    keys = new Set(["max_tokens", "max_completion_tokens", "max_output_tokens", "maxOutputTokens", "maxTokens", "num_predict", "max_new_tokens"]);
    for (const p of ctx.catalog.providers) for (const k of p.options.outputCap) keys.add(k.split(".").pop()!);
    keyMemo.set(ctx.catalog, keys);
  }
  return keys;
}

/** The output cap that applies to a site's request, if any. */
export function outputCapOf(site: DetectedSite, ctx: CheckContext): OutputCap | undefined {
  const keys = capKeys(ctx);
  for (const s of chainOf(site)) {
    const sources: ts.Node[] = [...s.call.arguments, ...(s.client?.configs ?? [])];
    for (const src of sources) {
      const hit = findKey(ctx, src, keys, 0, new Set());
      if (hit) return hit;
    }
  }
  // LangChain and the AI SDK: a model built with its cap (`new ChatOpenAI({ maxTokens })`, `.bind({ max_tokens })`).
  const inner = site.inner ? chainOf(site).pop()! : site;
  const callee = unwrap(inner.call.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const hit = findKey(ctx, callee.expression, keys, 0, new Set());
    if (hit) return hit;
  }
  return undefined;
}

/** A cap key anywhere in an expression, following constants, spreads and the arguments of calls. */
function findKey(ctx: CheckContext, n: ts.Node, keys: Set<string>, depth: number, seen: Set<ts.Node>): OutputCap | undefined {
  if (depth > 5 || seen.has(n)) return undefined;
  seen.add(n);
  const x = ts.isExpression(n) ? unwrap(n) : n;
  if (ts.isObjectLiteralExpression(x)) {
    for (const p of x.properties) {
      const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
      if (name && keys.has(name)) {
        const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
        if (value && !isUndefined(value)) return { key: name, value, tokens: constantNumber(ctx.finder, value) };
      }
    }
    for (const p of x.properties) {
      const v = ts.isPropertyAssignment(p) ? p.initializer : ts.isSpreadAssignment(p) ? p.expression : undefined;
      if (v) {
        const hit = findKey(ctx, v, keys, depth + 1, seen);
        if (hit) return hit;
      }
    }
    return undefined;
  }
  if (ts.isIdentifier(x)) {
    const init = ctx.finder.strings.initializerOf(x);
    return init ? findKey(ctx, init, keys, depth + 1, seen) : undefined;
  }
  if (ts.isCallExpression(x) || ts.isNewExpression(x)) {
    // `.bind({ max_tokens })`, `JSON.stringify({ max_tokens })`, `new ChatOpenAI({ maxTokens })`.
    for (const a of x.arguments ?? []) {
      const hit = findKey(ctx, a, keys, depth + 1, seen);
      if (hit) return hit;
    }
    const callee = unwrap(x.expression);
    if (ts.isPropertyAccessExpression(callee)) return findKey(ctx, callee.expression, keys, depth + 1, seen);
    return undefined;
  }
  if (ts.isPropertyAccessExpression(x)) return findKey(ctx, x.expression, keys, depth + 1, seen);
  return undefined;
}

function isUndefined(e: ts.Expression): boolean {
  const x = unwrap(e);
  return (ts.isIdentifier(x) && x.text === "undefined") || x.kind === ts.SyntaxKind.NullKeyword;
}
