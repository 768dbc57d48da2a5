/**
 * Cache and memoize wrappers around a call: a fallback or retry written inside one would be cached
 * (one failure's placeholder served for the cache's lifetime), so those fixes are not offered there.
 * Recognised: `unstable_cache` (next/cache), React `cache`, `memoize` and its kin, and the loader of
 * an `lru-cache` (`fetchMethod`, `memoMethod`), whether the function is written inline or passed by name.
 */
import ts from "typescript";

/** Functions that cache what the function they are given returns. */
const CACHING_CALLS = /^(unstable_cache|memoize|memoizeOne|memoizee|moize|pMemoize|pMemoizee|mem|memoizeWith)$/;
/** `cache` is a common name: only React's (imported from "react", or `React.cache`). */
const REACT = /^react$/;
const LRU_LOADERS = /^(fetchMethod|memoMethod)$/;

/** The cache wrapper a node runs inside (`unstable_cache(...)`), or undefined. */
export function cacheWrapperOf(node: ts.Node): string | undefined {
  const sf = node.getSourceFile();
  for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const direct = wrapperAround(n, sf);
    if (direct) return direct;
    const name = nameOf(n);
    if (name) {
      const byName = wrapperOfName(name, sf);
      if (byName) return byName;
    }
  }
  return undefined;
}

/** The caching call or LRU loader a function expression is written in. */
function wrapperAround(fn: ts.Node, sf: ts.SourceFile): string | undefined {
  const p = fn.parent;
  if (p && ts.isCallExpression(p) && p.arguments.includes(fn as ts.Expression)) return cachingCallee(p, sf);
  if (p && (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p)) && ts.isIdentifier(p.name) && LRU_LOADERS.test(p.name.text)) return `lru-cache \`${p.name.text}\``;
  if (ts.isMethodDeclaration(fn) && ts.isIdentifier(fn.name) && LRU_LOADERS.test(fn.name.text) && ts.isObjectLiteralExpression(fn.parent)) return `lru-cache \`${fn.name.text}\``;
  return undefined;
}

/** The name a function is declared under (`function f`, `const f = () => ...`). */
function nameOf(fn: ts.Node): string | undefined {
  if (ts.isFunctionDeclaration(fn) && fn.name) return fn.name.text;
  const p = fn.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

/** A caching call in the file that is given the function by name (`unstable_cache(fetchRates, ...)`). */
function wrapperOfName(name: string, sf: ts.SourceFile): string | undefined {
  let found: string | undefined;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (ts.isCallExpression(n) && n.arguments.some((a) => ts.isIdentifier(a) && a.text === name)) found = cachingCallee(n, sf);
    if (!found && ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && LRU_LOADERS.test(n.name.text) && ts.isIdentifier(n.initializer) && n.initializer.text === name) found = `lru-cache \`${n.name.text}\``;
    n.forEachChild(visit);
  };
  visit(sf);
  return found;
}

function cachingCallee(call: ts.CallExpression, sf: ts.SourceFile): string | undefined {
  const e = call.expression;
  const last = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
  if (!last) return undefined;
  if (CACHING_CALLS.test(last)) return `\`${last}\``;
  if (last === "cache") {
    if (ts.isPropertyAccessExpression(e) && /^React$/.test(e.expression.getText(sf))) return "React `cache`";
    if (ts.isIdentifier(e) && importedFrom(sf, "cache", REACT)) return "React `cache`";
  }
  return undefined;
}

function importedFrom(sf: ts.SourceFile, name: string, module: RegExp): boolean {
  return sf.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      module.test(s.moduleSpecifier.text) &&
      !!s.importClause?.namedBindings &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((el) => el.name.text === name),
  );
}
