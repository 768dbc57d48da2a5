/**
 * Where an LLM call's result goes: the expression that still holds it (after `await`,
 * `.choices[0].message.content`, `.then(cb)`), the names it is bound to, and the names computed
 * from those in the same function. Followed out of callbacks (`items.map(async (x) => call(x))`,
 * `pRetry(() => call())`) into the code that receives what they return.
 */
import ts from "typescript";
import { usesAny } from "../callSites/detect";

/** The result as seen in one function (or module, for top-level code). */
export interface ResultSegment {
  /** The function-like node or source file the names live in. */
  container: ts.Node;
  /** The outermost expression that is still the result (or a part of it); absent for a parameter. */
  top?: ts.Expression;
  /** Names carrying the result or values derived from it in `container`. */
  names: Set<string>;
}

const MAX_SEGMENTS = 4;

/** The result of `call` in its function, then in the functions that receive it from callbacks. */
export function followResult(call: ts.Expression): ResultSegment[] {
  const out: ResultSegment[] = [];
  let start: ts.Expression | undefined = call;
  while (start && out.length < MAX_SEGMENTS) {
    const { top, seeds, host } = climb(start);
    const container = containerOf(top);
    const names = propagate(container, seeds);
    out.push({ container, top, names });
    // What a callback returns reaches its host call (`Promise.all(xs.map(cb))`, `retry(cb)`).
    start = host ?? (returnsTainted(container, names, top) ? callbackHost(container) : undefined);
  }
  return out;
}

/** Whether a node lies inside the result expression or uses one of its names. */
export function carriesResult(seg: ResultSegment, e: ts.Node): boolean {
  return (!!seg.top && contains(e, seg.top)) || usesAny(e, seg.names);
}

/** The function-like node (with a body) or source file that holds `n`. */
export function containerOf(n: ts.Node): ts.Node {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p) && (p as ts.FunctionLikeDeclaration).body) return p;
    if (ts.isSourceFile(p)) return p;
  }
  return n.getSourceFile();
}

/** The body to walk for a container. */
export function bodyOf(container: ts.Node): ts.Node | undefined {
  return ts.isSourceFile(container) ? container : (container as ts.FunctionLikeDeclaration).body;
}

/** Whether `inner` is `outer` or lies inside it. */
export function contains(outer: ts.Node, inner: ts.Node): boolean {
  for (let n: ts.Node | undefined = inner; n; n = n.parent) if (n === outer) return true;
  return false;
}

/** The call a callback is passed to (`xs.map(cb)`, `pRetry(cb)`), if `fn` is one. */
export function callbackHost(fn: ts.Node): ts.CallExpression | ts.NewExpression | undefined {
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  let x: ts.Node = fn;
  while (x.parent && ts.isParenthesizedExpression(x.parent)) x = x.parent;
  const p = x.parent;
  if (p && (ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(x as ts.Expression)) return p;
  return undefined;
}

/**
 * Climbs from the call through the expressions that keep holding the result, and collects the
 * names it ends up bound to. `host`: the result is returned from a callback to this call.
 */
function climb(call: ts.Expression): { top: ts.Expression; seeds: string[]; host?: ts.CallExpression | ts.NewExpression } {
  const seeds: string[] = [];
  let e: ts.Expression = call;
  for (let guard = 0; guard < 60; guard++) {
    const p: ts.Node | undefined = e.parent;
    if (!p) break;
    if (ts.isAwaitExpression(p) || ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p) || ts.isTypeAssertionExpression(p)) {
      e = p;
      continue;
    }
    if (ts.isPropertyAccessExpression(p) && p.expression === e) {
      const name = p.name.text;
      const c = p.parent;
      if (c && ts.isCallExpression(c) && c.expression === p && (name === "then" || name === "catch" || name === "finally")) {
        // `.then((res) => ...)`: the callback's parameter carries the result.
        const cb = name === "then" ? c.arguments[0] : undefined;
        if (cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && cb.parameters[0]) collectNames(cb.parameters[0].name, seeds);
        e = c;
        continue;
      }
      e = p;
      continue;
    }
    if (ts.isElementAccessExpression(p) && p.expression === e) {
      e = p;
      continue;
    }
    // A method of the result (`response.text()`, `stream.finalMessage()`).
    if (ts.isCallExpression(p) && p.expression === e) {
      e = p;
      continue;
    }
    // `Promise.all([a(), b()])`, `Promise.all(xs.map(...))`: the combined promise holds the results.
    if (ts.isArrayLiteralExpression(p) && p.parent && ts.isCallExpression(p.parent) && isPromiseCombinator(p.parent)) {
      e = p;
      continue;
    }
    if (ts.isCallExpression(p) && p.arguments.includes(e) && isPromiseCombinator(p)) {
      e = p;
      continue;
    }
    if (ts.isConditionalExpression(p) && p.condition !== e) {
      e = p;
      continue;
    }
    if (ts.isBinaryExpression(p) && isFallbackOperator(p.operatorToken.kind)) {
      e = p;
      continue;
    }
    if (ts.isArrowFunction(p) && p.body === e) {
      const host = callbackHost(p);
      return { top: e, seeds, ...(host ? { host } : {}) };
    }
    if (ts.isReturnStatement(p)) {
      const fn = containerOf(p);
      const host = callbackHost(fn);
      return { top: e, seeds, ...(host ? { host } : {}) };
    }
    break;
  }
  const p = e.parent;
  if (p && ts.isVariableDeclaration(p) && p.initializer === e) collectNames(p.name, seeds);
  else if (p && ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === e) {
    const root = rootName(p.left);
    if (root) seeds.push(root);
  } else if (p && ts.isForOfStatement(p) && p.expression === e && ts.isVariableDeclarationList(p.initializer)) {
    for (const d of p.initializer.declarations) collectNames(d.name, seeds);
  }
  return { top: e, seeds };
}

function isPromiseCombinator(c: ts.CallExpression): boolean {
  return /^Promise\.(all|allSettled|race|any)$/.test(c.expression.getText().replace(/\s+/g, ""));
}

function isFallbackOperator(k: ts.SyntaxKind): boolean {
  return k === ts.SyntaxKind.QuestionQuestionToken || k === ts.SyntaxKind.BarBarToken || k === ts.SyntaxKind.AmpersandAmpersandToken;
}

/** Whether the container returns (or yields) something carrying the result. */
function returnsTainted(container: ts.Node, names: Set<string>, top: ts.Expression): boolean {
  if (ts.isArrowFunction(container) && !ts.isBlock(container.body)) return contains(container.body, top) || usesAny(container.body, names);
  const body = bodyOf(container);
  if (!body || ts.isSourceFile(container)) return false;
  let hit = false;
  walk(body, (n) => {
    if ((ts.isReturnStatement(n) || ts.isYieldExpression(n)) && n.expression && (contains(n.expression, top) || usesAny(n.expression, names))) hit = true;
  });
  return hit;
}

/**
 * The seeds and the names computed from them in the container: declarations, assignments,
 * `for (const x of names)`, `arr.push(name)`, and callback parameters of methods called on them
 * (`res.content.filter((b) => ...)`).
 */
export function propagate(container: ts.Node, seeds: Iterable<string>): Set<string> {
  const names = new Set<string>(seeds);
  const body = bodyOf(container);
  if (!body || !names.size) return names;
  const flows: { from: ts.Node; to: ts.BindingName }[] = [];
  walk(body, (n) => {
    if (ts.isVariableDeclaration(n) && n.initializer) flows.push({ from: n.initializer, to: n.name });
    else if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.EqualsToken || n.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) && ts.isIdentifier(n.left)) flows.push({ from: n.right, to: n.left });
    else if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && ts.isVariableDeclarationList(n.initializer)) {
      for (const d of n.initializer.declarations) flows.push({ from: n.expression, to: d.name });
    } else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const recv = n.expression.expression;
      if (/^(push|unshift|add|set|append)$/.test(n.expression.name.text) && ts.isIdentifier(recv)) for (const a of n.arguments) flows.push({ from: a, to: recv });
      for (const a of n.arguments) {
        if ((ts.isArrowFunction(a) || ts.isFunctionExpression(a)) && a.parameters[0]) flows.push({ from: recv, to: a.parameters[0].name });
      }
    }
  });
  for (let round = 0; round < 5; round++) {
    const before = names.size;
    for (const f of flows) {
      if (!usesAny(f.from, names)) continue;
      const got: string[] = [];
      collectNames(f.to, got);
      for (const g of got) names.add(g);
    }
    if (names.size === before) break;
  }
  return names;
}

/** Visits every node under `root`, not entering nested function or class declarations. */
export function walk(root: ts.Node, visit: (n: ts.Node) => void): void {
  const stack: ts.Node[] = [root];
  let seen = 0;
  while (stack.length && seen++ < 20000) {
    const n = stack.pop()!;
    visit(n);
    if (n !== root && (ts.isFunctionDeclaration(n) || ts.isClassLike(n))) continue;
    n.forEachChild((c) => void stack.push(c));
  }
}

export function collectNames(n: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(n)) out.push(n.text);
  else for (const el of n.elements) if (ts.isBindingElement(el)) collectNames(el.name, out);
}

/** The identifier an access chain starts from (`a` in `a.b[0].c()`). */
export function rootName(e: ts.Expression): string | undefined {
  let x: ts.Expression = e;
  for (;;) {
    if (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isCallExpression(x) || ts.isNonNullExpression(x) || ts.isParenthesizedExpression(x) || ts.isAwaitExpression(x) || ts.isAsExpression(x)) x = x.expression;
    else break;
  }
  return ts.isIdentifier(x) ? x.text : undefined;
}
