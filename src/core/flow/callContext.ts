/**
 * What surrounds a call at run time: the ancestors of the call in its function, then, across
 * callbacks (`pRetry(() => call)`) and module-private functions (`const generate = () => call`,
 * judged at every place that uses it), the code that runs it. Checks pass a visitor that
 * recognises what they accept (a retry loop, `Promise.race` with a timer, a helper library).
 */
import ts from "typescript";
import { resolveName } from "../callSites/scope";

/** What a check found around a call (a retry, a deadline), and what it is, for the note. */
export interface Found {
  at: ts.Node;
  what: string;
}

/** One ancestor seen on the way up: `child` is the node it was reached from, `origin` the call (or reference) the walk started at. */
export interface ContextStep {
  node: ts.Node;
  child: ts.Node;
  origin: ts.Node;
}

/**
 * Walks up from `start` and returns the first thing `visit` accepts. A function boundary is
 * crossed when the function is an argument (a callback) or an IIFE; a module-private function is
 * followed to every reference, and counts only when `visit` accepts something on every path.
 * The walk never goes above `stop` (a helper's own function, when judging what it does with its parameter).
 */
export function walkContext<T>(start: ts.Node, visit: (s: ContextStep) => T | undefined, stop?: ts.Node, depth = 0, seen = new Set<ts.Node>()): T | undefined {
  const origin = start;
  let child: ts.Node = start;
  for (let node = start.parent; node; child = node, node = node.parent) {
    if (node === stop) return undefined;
    const hit = visit({ node, child, origin });
    if (hit !== undefined) return hit;
    if (ts.isSourceFile(node) || ts.isClassLike(node)) return undefined;
    if (!ts.isFunctionLike(node)) continue;
    const fn = node as ts.FunctionLikeDeclaration;
    const parent = fn.parent;
    // A callback or an IIFE: what runs it is the next ancestor.
    if (parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && (parent.arguments?.includes(fn as ts.Expression) || parent.expression === fn)) continue;
    if (parent && ts.isParenthesizedExpression(parent)) continue;
    // A callback property of an options object handed to a call, directly or spread into it (`{ ...repairConfig }`): that call runs it.
    const host = optionsHost(fn);
    if (host) {
      if (depth >= 3 || seen.has(fn)) return undefined;
      seen.add(fn);
      return walkContext(host, visit, stop, depth + 1, seen);
    }
    // A module-private or nested function: every place that uses it must accept.
    const refs = privateReferences(fn);
    if (!refs || !refs.length || depth >= 3 || seen.has(fn)) return undefined;
    seen.add(fn);
    let first: T | undefined;
    for (const r of refs) {
      const h = walkContext(r, visit, stop, depth + 1, seen);
      if (h === undefined) return undefined;
      first ??= h;
    }
    return first;
  }
  return undefined;
}

/**
 * References of a function that is not exported (a nested closure, or a module-level function the
 * module does not export), or null when outside code may call it.
 */
export function privateReferences(fn: ts.FunctionLikeDeclaration): ts.Node[] | null {
  // A method is a wrapper of its own: what its callers do counts at their call, not at the request inside (CHECKS.md "each site is judged where it stands").
  if (ts.isMethodDeclaration(fn)) return null;
  // Every check that walks around a call asks again for the same function: its references are found once.
  if (referenceMemo.has(fn)) return referenceMemo.get(fn)!;
  const out = functionReferences(fn);
  referenceMemo.set(fn, out);
  return out;
}

const referenceMemo = new WeakMap<ts.FunctionLikeDeclaration, ts.Identifier[] | null>();

function functionReferences(fn: ts.FunctionLikeDeclaration): ts.Identifier[] | null {
  let name: ts.Identifier | undefined;
  let holder: ts.Node = fn;
  if (ts.isFunctionDeclaration(fn) && fn.name) name = fn.name;
  else if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parent && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) {
    name = fn.parent.name;
    holder = fn.parent.parent?.parent ?? fn.parent;
  }
  if (!name) return null;
  const sf = fn.getSourceFile();
  const topLevel = holder.parent === sf;
  if (topLevel && (isExported(holder) || exportedByName(sf, name.text))) return null;
  const scope = topLevel ? sf : enclosingScope(holder);
  if (!scope) return null;
  const out: ts.Identifier[] = [];
  const stack: ts.Node[] = [scope];
  const decl = ts.isFunctionDeclaration(fn) ? fn : fn.parent;
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isIdentifier(n) && n !== name && n.text === name.text && !isPropertyName(n)) {
      const b = resolveName(n.text, n);
      const target = b && (b.kind === "function" ? b.node : b.kind === "var" ? b.decl : undefined);
      if (target === decl) out.push(n);
    }
    n.forEachChild((c) => void stack.push(c));
  }
  return out;
}

/**
 * The call that receives the object literal holding `fn` as a property (`{ onRepair: async () => ... }`):
 * as an argument, or through locals and spreads (`const cfg = { ...hooks }; run(cfg)`). A copy that
 * goes nowhere else (spread into a log line's property) does not run it.
 */
export function optionsHost(fn: ts.FunctionLikeDeclaration): ts.CallExpression | undefined {
  const obj = ts.isMethodDeclaration(fn) ? fn.parent : fn.parent && ts.isPropertyAssignment(fn.parent) ? fn.parent.parent : undefined;
  return obj && ts.isObjectLiteralExpression(obj) ? objectHost(obj, 0) : undefined;
}

function objectHost(obj: ts.ObjectLiteralExpression, depth: number): ts.CallExpression | undefined {
  if (depth > 4) return undefined;
  let at: ts.Node = obj;
  while (at.parent && (ts.isParenthesizedExpression(at.parent) || ts.isSatisfiesExpression(at.parent) || ts.isAsExpression(at.parent))) at = at.parent;
  const p = at.parent;
  if (!p) return undefined;
  if (ts.isCallExpression(p) && p.arguments.includes(at as ts.Expression)) return p;
  if (ts.isSpreadAssignment(p)) return objectHost(p.parent, depth + 1);
  if (!ts.isVariableDeclaration(p) || p.initializer !== at || !ts.isIdentifier(p.name)) return undefined;
  for (const use of localUses(p)) {
    const u = use.parent;
    if (u && ts.isCallExpression(u) && u.arguments.includes(use)) return u;
    const host = u && ts.isSpreadAssignment(u) ? objectHost(u.parent, depth + 1) : undefined;
    if (host) return host;
  }
  return undefined;
}

/** The references of a local (not its own declaration), in the scope that declares it. */
function localUses(decl: ts.VariableDeclaration): ts.Identifier[] {
  const name = decl.name as ts.Identifier;
  const scope = enclosingScope(decl);
  const out: ts.Identifier[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n) && n !== name && n.text === name.text && !isPropertyName(n)) {
      const b = resolveName(n.text, n);
      if (b && b.kind === "var" && b.decl === decl) out.push(n);
    }
    n.forEachChild(visit);
  };
  if (scope) visit(scope);
  return out;
}

function enclosingScope(n: ts.Node): ts.Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p) || ts.isSourceFile(p) || ts.isBlock(p)) return p;
  return undefined;
}

function isPropertyName(n: ts.Identifier): boolean {
  const p = n.parent;
  return !!p && ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p));
}

function isExported(n: ts.Node): boolean {
  return ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** `export { name }`, `export default name`, `module.exports = { name }`, `exports.name = name`. */
function exportedByName(sf: ts.SourceFile, name: string): boolean {
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause) && st.exportClause.elements.some((e) => (e.propertyName ?? e.name).text === name)) return true;
    if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression) && st.expression.text === name) return true;
    if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && /^(module\.)?exports\b/.test(st.expression.left.getText())) {
      if (mentions(st.expression, name)) return true;
    }
  }
  return false;
}

function mentions(n: ts.Node, name: string): boolean {
  if (ts.isIdentifier(n) && n.text === name) return true;
  let hit = false;
  n.forEachChild((c) => {
    if (!hit && mentions(c, name)) hit = true;
  });
  return hit;
}
