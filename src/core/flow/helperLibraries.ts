/** Recognises calls of helper libraries listed in rules/checks/<id>.json `libraries` (p-retry, cockatiel, p-timeout, opossum, ai-retry). */
import ts from "typescript";
import type { HelperLibrary } from "../catalog/schema";
import type { SiteFinder } from "../callSites/detect";
import { isAbsent, optionAt, unwrap } from "./optionPaths";
import { packageExportOf } from "./packageExports";
import { findNode } from "../checks/timeout/timers";

export class HelperLibraries {
  constructor(
    private readonly finder: SiteFinder,
    private readonly libs: readonly HelperLibrary[],
  ) {}

  /** The library of a `call`-style export that `c` calls or constructs (`pRetry(...)`, `new CircuitBreaker(...)`). */
  callOf(c: ts.CallExpression | ts.NewExpression): HelperLibrary | undefined {
    const lib = this.exportLibrary(c.expression, "call");
    if (lib && lib.requiresOption && !c.arguments?.some((a) => isOn(optionAt(this.finder, a, lib.requiresOption!)))) return undefined;
    if (lib) return lib;
    // `policy.execute(() => call)`: the receiver was built by a policy export (through consts, `wrap(...)`).
    const callee = unwrap(c.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      for (const l of this.libs) {
        if (l.use !== "policy" || !l.methods.includes(method)) continue;
        if (this.builtBy(callee.expression, l, 0)) return l;
      }
    }
    return undefined;
  }

  /** The `model`-style library a model expression goes through (`createRetryable({ model })`). */
  modelOf(e: ts.Expression, depth = 0): HelperLibrary | undefined {
    if (depth > 3) return undefined;
    let x = unwrap(e);
    if (ts.isIdentifier(x)) {
      const init = this.finder.strings.initializerOf(x);
      if (!init) return undefined;
      x = unwrap(init);
    }
    if (ts.isCallExpression(x)) return this.exportLibrary(x.expression, "model");
    return undefined;
  }

  private exportLibrary(callee: ts.Expression, use: HelperLibrary["use"]): HelperLibrary | undefined {
    const exp = packageExportOf(this.finder.ws, callee);
    if (!exp) return undefined;
    return this.libs.find((l) => l.use === use && l.packages.includes(exp.pkg) && l.exports.includes(exp.name));
  }

  /** Whether an expression (through consts) contains a call of one of the library's policy exports. */
  private builtBy(e: ts.Expression, lib: HelperLibrary, depth: number): boolean {
    if (depth > 4) return false;
    const x = unwrap(e);
    if (ts.isIdentifier(x)) {
      const init = this.finder.strings.initializerOf(x);
      return !!init && this.builtBy(init, lib, depth + 1);
    }
    if (ts.isPropertyAccessExpression(x) && x.expression.kind === ts.SyntaxKind.ThisKeyword) return false;
    return !!findNode(x, (n) => {
      if (ts.isCallExpression(n)) {
        const exp = packageExportOf(this.finder.ws, n.expression);
        if (exp && lib.packages.includes(exp.pkg) && lib.exports.includes(exp.name)) return true;
        return false;
      }
      if (ts.isIdentifier(n) && n !== x && !(n.parent && ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
        const init = this.finder.strings.initializerOf(n);
        return !!init && depth < 3 && this.builtBy(init, lib, depth + 1);
      }
      return false;
    }, 2000);
  }
}

/** An option that is set to something other than `false`, `0`, `null` or `undefined` (opossum's `timeout: false` turns it off). */
function isOn(e: ts.Expression | undefined): boolean {
  if (!e || isAbsent(e)) return false;
  const x = unwrap(e);
  if (x.kind === ts.SyntaxKind.FalseKeyword || x.kind === ts.SyntaxKind.NullKeyword) return false;
  return !(ts.isNumericLiteral(x) && Number(x.text) === 0);
}
