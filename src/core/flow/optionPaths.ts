/** Dotted option paths (`httpOptions.timeout`, `requestHandler.requestTimeout`) looked up in option objects as code builds them. */
import ts from "typescript";
import type { SiteFinder } from "../callSites/detect";

/** An option found in one of the searched objects. */
export interface OptionHit {
  /** The dotted path as listed in the catalog. */
  path: string;
  /** The option's value expression (the evidence). */
  value: ts.Expression;
}

/**
 * The value of `path` in `source`, or undefined. Objects are followed through constants and
 * spreads (`{ ...defaults, timeout }`); between two steps a `new X({...})` or `X({...})` is looked
 * through to its first argument, so `requestHandler: new NodeHttpHandler({ requestTimeout })`
 * answers `requestHandler.requestTimeout`.
 */
export function optionAt(finder: SiteFinder, source: ts.Expression, path: string): ts.Expression | undefined {
  let cur: ts.Expression | undefined = source;
  const steps = path.split(".");
  for (let i = 0; i < steps.length && cur; i++) {
    const obj = objectOf(finder, cur, i > 0);
    if (!obj) return undefined;
    cur = finder.propertyExpr(obj, steps[i]!);
  }
  return cur;
}

/** The first of `paths` set in any of `sources` (sources in priority order, then paths in order). */
export function findOption(finder: SiteFinder, sources: readonly ts.Expression[], paths: readonly string[]): OptionHit | undefined {
  for (const src of sources) {
    for (const path of paths) {
      const value = optionAt(finder, src, path);
      if (value && !isAbsent(value)) return { path, value };
    }
  }
  return undefined;
}

/** Every hit of `paths` in `sources` (for values that may be set in several places). */
export function findOptions(finder: SiteFinder, sources: readonly ts.Expression[], paths: readonly string[]): OptionHit[] {
  const out: OptionHit[] = [];
  for (const src of sources) {
    for (const path of paths) {
      const value = optionAt(finder, src, path);
      if (value && !isAbsent(value)) out.push({ path, value });
    }
  }
  return out;
}

/** `undefined` / `void 0`: an option written but not set. */
export function isAbsent(e: ts.Expression): boolean {
  const x = unwrap(e);
  return (ts.isIdentifier(x) && x.text === "undefined") || ts.isVoidExpression(x);
}

function objectOf(finder: SiteFinder, e: ts.Expression, lookThroughCalls: boolean): ts.ObjectLiteralExpression | undefined {
  const direct = finder.objectLiteral(e);
  if (direct) return direct;
  if (!lookThroughCalls) return undefined;
  let x = unwrap(e);
  if (ts.isIdentifier(x)) {
    const init = finder.strings.initializerOf(x);
    if (init) x = unwrap(init);
  }
  if ((ts.isNewExpression(x) || ts.isCallExpression(x)) && x.arguments?.[0]) return finder.objectLiteral(x.arguments[0]);
  return undefined;
}

/** Strips parentheses, `as`, `satisfies`, `!` and `await`. */
export function unwrap(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isSatisfiesExpression(x) || ts.isNonNullExpression(x) || ts.isTypeAssertionExpression(x) || ts.isAwaitExpression(x)) x = x.expression;
  return x;
}

/**
 * A number the code fixes (literals, `60 * 1000`, `Number("5")`, consts followed); null when it
 * is computed at run time (environment, parameters), which still counts as set.
 */
export function constantNumber(finder: SiteFinder, e: ts.Expression, depth = 0): number | null {
  if (depth > 6) return null;
  const x = unwrap(e);
  if (ts.isNumericLiteral(x)) return Number(x.text.replace(/_/g, ""));
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.MinusToken) {
    const v = constantNumber(finder, x.operand, depth + 1);
    return v === null ? null : -v;
  }
  if (ts.isIdentifier(x)) {
    if (x.text === "Infinity") return Infinity;
    const init = finder.strings.initializerOf(x);
    return init ? constantNumber(finder, init, depth + 1) : null;
  }
  if (ts.isBinaryExpression(x)) {
    const l = constantNumber(finder, x.left, depth + 1);
    const r = constantNumber(finder, x.right, depth + 1);
    if (l === null || r === null) return null;
    switch (x.operatorToken.kind) {
      case ts.SyntaxKind.AsteriskToken:
        return l * r;
      case ts.SyntaxKind.PlusToken:
        return l + r;
      case ts.SyntaxKind.MinusToken:
        return l - r;
      case ts.SyntaxKind.SlashToken:
        return l / r;
      default:
        return null;
    }
  }
  return null;
}
