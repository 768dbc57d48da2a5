/**
 * Where a call's result lives in the code around it (used by the usage check): the scopes and
 * names that hold it, destructured keys, and whether it is returned to the caller.
 * NOTE: reconstructed by the validation/fallback helper after it overwrote this file by mistake;
 * the API is the one usage.ts and usageRead.ts import.
 */
import ts from "typescript";
import { usesAny } from "../../callSites/detect";

/** One scope where the result is held. */
export interface ResultPlace {
  /** The function-like node (or source file) the names live in. */
  scope: ts.Node;
  /** Names bound to the whole result (or to parts not keyed below). */
  names: string[];
  /** Destructured names → the property they were read from (`const { usage: u } = res` → u → usage). */
  keyed: Map<string, string>;
  /** The expression that holds the result when it is not bound to a name. */
  value?: ts.Node;
}

export interface ResultFlow {
  places: ResultPlace[];
  /** The result (or something computed from it) leaves the call's function (returned or yielded). */
  returned: boolean;
}

/** The places where the result of `call` is held, and whether it is returned. */
export function resultFlow(call: ts.Expression): ResultFlow {
  const places: ResultPlace[] = [];
  let e: ts.Expression = call;
  let returned = false;
  for (let guard = 0; guard < 60; guard++) {
    const p: ts.Node | undefined = e.parent;
    if (!p) break;
    if (ts.isAwaitExpression(p) || ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p) || ts.isTypeAssertionExpression(p)) {
      e = p;
      continue;
    }
    if (ts.isPropertyAccessExpression(p) && p.expression === e) {
      const c = p.parent;
      if (c && ts.isCallExpression(c) && c.expression === p && /^(then|catch|finally)$/.test(p.name.text)) {
        // `.then((res) => ...)`: the callback's parameters hold the result.
        const cb = p.name.text === "then" ? c.arguments[0] : undefined;
        if (cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && cb.parameters[0]) {
          const place: ResultPlace = { scope: cb, names: [], keyed: new Map() };
          bindingNames(cb.parameters[0].name, place.names, place.keyed);
          places.push(place);
        }
        e = c;
        continue;
      }
      break;
    }
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === e) || ts.isYieldExpression(p)) {
      returned = true;
      break;
    }
    break;
  }
  const scope = scopeOf(e);
  const place: ResultPlace = { scope, names: [], keyed: new Map(), value: e };
  const p = e.parent;
  if (p && ts.isVariableDeclaration(p) && p.initializer === e) bindingNames(p.name, place.names, place.keyed);
  else if (p && ts.isBinaryExpression(p) && isAssignment(p.operatorToken.kind) && p.right === e && ts.isIdentifier(p.left)) place.names.push(p.left.text);
  else if (p && ts.isForOfStatement(p) && p.expression === e && ts.isVariableDeclarationList(p.initializer)) {
    for (const d of p.initializer.declarations) bindingNames(d.name, place.names, place.keyed);
  }
  places.push(place);
  if (!returned && (place.names.length || place.keyed.size)) {
    const names = propagate(scope, [...place.names, ...place.keyed.keys()]);
    const body = ts.isSourceFile(scope) ? undefined : (scope as ts.FunctionLikeDeclaration).body;
    if (body) {
      const stack: ts.Node[] = [body];
      while (stack.length && !returned) {
        const n = stack.pop()!;
        if ((ts.isReturnStatement(n) || ts.isYieldExpression(n)) && n.expression && usesAny(n.expression, names)) returned = true;
        if (n !== body && (ts.isFunctionDeclaration(n) || ts.isClassLike(n))) continue;
        n.forEachChild((c) => void stack.push(c));
      }
    }
  }
  return { places, returned };
}

/** The names computed from `seeds` in a scope: declarations, assignments, `for (const x of seed)`, `arr.push(seed)`. */
export function propagate(scope: ts.Node, seeds: Iterable<string>): Set<string> {
  const names = new Set<string>(seeds);
  const body = ts.isSourceFile(scope) ? scope : ts.isFunctionLike(scope) ? (scope as ts.FunctionLikeDeclaration).body : scope;
  if (!body || !names.size) return names;
  const flows: { from: ts.Node; to: ts.BindingName }[] = [];
  const stack: ts.Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isVariableDeclaration(n) && n.initializer) flows.push({ from: n.initializer, to: n.name });
    else if (ts.isBinaryExpression(n) && isAssignment(n.operatorToken.kind) && ts.isIdentifier(n.left)) flows.push({ from: n.right, to: n.left });
    else if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && ts.isVariableDeclarationList(n.initializer)) {
      for (const d of n.initializer.declarations) flows.push({ from: n.expression, to: d.name });
    } else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(push|unshift|add|set|append)$/.test(n.expression.name.text) && ts.isIdentifier(n.expression.expression)) {
      for (const a of n.arguments) flows.push({ from: a, to: n.expression.expression });
    }
    if (n !== body && (ts.isFunctionDeclaration(n) || ts.isClassLike(n))) continue;
    n.forEachChild((c) => void stack.push(c));
  }
  for (let round = 0; round < 5; round++) {
    const before = names.size;
    for (const f of flows) {
      if (!usesAny(f.from, names)) continue;
      const got: string[] = [];
      bindingNames(f.to, got);
      for (const g of got) names.add(g);
    }
    if (names.size === before) break;
  }
  return names;
}

/**
 * The names a binding declares. With `keyed`, names destructured directly from an object
 * (`{ usage }`, `{ usage: u }`) go there with their property key instead of into `names`.
 */
export function bindingNames(n: ts.BindingName, names: string[], keyed?: Map<string, string>): void {
  if (ts.isIdentifier(n)) {
    names.push(n.text);
    return;
  }
  if (ts.isObjectBindingPattern(n)) {
    for (const el of n.elements) {
      const key = el.propertyName ? (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName) ? el.propertyName.text : undefined) : ts.isIdentifier(el.name) ? el.name.text : undefined;
      if (keyed && key !== undefined && ts.isIdentifier(el.name) && !el.dotDotDotToken) keyed.set(el.name.text, key);
      else bindingNames(el.name, names);
    }
    return;
  }
  for (const el of n.elements) if (ts.isBindingElement(el)) bindingNames(el.name, names);
}

/** Whether `inner` is `outer` or lies inside it. */
export function contains(outer: ts.Node, inner: ts.Node): boolean {
  for (let n: ts.Node | undefined = inner; n; n = n.parent) if (n === outer) return true;
  return false;
}

export function isAssignment(k: ts.SyntaxKind): boolean {
  return (
    k === ts.SyntaxKind.EqualsToken ||
    k === ts.SyntaxKind.PlusEqualsToken ||
    k === ts.SyntaxKind.MinusEqualsToken ||
    k === ts.SyntaxKind.BarBarEqualsToken ||
    k === ts.SyntaxKind.QuestionQuestionEqualsToken
  );
}

function scopeOf(n: ts.Node): ts.Node {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p) && (p as ts.FunctionLikeDeclaration).body) return p;
    if (ts.isSourceFile(p)) return p;
  }
  return n.getSourceFile();
}
