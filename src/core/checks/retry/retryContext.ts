/**
 * Retries around a call (rules/docs/retry.md): a retry library, a workspace helper that retries
 * the callback it is given, a hand-written retry loop, or recursion on failure, found by walking
 * up from the call (support/callContext.ts).
 */
import ts from "typescript";
import type { HelperLibrary } from "../../catalog/schema";
import { taintedNames, usesAny, type SiteFinder } from "../../callSites/detect";
import { enclosingFunction } from "../../callSites/scope";
import type { FunctionNode } from "../../callSites/values";
import { walkContext, type ContextStep, type Found } from "../../flow/callContext";
import { HelperLibraries } from "../../flow/helperLibraries";
import { unwrap } from "../../flow/optionPaths";
import { functionName } from "../../flow/resolveClient";
import { findNode, type Timers } from "../timeout/timers";

export class RetryContext {
  private readonly libs: HelperLibraries;
  private readonly helperMemo = new Map<ts.Node, Found | null>();

  constructor(
    private readonly finder: SiteFinder,
    libraries: readonly HelperLibrary[],
    private readonly timers: Timers,
    private readonly named: readonly string[],
  ) {
    this.libs = new HelperLibraries(finder, libraries);
  }

  /** A retry around `call` in its function, the callbacks it is in, or the private functions that run it. */
  around(call: ts.Node, stop?: ts.Node): Found | undefined {
    return walkContext(call, (s) => this.visit(s), stop);
  }

  /** The library a model argument goes through (`model: createRetryable({...})`), looked up in the call's object arguments. */
  modelWrapper(call: ts.CallExpression): Found | undefined {
    for (const a of call.arguments) {
      const obj = this.finder.objectLiteral(a);
      const m = obj && this.finder.propertyExpr(obj, "model");
      const lib = m && this.libs.modelOf(m);
      if (lib) return { at: m, what: lib.name };
    }
    return undefined;
  }

  /**
   * For a recursive retry (`if (retries > 0) return this.ask({ ...opts, retries: retries - 1 })`) whose
   * count is a parameter (or a destructured option) that defaults to 0: whether `caller`, a call of
   * that function, passes a count. Any other retry, and arguments that cannot be read, count as passed.
   */
  countPassed(again: ts.Node, caller: ts.CallExpression, finder: SiteFinder): boolean {
    const gate = countGate(again);
    if (!gate) return true;
    if (gate.index !== undefined) {
      const a = caller.arguments[gate.index];
      return !!a && !isZero(a);
    }
    for (const a of caller.arguments) {
      const obj = finder.objectLiteral(a);
      if (!obj) return true;
      if (obj.properties.some((p) => ts.isSpreadAssignment(p))) return true;
      const v = finder.propertyExpr(obj, gate.key!);
      if (v) return !isZero(v);
    }
    return false;
  }

  private visit(s: ContextStep): Found | undefined {
    const { node, child, origin } = s;
    if (isLoop(node) && child === node.statement && this.isRetryLoop(node, origin)) return { at: node, what: "a retry loop" };
    if (ts.isTryStatement(node) && child === node.tryBlock && node.catchClause) {
      const again = recursiveCall(node.catchClause.block, node);
      if (again) return { at: again, what: "recursion on failure" };
    }
    // `ask(p).catch(() => ask(p, attempt + 1))`.
    if (ts.isPropertyAccessExpression(node) && child === node.expression && node.name.text === "catch" && node.parent && ts.isCallExpression(node.parent)) {
      for (const h of node.parent.arguments) {
        const again = recursiveCall(h, node);
        if (again) return { at: again, what: "recursion on failure" };
      }
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.some((a) => a === child)) {
      const lib = this.libs.callOf(node);
      if (lib) return { at: node, what: lib.name };
      const name = calleeName(node.expression);
      if (name && this.named.includes(name)) return { at: node, what: `${name} (configured retry wrapper)` };
      const fn = this.timers.functionOf(node.expression);
      if (fn && ts.isCallExpression(node)) {
        const index = node.arguments.indexOf(child as ts.Expression);
        const hit = this.retriesParameter(fn, index);
        if (hit) return { at: node, what: `${name ?? "a helper"} (retries what it is given)` };
      }
    }
    return undefined;
  }

  /** Whether a workspace function retries the callback (or promise factory) it receives at `index`. */
  retriesParameter(fn: FunctionNode, index: number): Found | undefined {
    const key = fn.parameters[index];
    if (!key || !fn.body) return undefined;
    const cached = this.helperMemo.get(key);
    if (cached !== undefined) return cached ?? undefined;
    this.helperMemo.set(key, null);
    let hit: Found | undefined;
    const names = bindingNames(key.name);
    const uses: ts.Identifier[] = [];
    findNode(fn.body, (n) => {
      if (ts.isIdentifier(n) && names.has(n.text) && !(n.parent && ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) uses.push(n);
      return false;
    });
    for (const u of uses) {
      // `fn()` is judged at the call; a reference passed on (`pRetry(fn)`) at the reference.
      const at = u.parent && ts.isCallExpression(u.parent) && u.parent.expression === u ? u.parent : u;
      hit = this.around(at, fn);
      if (hit) break;
    }
    this.helperMemo.set(key, hit ?? null);
    return hit;
  }

  /**
   * A loop that runs the call again after a failure: not a loop over data the call consumes
   * (failover across models or servers is a fallback), with a sign of retrying (an attempt counter
   * or a backoff sleep) and a path that goes round again (a catch that does not leave, or `continue`).
   */
  isRetryLoop(loop: ts.IterationStatement, origin: ts.Node): boolean {
    const fn = enclosingFunction(loop);
    // What each round takes from the data: the loop variables, and items taken off a queue in the body.
    const dataVars: string[] = [];
    if ((ts.isForStatement(loop) || ts.isForOfStatement(loop) || ts.isForInStatement(loop)) && loop.initializer && ts.isVariableDeclarationList(loop.initializer)) {
      for (const d of loop.initializer.declarations) collect(d.name, dataVars);
    }
    findNode(loop.statement, (n) => {
      if (ts.isVariableDeclaration(n) && n.initializer && findNode(n.initializer, (c) => ts.isCallExpression(c) && ts.isPropertyAccessExpression(c.expression) && /^(shift|pop|splice|next|dequeue|take)$/.test(c.expression.name.text))) collect(n.name, dataVars);
      return false;
    });
    if (dataVars.length && fn) {
      const consumed = taintedNames(fn, dataVars);
      const target = origin.parent && ts.isCallExpression(origin.parent) && origin.parent.expression === origin ? origin.parent : origin;
      if (usesAny(target, consumed)) return false;
    }
    if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) {
      // Iterating a collection: a retry when it is a plain range of attempts, or when no item reaches the
      // request (`for (const t of temperatures)` sending the same request each round).
      const items: string[] = [];
      if (ts.isVariableDeclarationList(loop.initializer)) for (const d of loop.initializer.declarations) collect(d.name, items);
      if (!RETRY_WORDS.test(loop.expression.getText()) && !(items.length && fn)) return false;
    }
    const header = loop.getText().slice(0, loop.statement.getStart() - loop.getStart());
    const signal = RETRY_WORDS.test(header) || RETRY_WORDS.test(loop.statement.getText()) || this.sleeps(loop.statement);
    if (!signal) return false;
    return goesRoundAgain(loop, origin);
  }

  private sleeps(body: ts.Node): boolean {
    return !!findNode(body, (n) => ts.isAwaitExpression(n) && !!this.timers.timerPromise(n.expression));
  }
}

/** Words that name attempts in retry code (not `retrieve`, not `entries`). */
const RETRY_WORDS = /[Aa]ttempt|[Rr]etr(y|ies|ied|ying)|RETR(Y|IES)|ATTEMPT|Tries|Tried|(^|[^a-zA-Z])(tries|tried)|[Bb]ack[Oo]ff/;

function isLoop(n: ts.Node): n is ts.IterationStatement {
  return ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n);
}

/** A failure inside the loop comes back round: the call's try has a catch that does not always leave, or the loop `continue`s. */
function goesRoundAgain(loop: ts.IterationStatement, origin: ts.Node): boolean {
  for (let n: ts.Node | undefined = origin.parent; n && n !== loop; n = n.parent) {
    if (ts.isTryStatement(n) && n.catchClause && origin.pos >= n.tryBlock.pos && origin.end <= n.tryBlock.end) {
      if (!alwaysLeaves(n.catchClause.block)) return true;
    }
  }
  return !!findNode(loop.statement, (n) => ts.isContinueStatement(n) && !n.label && innermostLoop(n) === loop);
}

/** A block whose own statements end in throw/return/break unconditionally. */
function alwaysLeaves(block: ts.Block): boolean {
  return block.statements.some((s) => ts.isThrowStatement(s) || ts.isReturnStatement(s) || ts.isBreakStatement(s));
}

function innermostLoop(n: ts.Node): ts.Node | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (isLoop(p)) return p;
    if (ts.isFunctionLike(p)) return undefined;
  }
  return undefined;
}

/** A call, inside `handler`, of the function that encloses `at` (by its name, or `this.name`). */
function recursiveCall(handler: ts.Node, at: ts.Node): ts.Node | undefined {
  const fn = enclosingFunction(at);
  const name = fn && functionName(fn);
  if (!name) return undefined;
  const isMember = ts.isMethodDeclaration(fn) || (!!fn.parent && (ts.isPropertyDeclaration(fn.parent) || ts.isPropertyAssignment(fn.parent)));
  return findNode(handler, (n) => {
    if (!ts.isCallExpression(n)) return false;
    const c = unwrap(n.expression);
    // A method is called through `this`; a bare call of its name is another function (an imported `generateObject`).
    if (ts.isIdentifier(c)) return c.text === name && !isMember;
    return ts.isPropertyAccessExpression(c) && c.expression.kind === ts.SyntaxKind.ThisKeyword && c.name.text === name;
  });
}

function calleeName(e: ts.Expression): string | undefined {
  const x = unwrap(e);
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x)) return x.name.text;
  return undefined;
}

function bindingNames(n: ts.BindingName): Set<string> {
  const out: string[] = [];
  collect(n, out);
  return new Set(out);
}

function collect(n: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(n)) out.push(n.text);
  else for (const el of n.elements) if (ts.isBindingElement(el)) collect(el.name, out);
}

/**
 * The count that gates a recursive retry: a condition (`if (n > 0)`, `n ? ... : ...`) around the
 * recursive call on a name bound to a parameter, or to a destructured option of one, whose default is 0.
 */
function countGate(again: ts.Node): { index?: number; key?: string } | undefined {
  const fn = enclosingFunction(again);
  if (!fn) return undefined;
  for (let n: ts.Node = again; n.parent && n !== fn; n = n.parent) {
    const p = n.parent;
    let cond: ts.Expression | undefined;
    if (ts.isIfStatement(p) && n === p.thenStatement) cond = p.expression;
    else if (ts.isConditionalExpression(p) && n === p.whenTrue) cond = p.condition;
    if (!cond) continue;
    const name = gateName(cond);
    if (!name) continue;
    const bound = zeroDefault(fn, name);
    if (bound) return bound;
  }
  return undefined;
}

/** `n > 0`, `n >= 1`, `n !== 0`, `n`: the name counted down. */
function gateName(cond: ts.Expression): string | undefined {
  const c = unwrap(cond);
  if (ts.isIdentifier(c)) return c.text;
  if (ts.isBinaryExpression(c) && ts.isIdentifier(unwrap(c.left))) {
    const op = c.operatorToken.kind;
    if (op === ts.SyntaxKind.GreaterThanToken || op === ts.SyntaxKind.GreaterThanEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) return (unwrap(c.left) as ts.Identifier).text;
  }
  return undefined;
}

function isZero(e: ts.Expression): boolean {
  const x = unwrap(e);
  return ts.isNumericLiteral(x) && Number(x.text) === 0;
}

/** Where `name` is bound with a default of 0: a parameter (by index) or a destructured option (by key). */
function zeroDefault(fn: FunctionNode, name: string): { index?: number; key?: string } | undefined {
  for (const [i, p] of fn.parameters.entries()) {
    if (ts.isIdentifier(p.name)) {
      if (p.name.text === name) return p.initializer && isZero(p.initializer) ? { index: i } : undefined;
      continue;
    }
    const el = bindingElement(p.name, name);
    if (el) return el.initializer && isZero(el.initializer) ? { key: keyOf(el) } : undefined;
  }
  // `const { retries = 0 } = options;` in the body, from a parameter.
  let found: { key?: string } | undefined;
  const params = new Set(fn.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : [])));
  const visit = (n: ts.Node) => {
    if (found) return;
    if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer && ts.isIdentifier(unwrap(n.initializer)) && params.has((unwrap(n.initializer) as ts.Identifier).text)) {
      const el = bindingElement(n.name, name);
      if (el?.initializer && isZero(el.initializer)) found = { key: keyOf(el) };
    }
    if (!ts.isFunctionLike(n)) n.forEachChild(visit);
  };
  if (fn.body) fn.body.forEachChild(visit);
  return found;
}

function bindingElement(b: ts.BindingName, name: string): ts.BindingElement | undefined {
  if (!ts.isObjectBindingPattern(b)) return undefined;
  return b.elements.find((el) => ts.isIdentifier(el.name) && el.name.text === name);
}

function keyOf(el: ts.BindingElement): string {
  return el.propertyName && (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName)) ? el.propertyName.text : (el.name as ts.Identifier).text;
}
