/** Which npm export an expression names (`pRetry`, `retry` from cockatiel, `ns.backOff`), through imports and require, for any package. */
import ts from "typescript";
import type { Workspace } from "../project";
import { resolveName } from "../callSites/scope";
import { unwrap } from "./optionPaths";

/** An export of an npm package: `name` is "default" for the module itself (CommonJS) or its default export. */
export interface PackageExport {
  pkg: string;
  name: string;
}

/**
 * The package export `e` refers to, or undefined. The evaluator only tracks catalog packages;
 * helper libraries (p-retry, cockatiel...) are found here by their import or require.
 */
export function packageExportOf(ws: Workspace, e: ts.Expression, depth = 0): PackageExport | undefined {
  if (depth > 4) return undefined;
  const x = unwrap(e);
  if (ts.isIdentifier(x)) {
    const b = resolveName(x.text, x);
    if (!b) return undefined;
    if (b.kind === "import") {
      const pkg = packageOf(ws, x, b.spec);
      return pkg ? { pkg, name: b.name === "*" ? "default" : b.name } : undefined;
    }
    if (b.kind === "var" && b.decl.initializer) {
      const init = unwrap(b.decl.initializer);
      const req = requireSpec(init);
      if (req) {
        const pkg = packageOf(ws, x, req.spec);
        if (!pkg) return undefined;
        const path = [...req.path, ...b.path];
        return { pkg, name: path[0] ?? "default" };
      }
      // `const { retry } = cockatiel` or `const pRetry = mod.default`.
      if (b.path.length === 0) return packageExportOf(ws, init, depth + 1);
      const base = packageExportOf(ws, init, depth + 1);
      return base && base.name === "default" ? { pkg: base.pkg, name: b.path[0]! } : undefined;
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(x)) {
    const base = packageExportOf(ws, x.expression, depth + 1);
    if (base && base.name === "default") return { pkg: base.pkg, name: x.name.text === "default" ? "default" : x.name.text };
    return undefined;
  }
  const req = requireSpec(x);
  if (req) {
    const pkg = packageOf(ws, x, req.spec);
    return pkg ? { pkg, name: req.path[0] ?? "default" } : undefined;
  }
  return undefined;
}

/** `require("x")` or `require("x").a.b`: the specifier and the member path. */
function requireSpec(e: ts.Expression): { spec: string; path: string[] } | undefined {
  const path: string[] = [];
  let x = unwrap(e);
  while (ts.isPropertyAccessExpression(x)) {
    path.unshift(x.name.text);
    x = unwrap(x.expression);
  }
  if (ts.isCallExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === "require" && x.arguments[0] && ts.isStringLiteralLike(x.arguments[0])) {
    return { spec: x.arguments[0].text, path };
  }
  return undefined;
}

function packageOf(ws: Workspace, at: ts.Node, spec: string): string | undefined {
  if (spec.startsWith(".") || spec.startsWith("/")) return undefined;
  const from = ws.get(at.getSourceFile().fileName);
  const t = from ? ws.resolve(from, spec) : { pkg: spec };
  return t && "pkg" in t ? t.pkg : undefined;
}
