/**
 * Where the response of a call lives in the code around it, for a fix that reads it after the call:
 * the local it is declared in, the destructuring that takes it apart, or an expression that uses it in
 * place (`return (await create(...)).choices[0]...`), which gets a local of its own first. The local is
 * introduced only where the call runs first in its statement, so nothing runs in a different order.
 */
import ts from "typescript";
import type { EditTarget } from "../../../fixes/edit/objects";
import { functionOf, isAsync } from "../../../fixes/edit/functions";
import { freeLocal, shiftIndent, statementOf, usedNames } from "../../../fixes/edit/tryCatch";
import { indentAt, usesSemicolons } from "../../../fixes/edit/text";
import type { TextEdit } from "../../../fixes/types";

export type ResponseBinding =
  /** `const res = await call()`: the response is `name` from after `stmt` on. */
  | { kind: "declared"; name: string; stmt: ts.Statement }
  /** `const { text } = await call()`: the pattern to add a property to. */
  | { kind: "destructured"; pattern: ts.ObjectBindingPattern; stmt: ts.Statement }
  /**
   * The response is used in place: `declare` (a `const name = ...;` line, at column 0) goes before
   * `stmt`, and `replace` swaps the response expression in the statement for `name`.
   */
  | { kind: "introduced"; name: string; stmt: ts.Statement; declare: string; replace: TextEdit }
  /** `await call();` with the answer dropped: the statement becomes `declare`. */
  | { kind: "discarded"; name: string; stmt: ts.Statement; declare: string };

/**
 * The expression whose value is the call's response: the `await` of it when awaited, through
 * `.catch(...)`/`.finally(...)` and through helpers the call is handed to in a callback that returns it
 * (`await withRetry(() => create(...))`, `pRetry(...)`), which give back what the callback gives.
 */
export function responseExpression(call: ts.CallExpression): ts.Expression {
  let e: ts.Expression = call;
  for (let hops = 0; hops < 6; hops++) {
    const x = outermost(e);
    const p = x.parent;
    if (!p) break;
    if (ts.isAwaitExpression(p)) {
      e = p;
      continue;
    }
    if (ts.isPropertyAccessExpression(p) && p.expression === x && /^(catch|finally)$/.test(p.name.text) && ts.isCallExpression(p.parent) && p.parent.expression === p) {
      e = p.parent;
      continue;
    }
    const fn = ts.isArrowFunction(p) && p.body === x ? p : ts.isReturnStatement(p) && ts.isBlock(p.parent) && p.parent.statements.length === 1 ? p.parent.parent : undefined;
    if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parent && ts.isCallExpression(fn.parent) && fn.parent.arguments.includes(fn) && !COLLECTS.test(calleeName(fn.parent))) {
      e = fn.parent;
      continue;
    }
    break;
  }
  return e;
}

/** Hosts whose value is not the callback's answer: array methods collect many, `.then` maps it. */
const COLLECTS = /^(map|flatMap|forEach|filter|reduce|some|every|find|findIndex|sort|then|all|allSettled|race|any)$/;

function calleeName(c: ts.CallExpression): string {
  const e = c.expression;
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : "";
}

/** Parentheses, `!`, `as` and `satisfies` around an expression: they hand the same value on. */
function outermost(e: ts.Node): ts.Node {
  let x = e;
  while (x.parent && (ts.isParenthesizedExpression(x.parent) || ts.isNonNullExpression(x.parent) || ts.isAsExpression(x.parent) || ts.isSatisfiesExpression(x.parent))) x = x.parent;
  return x;
}

/**
 * The binding of the call's response, introducing a local named after `base` when it is used in place;
 * undefined when the response is not reachable from one statement (a callback argument, a `.then`).
 */
export function bindResponse(t: EditTarget, call: ts.CallExpression, base: string): ResponseBinding | undefined {
  const value = responseExpression(call);
  const awaited = ts.isAwaitExpression(value);
  const held = outermost(value);
  const p = held.parent;
  if (!p) return undefined;
  if (ts.isVariableDeclaration(p) && p.initializer === held) {
    const slot = statementOf(p);
    if (!slot || !ts.isVariableStatement(slot.stmt)) return undefined;
    if (!awaited && !returnsValueItself(call)) return undefined;
    if (ts.isIdentifier(p.name)) return { kind: "declared", name: p.name.text, stmt: slot.stmt };
    if (ts.isObjectBindingPattern(p.name)) return { kind: "destructured", pattern: p.name, stmt: slot.stmt };
    return undefined;
  }
  const slot = statementOf(held);
  if (!slot || !eager(held, slot.stmt)) return undefined;
  if (!awaited && !returnsValueItself(call) && ts.isExpressionStatement(p)) return undefined; // a promise nobody waits for
  const fn = functionOf(call);
  // A promise used in place in an async function is awaited into the new local; elsewhere it stays as it is.
  const needsAwait = !awaited && !returnsValueItself(call);
  if (needsAwait && !(fn && isAsync(fn) && ts.isReturnStatement(p))) return undefined;
  const name = freeLocal(usedNames(fn ?? t.sf), base);
  const sf = t.sf;
  const semi = usesSemicolons(sf) ? ";" : "";
  // `declare` is written at column 0 like all inserted code: the value's last line (`})`) goes there.
  const lines = shiftIndent(sf, value.getStart(sf), value.getEnd(), indentAt(sf.text, value.getEnd()), "");
  const text = `${needsAwait ? "await " : ""}${lines}`;
  if (ts.isExpressionStatement(p)) return { kind: "discarded", name, stmt: slot.stmt, declare: `const ${name} = ${text}${semi}` };
  return {
    kind: "introduced",
    name,
    stmt: slot.stmt,
    declare: `const ${name} = ${text}${semi}`,
    replace: { file: t.file, start: held.getStart(sf), end: held.getEnd(), newText: name },
  };
}

/** Calls whose value is the answer itself (AI SDK `streamText`), not a promise of it. */
function returnsValueItself(call: ts.CallExpression): boolean {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
  return /^stream(Text|Object)$/.test(name);
}

/**
 * Whether `e` is evaluated first in `stmt`, unconditionally: moving it into a local declared just
 * before the statement changes neither the order of effects nor whether it runs.
 */
function eager(e: ts.Node, stmt: ts.Statement): boolean {
  for (let x: ts.Node = e; x !== stmt; x = x.parent) {
    const p = x.parent;
    if (!p) return false;
    if (p === stmt) {
      if (ts.isReturnStatement(p) || ts.isExpressionStatement(p) || ts.isThrowStatement(p) || ts.isVariableStatement(p)) return true;
      if (ts.isIfStatement(p) || ts.isSwitchStatement(p)) return p.expression === x;
      if (ts.isForOfStatement(p)) return p.expression === x;
      return false;
    }
    if (ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isAwaitExpression(p)) continue;
    if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === x) continue;
    if (ts.isCallExpression(p)) {
      if (p.expression === x) continue;
      const i = p.arguments.indexOf(x as ts.Expression);
      if (i >= 0 && pure(p.expression) && p.arguments.slice(0, i).every(pure)) continue;
      return false;
    }
    if (ts.isBinaryExpression(p) && p.left === x && !isAssignment(p.operatorToken.kind)) continue;
    if (ts.isConditionalExpression(p) && p.condition === x) continue;
    if (ts.isTemplateSpan(p) && ts.isTemplateExpression(p.parent) && p.parent.templateSpans[0] === p) continue;
    if (ts.isTemplateExpression(p)) continue;
    if (ts.isVariableDeclaration(p) && p.initializer === x) continue;
    if (ts.isVariableDeclarationList(p) && p.declarations[0] === x) continue;
    return false;
  }
  return true;
}

/** Evaluating it has no effect: a name, a literal, a member read of those. */
function pure(e: ts.Expression): boolean {
  if (ts.isIdentifier(e) || ts.isLiteralExpression(e) || e.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (ts.isPropertyAccessExpression(e)) return pure(e.expression);
  return false;
}

function isAssignment(k: ts.SyntaxKind): boolean {
  return k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment;
}
