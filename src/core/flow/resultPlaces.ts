/** Where a call's result goes in the code around it (usage and eval checks): the local names that carry it, in which scope, and whether it is returned. */
import ts from "typescript";
import { usesAny } from "../callSites/detect";

/** One place where the result (or values computed from it) lives under local names. */
export interface ResultPlace {
  /** The function, or the source file for top-level code, whose body the names live in. */
  scope: ts.Node;
  /** Names that hold the result or values computed from it (before propagation). */
  names: string[];
  /** Names bound to one property of the result by destructuring (`const { usage } = ...`): name → key. */
  keyed: Map<string, string>;
  /** The expression that is the result itself, for reads such as `(await call()).usage`. */
  value?: ts.Node;
}

export interface ResultFlow {
  places: ResultPlace[];
  /** The result (or a value holding it) is returned or yielded from the call's function. */
  returned: boolean;
}

const COLLECT = /^(push|unshift|add|set|append)$/;

/** The function-like node whose body holds `n` (the source file for top-level code). */
export function scopeOf(n: ts.Node): ts.Node {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p) && (p as ts.FunctionLikeDeclaration).body) return p;
    if (ts.isSourceFile(p)) return p;
  }
  return n.getSourceFile();
}

/** Binding names of a declaration name; with `keyed`, destructured properties go there as name → key. */
export function bindingNames(n: ts.BindingName, out: string[], keyed?: Map<string, string>): void {
  if (ts.isIdentifier(n)) {
    out.push(n.text);
    return;
  }
  for (const el of n.elements) {
    if (!ts.isBindingElement(el)) continue;
    if (ts.isIdentifier(el.name)) {
      const key = el.propertyName ? propertyKey(el.propertyName) : el.name.text;
      if (keyed && key && ts.isObjectBindingPattern(n)) keyed.set(el.name.text, key);
      else out.push(el.name.text);
    } else bindingNames(el.name, out, keyed);
  }
}

function propertyKey(n: ts.PropertyName): string | undefined {
  return ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) ? n.text : undefined;
}

/**
 * Follows a call's value outwards: through `await`, parentheses, member reads (`.json()`, `.stream`),
 * callbacks that return it (`pRetry(() => call())`), `.then(cb)`, and into the variable, loop
 * variable or assignment that receives it.
 */
export function resultFlow(call: ts.CallExpression): ResultFlow {
  const places: ResultPlace[] = [];
  let returned = false;
  let x: ts.Node = call;
  for (let hops = 0; hops < 40 && x.parent; hops++) {
    const p: ts.Node = x.parent;
    if (ts.isAwaitExpression(p) || ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isTypeAssertionExpression(p)) {
      x = p;
      continue;
    }
    if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === x) {
      // `.then(cb)`: the callback's first parameter carries the result.
      if (ts.isPropertyAccessExpression(p) && p.name.text === "then" && p.parent && ts.isCallExpression(p.parent) && p.parent.expression === p) {
        const cb = p.parent.arguments[0];
        if (cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) {
          const names: string[] = [];
          const keyed = new Map<string, string>();
          for (const prm of cb.parameters.slice(0, 1)) bindingNames(prm.name, names, keyed);
          places.push({ scope: cb, names, keyed });
        }
      }
      x = p;
      continue;
    }
    if (ts.isCallExpression(p) && p.expression === x) {
      x = p;
      continue;
    }
    // `Promise.race([call(), timer])`: the race settles with the call's result.
    if (ts.isArrayLiteralExpression(p) && p.parent && ts.isCallExpression(p.parent) && p.parent.arguments[0] === p && /^Promise\.(race|any)$/.test(p.parent.expression.getText())) {
      x = p.parent;
      continue;
    }
    if (ts.isVariableDeclaration(p) && p.initializer === x) {
      const names: string[] = [];
      const keyed = new Map<string, string>();
      bindingNames(p.name, names, keyed);
      places.push({ scope: scopeOf(p), names, keyed, value: x });
      break;
    }
    if (ts.isBinaryExpression(p) && p.right === x && isAssignment(p.operatorToken.kind)) {
      const names = ts.isIdentifier(p.left) ? [p.left.text] : [];
      places.push({ scope: scopeOf(p), names, keyed: new Map(), value: x });
      break;
    }
    if ((ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.expression === x) {
      const names: string[] = [];
      const keyed = new Map<string, string>();
      if (ts.isVariableDeclarationList(p.initializer)) for (const d of p.initializer.declarations) bindingNames(d.name, names, keyed);
      else if (ts.isIdentifier(p.initializer)) names.push(p.initializer.text);
      places.push({ scope: scopeOf(p), names, keyed, value: x });
      break;
    }
    if (ts.isCallExpression(p) && p.arguments.includes(x as ts.Expression) && ts.isPropertyAccessExpression(p.expression) && COLLECT.test(p.expression.name.text)) {
      const root = rootName(p.expression.expression);
      places.push({ scope: scopeOf(p), names: root ? [root] : [], keyed: new Map(), value: x });
      break;
    }
    // Returned from a callback handed to a call (`pRetry(() => call())`): that call's value is the result.
    const fn = ts.isArrowFunction(p) && p.body === x ? p : ts.isReturnStatement(p) ? enclosingFn(p) : undefined;
    if (fn) {
      const outer = fn.parent;
      if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && outer && ts.isCallExpression(outer) && outer.arguments.includes(fn)) {
        x = outer;
        continue;
      }
      returned = true;
      places.push({ scope: fn, names: [], keyed: new Map(), value: x });
      break;
    }
    if (ts.isYieldExpression(p)) {
      returned = true;
      break;
    }
    // Anything else (an argument, an expression statement, a condition): the value stops here.
    places.push({ scope: scopeOf(x), names: [], keyed: new Map(), value: x });
    break;
  }
  return { places, returned };
}

/**
 * Every place the result reaches, following it out of callbacks that return it after binding it
 * (`pRetry(async () => { const res = await fetch(...); return res.json(); })`) into the value of the
 * call they were given to. `returned`: a named function hands it (or values from it) to its callers.
 */
export function resultPlaces(call: ts.CallExpression, barrier?: (call: ts.CallExpression) => boolean): ResultFlow {
  const places: ResultPlace[] = [];
  let returned = false;
  let queue: ts.CallExpression[] = [call];
  for (let depth = 0; depth < 4 && queue.length; depth++) {
    const next: ts.CallExpression[] = [];
    for (const c of queue) {
      const flow = resultFlow(c);
      returned ||= flow.returned;
      for (const place of flow.places) {
        places.push(place);
        if (!ts.isFunctionLike(place.scope)) continue;
        const names = propagate(place.scope, [...place.names, ...place.keyed.keys()], barrier);
        if (!names.size || !returnsAny(place.scope as ts.FunctionLikeDeclaration, names)) continue;
        const host = place.scope.parent;
        if ((ts.isArrowFunction(place.scope) || ts.isFunctionExpression(place.scope)) && host && ts.isCallExpression(host) && host.arguments.includes(place.scope)) next.push(host);
        else returned = true;
      }
    }
    queue = next;
  }
  return { places, returned };
}

function returnsAny(fn: ts.FunctionLikeDeclaration, names: ReadonlySet<string>): boolean {
  const body = fn.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return usesAny(body, names);
  const stack: ts.Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isReturnStatement(n) && n.expression && usesAny(n.expression, names)) return true;
    if (n !== body && ts.isFunctionLike(n)) continue;
    n.forEachChild((c) => void stack.push(c));
  }
  return false;
}

function enclosingFn(n: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p) && (p as ts.FunctionLikeDeclaration).body) return p as ts.FunctionLikeDeclaration;
  }
  return undefined;
}

export function rootName(e: ts.Expression): string | undefined {
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e) || ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return ts.isIdentifier(e) ? e.text : undefined;
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

/**
 * The names of `scope` that carry values computed from `seeds` (declarations, assignments, loop
 * variables, collections), to a fixpoint. Nested functions are included: callbacks see the names.
 */
export function propagate(scope: ts.Node, seeds: Iterable<string>, barrier?: (call: ts.CallExpression) => boolean): Set<string> {
  const names = new Set(seeds);
  if (!names.size) return names;
  const flows: { from: ts.Node; to: string[] }[] = [];
  const body = ts.isFunctionLike(scope) ? (scope as ts.FunctionLikeDeclaration).body : scope;
  if (!body) return names;
  const stack: ts.Node[] = [body];
  let seen = 0;
  while (stack.length && seen++ < 50_000) {
    const n = stack.pop()!;
    if (ts.isVariableDeclaration(n) && n.initializer) {
      const to: string[] = [];
      bindingNames(n.name, to);
      flows.push({ from: n.initializer, to });
    } else if (ts.isBinaryExpression(n) && isAssignment(n.operatorToken.kind) && ts.isIdentifier(n.left)) {
      flows.push({ from: n.right, to: [n.left.text] });
    } else if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && ts.isVariableDeclarationList(n.initializer)) {
      const to: string[] = [];
      for (const d of n.initializer.declarations) bindingNames(d.name, to);
      flows.push({ from: n.expression, to });
    } else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && COLLECT.test(n.expression.name.text) && ts.isIdentifier(n.expression.expression)) {
      for (const a of n.arguments) flows.push({ from: a, to: [n.expression.expression.text] });
    }
    n.forEachChild((c) => void stack.push(c));
  }
  // A value that went through a barrier (another model call: its prompt, not its answer) does not carry the result.
  const open = barrier ? flows.filter((f) => !hasCall(f.from, barrier)) : flows;
  for (let round = 0; round < 5; round++) {
    const before = names.size;
    for (const f of open) if (f.to.some((t) => !names.has(t)) && usesAny(f.from, names)) for (const t of f.to) names.add(t);
    if (names.size === before) break;
  }
  return names;
}

function hasCall(e: ts.Node, test: (call: ts.CallExpression) => boolean): boolean {
  const stack: ts.Node[] = [e];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isCallExpression(n) && test(n)) return true;
    if (ts.isFunctionLike(n)) continue;
    n.forEachChild((c) => void stack.push(c));
  }
  return false;
}

/** Whether `inner` lies inside `outer` (or is it). */
export function contains(outer: ts.Node, inner: ts.Node): boolean {
  for (let n: ts.Node | undefined = inner; n; n = n.parent) if (n === outer) return true;
  return false;
}
