/**
 * One walk of a parsed file for the indexes that look names up across the workspace: the identifiers
 * that read a value (the call graph: where a function may be called or handed over) and the calls by
 * the last name of their callee (a parameter's callers). Memoized by tree: each index of a scan, and
 * the next scan of a session for the files that did not change, reuse the walk.
 */
import ts from "typescript";
import { unwrap } from "./optionPaths";

export interface FileNames {
  /** Identifiers that read a value (not a declaration's name, not a property key), by text, in source order. */
  uses: ReadonlyMap<string, readonly ts.Identifier[]>;
  /** Calls and `new`s by the last name of their callee (`f(...)`, `a.b.f(...)`, `new F(...)`). */
  calls: ReadonlyMap<string, readonly (ts.CallExpression | ts.NewExpression)[]>;
}

const memo = new WeakMap<ts.SourceFile, FileNames>();

export function namesIn(sf: ts.SourceFile): FileNames {
  const hit = memo.get(sf);
  if (hit) return hit;
  const uses = new Map<string, ts.Identifier[]>();
  const calls = new Map<string, (ts.CallExpression | ts.NewExpression)[]>();
  const stack: ts.Node[] = [sf];
  const push = (c: ts.Node): void => {
    stack.push(c);
  };
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === ts.SyntaxKind.Identifier) {
      if (isUse(n as ts.Identifier)) {
        const text = (n as ts.Identifier).text;
        const list = uses.get(text);
        if (list) list.push(n as ts.Identifier);
        else uses.set(text, [n as ts.Identifier]);
      }
    } else if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const callee = unwrap(n.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (name) {
        const list = calls.get(name);
        if (list) list.push(n);
        else calls.set(name, [n]);
      }
    }
    n.forEachChild(push);
  }
  // The walk meets a file's leaves last first: in source order for the call graph.
  for (const list of uses.values()) list.sort((a, b) => a.pos - b.pos);
  const out = { uses, calls };
  memo.set(sf, out);
  return out;
}

/** An identifier that reads a value (not a declaration's name, not a property key). */
export function isUse(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if ((ts.isFunctionDeclaration(p) || ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isMethodDeclaration(p) || ts.isClassDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isImportSpecifier(p) || ts.isImportClause(p)) && p.name === id) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return ts.isCallExpression(p.parent) && p.parent.expression === p;
  return true;
}
