/** Where a raw HTTP request's options live: its arguments, the instance it is called on, and the generic call inside an HTTP helper. */
import ts from "typescript";
import { constructorAssignment } from "../callSites/strings";
import { callsIn, parameterTaint, usesAny, type DetectedSite, type SiteFinder } from "../callSites/detect";
import type { FunctionNode } from "../callSites/values";
import type { CheckContext } from "../checks/checkContext";
import { constantNumber, unwrap } from "./optionPaths";

/** One request that goes out for an HTTP site, and the helper calls it is reached through (outermost first). */
export interface HttpRequest {
  call: ts.CallExpression;
  via: ts.CallExpression[];
}

/**
 * The requests that actually go out for an HTTP site: the call itself, or, when the site is a
 * call of a workspace HTTP helper (`postJson(MISTRAL_URL, body)`), the fetch/axios calls inside it
 * that use the helper's parameters (three levels of helpers), with the helper calls on the way.
 */
export function httpRequests(site: DetectedSite, ctx: CheckContext): HttpRequest[] {
  const v = ctx.finder.ev.eval(site.call.expression);
  if (v?.t !== "fn") return [{ call: site.call, via: [] }];
  const out: HttpRequest[] = [];
  collect(v.node, ctx, out, [], new Set());
  return out.length ? out : [{ call: site.call, via: [] }];
}

function collect(fn: FunctionNode, ctx: CheckContext, out: HttpRequest[], via: ts.CallExpression[], seen: Set<FunctionNode>): void {
  if (!fn.body || via.length > 3 || seen.has(fn)) return;
  seen.add(fn);
  const tainted = parameterTaint(fn);
  const packages = httpPackages(ctx);
  for (const c of callsIn(fn.body)) {
    if (!usesAny(c, tainted)) continue;
    const v = ctx.finder.ev.eval(c.expression);
    if (v?.t === "pkg" && packages.has(v.pkg)) out.push({ call: c, via });
    else if (v?.t === "fn" && v.node !== fn) collect(v.node, ctx, out, [...via, c], seen);
  }
}

function httpPackages(ctx: CheckContext): Set<string> {
  return new Set(Object.values(ctx.catalog.http.clients).flatMap((c) => c.packages));
}

/** Option sources of one HTTP call: its arguments, then the configs of an instance (`axios.create({ timeout })`, `got.extend(...)`). */
export function httpSources(call: ts.CallExpression, ctx: CheckContext): ts.Expression[] {
  const out: ts.Expression[] = [...call.arguments];
  let recv: ts.Expression | undefined = ts.isPropertyAccessExpression(unwrap(call.expression)) ? (unwrap(call.expression) as ts.PropertyAccessExpression).expression : undefined;
  for (let i = 0; recv && i < 4; i++) {
    let x = unwrap(recv);
    if (ts.isIdentifier(x)) {
      // Through imports and re-exports (`export default client` of `const client = axios.create(config)`).
      for (let hop = 0; hop < 4 && ts.isIdentifier(x); hop++) {
        const init = ctx.finder.strings.initializerOf(x);
        if (!init) break;
        x = unwrap(init);
      }
    } else if (ts.isPropertyAccessExpression(x) && x.expression.kind === ts.SyntaxKind.ThisKeyword) {
      // `this.http = axios.create({ timeout })` or a field initializer: the instance's own options.
      const init = fieldValue(x);
      if (!init) break;
      x = unwrap(init);
    }
    if (!ts.isCallExpression(x)) break;
    const callee = unwrap(x.expression);
    if (ts.isPropertyAccessExpression(callee) && /^(create|extend)$/.test(callee.name.text)) {
      out.push(...x.arguments);
      recv = callee.expression;
      continue;
    }
    break;
  }
  return out;
}

/** `req.setTimeout(ms)` on the request object `https.request(...)` returned (node:http style). */
export function requestSetTimeout(call: ts.CallExpression, finder: SiteFinder): ts.Node | undefined {
  const p = call.parent;
  if (!p || !ts.isVariableDeclaration(p) || !ts.isIdentifier(p.name)) return undefined;
  const name = p.name.text;
  let scope: ts.Node | undefined = p;
  while (scope && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  if (!scope) return undefined;
  let hit: ts.Node | undefined;
  const stack: ts.Node[] = [scope];
  while (stack.length && !hit) {
    const n = stack.pop()!;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "setTimeout" && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === name) {
      // `req.setTimeout(0)` turns the socket timeout off.
      const ms = n.arguments[0] && constantNumber(finder, n.arguments[0]);
      if (ms !== 0) hit = n;
    }
    n.forEachChild((c) => void stack.push(c));
  }
  return hit;
}

function fieldValue(x: ts.PropertyAccessExpression): ts.Expression | undefined {
  let cls: ts.Node | undefined = x.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  if (!cls || !ts.isClassLike(cls)) return undefined;
  const name = x.name.text;
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && m.initializer && ts.isIdentifier(m.name) && m.name.text === name) return m.initializer;
  }
  return constructorAssignment(cls, name);
}
