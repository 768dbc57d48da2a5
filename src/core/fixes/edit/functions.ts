/** The function a node is in, as fixes need it: the node itself, whether it is async, and the name people call it by. */
import ts from "typescript";
import { propName } from "../../callSites/values";

/** The nearest function with a body around `n` (a callback counts), or undefined at module level. */
export function functionOf(n: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p) && (p as ts.FunctionLikeDeclaration).body) return p as ts.FunctionLikeDeclaration;
  return undefined;
}

export function isAsync(fn: ts.FunctionLikeDeclaration): boolean {
  return !!ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

/** `function name`, a method's name, or the variable or property an anonymous function is assigned to. */
export function functionName(fn: ts.FunctionLikeDeclaration): string | undefined {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) return fn.name.text;
  const p = fn.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.name) return propName(p.name);
  return undefined;
}
