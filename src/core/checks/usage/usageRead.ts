/** Token usage read from a model's result and then logged, stored or metered (rules/docs/usage.md "Accepted"). */
import ts from "typescript";
import { usesAny } from "../../callSites/detect";
import { resolveName } from "../../callSites/scope";
import type { FunctionNode } from "../../callSites/values";
import { bindingNames, contains, isAssignment, propagate, type ResultPlace } from "../../flow/resultPlaces";

export interface UsageReadOptions {
  /** Response properties that hold token counts (rules/observability.json `usage.responseKeys`). */
  keys: ReadonlySet<string>;
  /** The workspace function a call invokes, to follow the result into a helper (`logCompletion(res)`). */
  helperOf(call: ts.CallExpression): FunctionNode | null;
  /** Whether a call is itself an LLM call site: what comes out of it is its own answer, not this result. */
  isSite(call: ts.CallExpression): boolean;
}

/** Calls that only transform a value: what matters is where their result goes. */
const PURE = /^(Number|String|Boolean|BigInt|parseInt|parseFloat|Math\.\w+|JSON\.stringify|Object\.(keys|values|entries|assign|fromEntries)|Array\.from)$/;

type Climb = { recorded: ts.Node } | { holders: string[] } | null;

/**
 * The node that records usage read from the result living at `place` (a logger, metrics or database
 * call, an assignment to state outside the function), or null. A read that is only compared
 * (`if (res.usage.total_tokens > max)`) or returned is not recorded here.
 */
export function recordedUsage(place: ResultPlace, o: UsageReadOptions, origin?: ts.Node, depth = 0): ts.Node | null {
  const body = ts.isFunctionLike(place.scope) ? (place.scope as ts.FunctionLikeDeclaration).body : place.scope;
  if (!body) return null;
  const seeds = [...place.names];
  const holders = new Set<string>();
  for (const [name, key] of place.keyed) {
    if (o.keys.has(key)) holders.add(name);
    else seeds.push(name);
  }
  const names = propagate(place.scope, seeds, o.isSite);
  const carries = (e: ts.Node) => usesAny(e, names) || (!!origin && contains(e, origin)) || (!!place.value && contains(e, place.value));

  const nodes = descendants(body);
  for (let round = 0; round < 4; round++) {
    const before = holders.size;
    for (const n of nodes) {
      let read: ts.Node | undefined;
      if (ts.isPropertyAccessExpression(n) && o.keys.has(n.name.text) && carries(n.expression)) read = n;
      else if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression) && o.keys.has(n.argumentExpression.text) && carries(n.expression)) read = n;
      else if (ts.isIdentifier(n) && holders.has(n.text) && isReference(n)) read = n;
      else if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer && carries(n.initializer)) {
        const keyed = new Map<string, string>();
        bindingNames(n.name, [], keyed);
        for (const [name, key] of keyed) if (o.keys.has(key)) holders.add(name);
      }
      if (!read) continue;
      const c = climb(read, place.scope);
      if (c && "recorded" in c) return c.recorded;
      if (c) for (const h of c.holders) holders.add(h);
    }
    if (holders.size === before) break;
  }
  // The whole result handed to a workspace helper that records its usage (`trackCompletion(res)`).
  if (depth < 2) {
    for (const n of nodes) {
      if (!ts.isCallExpression(n)) continue;
      const i = n.arguments.findIndex((a) => (ts.isIdentifier(a) && names.has(a.text)) || (!!origin && contains(a, origin)));
      if (i < 0) continue;
      const fn = o.helperOf(n);
      const prm = fn?.parameters[i];
      if (!fn || !prm) continue;
      const sub: ResultPlace = { scope: fn, names: [], keyed: new Map() };
      bindingNames(prm.name, sub.names, sub.keyed);
      const hit = recordedUsage(sub, o, undefined, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

/** The parameters of a callback that receives usage (`onFinish({ usage })`, `handleLLMEnd(output)`), as a place. */
export function callbackPlace(fn: FunctionNode): ResultPlace {
  const place: ResultPlace = { scope: fn, names: [], keyed: new Map() };
  for (const p of fn.parameters) bindingNames(p.name, place.names, place.keyed);
  return place;
}

function descendants(root: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  const stack: ts.Node[] = [root];
  while (stack.length && out.length < 50_000) {
    const n = stack.pop()!;
    out.push(n);
    n.forEachChild((c) => void stack.push(c));
  }
  return out;
}

function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if ((ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isPropertyAssignment(p) && p.name === id)) return false;
  if ((ts.isVariableDeclaration(p) || ts.isBindingElement(p) || ts.isParameter(p)) && p.name === id) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  return true;
}

/** Where the value read at `read` ends up: recorded, kept in a local (a holder), or nowhere that counts. */
function climb(read: ts.Node, scope: ts.Node): Climb {
  let x: ts.Node = read;
  for (let hops = 0; hops < 30 && x.parent && x !== scope; hops++) {
    const p: ts.Node = x.parent;
    if (ts.isCallExpression(p) || ts.isNewExpression(p)) {
      if (p.expression === x) {
        x = p;
        continue;
      }
      if (PURE.test(p.expression.getText().replace(/\s+/g, ""))) {
        x = p;
        continue;
      }
      return { recorded: p };
    }
    // `result.usage.then((u) => meter.add(u.totalTokens))`: the callback's parameter holds it.
    if (ts.isPropertyAccessExpression(p) && p.expression === x && p.name.text === "then" && p.parent && ts.isCallExpression(p.parent)) {
      const cb = p.parent.arguments[0];
      if (cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && cb.parameters[0]) {
        const holders: string[] = [];
        bindingNames(cb.parameters[0].name, holders);
        return { holders };
      }
    }
    if (
      ts.isPropertyAccessExpression(p) ||
      ts.isElementAccessExpression(p) ||
      ts.isParenthesizedExpression(p) ||
      ts.isAwaitExpression(p) ||
      ts.isAsExpression(p) ||
      ts.isNonNullExpression(p) ||
      ts.isSatisfiesExpression(p) ||
      ts.isTemplateSpan(p) ||
      ts.isTemplateExpression(p) ||
      ts.isSpreadElement(p) ||
      ts.isSpreadAssignment(p) ||
      ts.isShorthandPropertyAssignment(p) ||
      ts.isObjectLiteralExpression(p) ||
      ts.isArrayLiteralExpression(p) ||
      ts.isTaggedTemplateExpression(p) ||
      (ts.isPropertyAssignment(p) && p.initializer === x) ||
      (ts.isConditionalExpression(p) && p.condition !== x)
    ) {
      x = p;
      continue;
    }
    if (ts.isBinaryExpression(p)) {
      const op = p.operatorToken.kind;
      if (isAssignment(op)) {
        if (p.left === x) return null;
        if (ts.isIdentifier(p.left)) {
          const b = resolveName(p.left.text, p.left);
          const decl = b && "decl" in b ? b.decl : b && "node" in b ? b.node : undefined;
          // A counter outside the function (`totalTokens += ...`) is state that outlives the call.
          return decl && contains(scope, decl) ? { holders: [p.left.text] } : { recorded: p };
        }
        return { recorded: p };
      }
      if (
        op === ts.SyntaxKind.PlusToken ||
        op === ts.SyntaxKind.MinusToken ||
        op === ts.SyntaxKind.AsteriskToken ||
        op === ts.SyntaxKind.SlashToken ||
        op === ts.SyntaxKind.QuestionQuestionToken ||
        op === ts.SyntaxKind.BarBarToken ||
        op === ts.SyntaxKind.AmpersandAmpersandToken ||
        op === ts.SyntaxKind.CommaToken
      ) {
        x = p;
        continue;
      }
      return null;
    }
    if (ts.isVariableDeclaration(p) && p.initializer === x) {
      const holders: string[] = [];
      bindingNames(p.name, holders);
      return { holders };
    }
    return null;
  }
  return null;
}

/**
 * Keys under which the function holding `place` returns token counts read from the result
 * (`return { text, inputTokens: msg.usage.input_tokens }`): a caller that records those keys meters the usage.
 */
export function returnedUsageKeys(place: ResultPlace, o: UsageReadOptions): string[] {
  const body = ts.isFunctionLike(place.scope) ? (place.scope as ts.FunctionLikeDeclaration).body : undefined;
  if (!body) return [];
  const names = propagate(place.scope, [...place.names, ...place.keyed.keys()], o.isSite);
  const out: string[] = [];
  const nodes = descendants(body);
  const holders = localTotals(nodes, names, o, place.scope);
  for (const n of nodes) {
    const read = ts.isPropertyAccessExpression(n) && o.keys.has(n.name.text) && usesAny(n.expression, names);
    const held = ts.isIdentifier(n) && holders.has(n.text) && isReference(n);
    if (!read && !held) continue;
    let key: string | undefined = held && n.parent && ts.isShorthandPropertyAssignment(n.parent) ? n.parent.name.text : undefined;
    for (let x: ts.Node = n; x.parent && x !== body; x = x.parent) {
      const p: ts.Node = x.parent;
      if (ts.isPropertyAssignment(p) && p.initializer === x && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) key ??= p.name.text;
      else if (ts.isShorthandPropertyAssignment(p)) continue;
      else if (ts.isReturnStatement(p)) {
        if (key) out.push(key);
        break;
      } else if (!(ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p) || ts.isParenthesizedExpression(p) || ts.isBinaryExpression(p) || ts.isObjectLiteralExpression(p) || ts.isAsExpression(p) || ts.isPropertyAssignment(p))) break;
    }
  }
  return out;
}

/**
 * Locals of the function that hold token counts read from the result (`tokens += res.usage.total_tokens`,
 * `const used = res.usage.total_tokens`): returned under their own name, they carry the usage out.
 */
function localTotals(nodes: ts.Node[], names: ReadonlySet<string>, o: UsageReadOptions, scope: ts.Node): Set<string> {
  const holders = new Set<string>();
  for (const n of nodes) {
    if (!(ts.isPropertyAccessExpression(n) && o.keys.has(n.name.text) && usesAny(n.expression, names))) continue;
    const c = climb(n, scope);
    if (c && "holders" in c) for (const h of c.holders) holders.add(h);
  }
  return holders;
}
