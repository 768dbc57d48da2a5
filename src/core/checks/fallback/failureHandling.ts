/**
 * What happens when a call fails (rules/docs/fallback.md): the catches around it (try/catch,
 * `.catch`, `.then(_, onRejected)`, `Promise.allSettled`, fallback helpers) and what each does:
 * a degraded path (a default, a cached value, another model, skipping the item) or only
 * logging, rethrowing or answering with an error.
 */
import ts from "typescript";
import type { SiteFinder } from "../../callSites/detect";
import { resolveName } from "../../callSites/scope";
import type { FunctionNode } from "../../callSites/values";
import { callsIn } from "../../callSites/detect";
import { optionsHost, walkContext, type ContextStep } from "../../flow/callContext";
import type { HelperLibraries } from "../../flow/helperLibraries";
import type { FallbackLibraries } from "../../flow/libraryData";
import { unwrap } from "../../flow/optionPaths";
import { awaitsResult } from "../../flow/streamStart";
import { callbackHost, carriesResult, collectNames, containerOf, contains, followResult } from "../../flow/outputFlow";
import { calleeName } from "../validation/structuredOutput";

export interface Handling {
  value: "present" | "log-only";
  /** The catch clause, `.catch(...)` call or helper that handles the failure. */
  at: ts.Node;
  note: string;
}

/** Method names of loggers and error trackers: a catch that only calls these only logs. */
const LOG_METHODS = /^(log|error|warn|warning|info|debug|trace|fatal|verbose|notice|critical|exception|captureException|captureMessage|recordException|setStatus|addEvent|end|dir|table|group|groupEnd|time|timeEnd)$/;
const LOG_FUNCTIONS = /^(log|debug|warn|error|logError|logWarn|logWarning|logger|reportError|captureException|trackError|track|notify\w*)$/i;
/** Receivers whose `.error(...)` signals the failure downstream instead of logging it. */
const STREAMISH = /^(controller|emitter|stream|subscriber|observer|writer|readable|res|reply|socket|ws)$/;
/** Calls that send the user something: with a non-error value, a degraded answer. */
const RESPOND = /^(json|send|write|reply|say|respond|postMessage|editReply|followUp|enqueue|render|update|sendMessage|push)$/;
/** Callees that hand the error on (Express `next(err)`, a promise's `reject`, Node callbacks). */
const ERROR_SINKS = /^(next|reject|done|cb|callback|onError|fail|setError\w*|setErr\w*|handleError|throwError)$/;
const ERROR_TEXT = /\b(error|errors|failed|failure|exception|went wrong)\b/i;
/** Error callbacks of a request's options (`onError`, `fetchEventSource`'s `onerror`). */
const ERROR_CALLBACK = /^on_?error$/i;
const ERROR_KEYS = /^(error|err|errors|errorMessage|error_message|exception)$/;

type Signal = { kind: "present" | "error"; at: ts.Node; why: string };

export class FailureHandling {
  private readonly helperMemo = new Map<ts.Node, Handling | null>();
  private readonly errorHelperMemo = new Map<ts.Node, Handling | undefined>();

  constructor(
    private readonly finder: SiteFinder,
    private readonly libs: HelperLibraries,
    private readonly data: FallbackLibraries,
    private readonly named: readonly string[],
  ) {}

  /**
   * The best handling of a failure of `call` around it in its function, the callbacks it is in and
   * the private functions that run it: `present` wins over `log-only`; undefined when nothing catches it.
   */
  around(call: ts.Node, streamStart = false): Handling | undefined {
    let logOnly: Handling | undefined;
    const found = walkContext<Handling | "stop" | "fallback-attempt">(call, (s) => {
      // A closure that a catch calls again as its degraded attempt (`.catch(() => generate(textOnly))`):
      // that use is the fallback itself; the call is judged by the primary use's handling.
      if (s.origin !== call && (ts.isCatchClause(s.node) || isCatchHandler(s.node))) return "fallback-attempt";
      // A stream-starting call returns before the request fails: a try sees the failure only when it also awaits the stream.
      if (streamStart && s.origin === call && ts.isTryStatement(s.node) && s.child === s.node.tryBlock && !awaitsResult(s.node.tryBlock, call)) return undefined;
      // A module-level function is "the enclosing function": its callers' catches (`main().catch(...)`) are not
      // followed. Reached from a nested closure's reference, that path found nothing (every path must).
      if (ts.isFunctionLike(s.node) && !callbackHost(s.node) && !isNested(s.node) && !optionsHost(s.node as ts.FunctionLikeDeclaration)) return s.origin === call ? "stop" : undefined;
      const h = this.visit(s);
      if (!h) return undefined;
      if (h.value === "present") return h;
      logOnly ??= h;
      return undefined;
    });
    return (found === "stop" || found === "fallback-attempt" ? undefined : found) ?? logOnly;
  }

  /**
   * Handling inside a generic HTTP helper the site calls (`fetchSSE(url, opts)`): the catches around
   * the helper's own requests (up to the helper's boundary), the error callbacks handed to them
   * (`fetchEventSource(url, { onerror })`), and the same inside the helpers it runs. Catches around
   * other work of the helper (parsing a chunk, running a tool) never see the request fail.
   */
  insideHelper(fn: FunctionNode, depth = 0, seen = new Set<FunctionNode>()): Handling | undefined {
    if (!fn.body || seen.has(fn) || depth > 3) return undefined;
    seen.add(fn);
    let best: Handling | undefined;
    const take = (h: Handling | undefined) => {
      if (h && (!best || (h.value === "present" && best.value !== "present"))) best = h;
    };
    for (const { call, helper } of this.finder.helperRequests(fn)) {
      take(walkContext<Handling>(call, (s) => this.visit(s), fn));
      for (const a of call.arguments) {
        const obj = this.finder.objectLiteral(a);
        const cb = obj?.properties.find((p) => p.name && ts.isIdentifier(p.name) && ERROR_CALLBACK.test(p.name.text) && (ts.isMethodDeclaration(p) || ts.isPropertyAssignment(p)));
        if (cb) take(this.errorChannel(ts.isMethodDeclaration(cb) ? cb : (cb as ts.PropertyAssignment).initializer, cb));
      }
      if (helper) take(this.insideHelper(helper, depth + 1, seen));
    }
    return best;
  }

  private visit(s: ContextStep): Handling | undefined {
    const { node, child } = s;
    if (ts.isTryStatement(node) && child === node.tryBlock && node.catchClause && !returnedUnawaited(s.origin, node)) {
      const names: string[] = [];
      if (node.catchClause.variableDeclaration) collectNames(node.catchClause.variableDeclaration.name, names);
      return this.classify(node.catchClause.block, names, node, node.catchClause);
    }
    if (ts.isPropertyAccessExpression(node) && child === node.expression && node.parent && ts.isCallExpression(node.parent) && node.parent.expression === node) {
      const handler = node.name.text === "catch" ? node.parent.arguments[0] : node.name.text === "then" ? node.parent.arguments[1] : undefined;
      if (handler) return this.handler(handler, node.parent);
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.some((a) => a === child)) {
      const text = node.expression.getText().replace(/\s+/g, "");
      if (text === "Promise.allSettled") return { value: "present", at: node, note: "`Promise.allSettled` goes on without the failed result" };
      const lib = this.libs.callOf(node);
      if (lib && (lib.use === "policy" || this.breakerFallback(node))) return { value: "present", at: node, note: `${lib.name} answers with its fallback` };
      const name = calleeName(node);
      if (this.named.includes(name)) return { value: "present", at: node, note: `${name} (a fallback helper named in the settings)` };
      // A workspace helper that runs the callback it is given under its own catch (`orDefault(() => call(), null)`).
      const v = ts.isCallExpression(node) ? this.finder.ev.eval(node.expression) : null;
      if (v?.t === "fn" && v.node.body) {
        // Only a degraded path makes a helper a fallback; one that rethrows (a retry helper giving up) is judged by what surrounds it.
        const h = this.helperHandling(v.node, node.arguments!.indexOf(child as ts.Expression));
        if (h?.value === "present") return { ...h, at: node, note: `${name} answers with a fallback: ${h.note}` };
      }
    }
    return undefined;
  }

  /** What a helper does when the callback it receives at `index` fails (judged where it calls or passes it on). */
  private helperHandling(fn: FunctionNode, index: number): Handling | undefined {
    const param = fn.parameters[index];
    if (!param || !fn.body) return undefined;
    if (this.helperMemo.has(param)) return this.helperMemo.get(param) ?? undefined;
    this.helperMemo.set(param, null);
    const names: string[] = [];
    collectNames(param.name, names);
    let best: Handling | undefined;
    const visit = (n: ts.Node) => {
      if (best?.value === "present") return;
      if (ts.isIdentifier(n) && names.includes(n.text) && n !== param.name && !(n.parent && ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
        const at = n.parent && ts.isCallExpression(n.parent) && n.parent.expression === n ? n.parent : n;
        const h = walkContext<Handling>(at, (s) => this.visit(s), fn);
        if (h && (!best || h.value === "present")) best = h;
      }
      n.forEachChild(visit);
    };
    visit(fn.body);
    this.helperMemo.set(param, best ?? null);
    return best;
  }

  /** A stream's error callback (`streamText({ onError })`): a degraded path in it is `present`, anything else only reports. */
  errorChannel(fn: ts.Expression | ts.MethodDeclaration, at: ts.Node): Handling {
    let v: FunctionNode | undefined;
    if (ts.isMethodDeclaration(fn)) v = fn;
    else {
      const x = unwrap(fn);
      const e = this.finder.ev.eval(x);
      v = ts.isArrowFunction(x) || ts.isFunctionExpression(x) ? x : e?.t === "fn" ? e.node : undefined;
    }
    if (v?.body) {
      const present = this.signals(v.body, new Set(paramNames(v)), at).find((s) => s.kind === "present");
      if (present) return { value: "present", at, note: `the stream's error callback: ${present.why.replace(/^the catch /, "")}` };
    }
    return { value: "log-only", at, note: "the stream's error callback only reports the failure" };
  }

  /** `.catch(handler)`: a function is classified by its body; a bare logger or `next` only reports. */
  private handler(h: ts.Expression, at: ts.CallExpression): Handling {
    const x = unwrap(h);
    if (ts.isArrowFunction(x) || ts.isFunctionExpression(x)) return this.classify(x.body, paramNames(x), at, at);
    const v = this.finder.ev.eval(x);
    if (v?.t === "fn" && v.node.body) return this.classify(v.node.body, paramNames(v.node), at, at);
    return { value: "log-only", at, note: `the rejection goes to \`${x.getText()}\`` };
  }

  /**
   * What a catch does. A degraded path anywhere in it (a non-error return or yield, a default
   * assigned, another model called, `continue`) makes it `present`; otherwise a rethrow or an
   * error answer makes it `log-only`; a catch that only logs is `present` when the code goes on
   * without the result (the next item of a loop, statements after it), else `log-only`.
   */
  private classify(body: ts.Node, errNames: string[], anchor: ts.Node, at: ts.Node): Handling {
    let signals = this.signals(body, new Set(errNames), anchor);
    // A retry loop's catch that goes round again or gives up with the error: state it fills in on the
    // way (placeholders, partial results) is lost with the throw; only a return answers.
    const retryGivesUp = inRetryLoop(anchor) && givesUp(body, true);
    if (retryGivesUp) signals = signals.filter((s) => s.kind !== "present" || !/assigns|degraded result/.test(s.why));
    const present = signals.find((s) => s.kind === "present");
    // Only one non-provider failure (a malformed answer, a rejected input) is handled, every other error goes on.
    if (present && (endsInError(body) || retryGivesUp) && signals.every((s) => s.kind !== "present" || nonProviderBranch(s.at, body))) {
      return { value: "log-only", at, note: "the catch handles only a non-provider error and rethrows the rest" };
    }
    if (present) return { value: "present", at, note: present.why };
    const error = signals.find((s) => s.kind === "error");
    // A loop over models, roles or servers whose catch gives up only on some errors (`if (fatal) throw`)
    // and otherwise falls through to the next one: the next model's answer is the fallback.
    if (error && inItemLoop(anchor) && !givesUp(body, false) && signals.every((s) => s.kind !== "error" || conditional(s.at, body))) {
      return { value: "present", at, note: "the catch moves on to the next model, role or server in the loop" };
    }
    if (error) return { value: "log-only", at, note: error.why };
    // A catch that swallows the error lets the program go on without the result, unless it is a
    // retry loop's catch and the loop ends in a throw.
    if (this.continues(anchor)) return { value: "present", at, note: "the catch logs and the code goes on without the result" };
    return { value: "log-only", at, note: "the failure is only logged before the retries give up" };
  }

  private signals(body: ts.Node, errs: ReadonlySet<string>, anchor: ts.Node): Signal[] {
    const out: Signal[] = [];
    const self = containerOf(anchor);
    if (!ts.isBlock(body)) {
      // A concise arrow handler: its value is what the promise resolves to.
      const e = unwrap(body as ts.Expression);
      if (ts.isCallExpression(e) && this.isLogging(e)) return out;
      out.push(this.valueSignal(e, errs, self));
      return out;
    }
    const stack: ts.Node[] = [body];
    // Values computed into locals (`lastError = new Error(String(err))`, `const limited = isRateLimit(err)`) are not answers.
    const kept = new Set<ts.Node>();
    while (stack.length) {
      const n = stack.pop()!;
      if (n !== body && ts.isFunctionLike(n)) continue;
      if (kept.has(n) && ts.isCallExpression(n)) {
        const site = this.finder.siteAt(n);
        if (site && !(site.wrapper && site.wrapper === self)) out.push({ kind: "present", at: n, why: "the catch asks another model" });
        else n.forEachChild((c) => void (kept.add(c), stack.push(c)));
        continue;
      }
      if (kept.has(n)) {
        n.forEachChild((c) => void (kept.add(c), stack.push(c)));
        continue;
      }
      if (ts.isVariableDeclaration(n) && n.initializer) {
        kept.add(n.initializer);
        stack.push(n.initializer);
        continue;
      }
      if (ts.isReturnStatement(n)) {
        // `return ask({ ...opts, retries: retries - 1 })`: calling the function the catch is in again is a retry.
        if (n.expression && !this.callsItself(n.expression, self)) out.push(this.valueSignal(n.expression, errs, self));
        continue;
      }
      if (ts.isThrowStatement(n)) {
        out.push({ kind: "error", at: n, why: "the catch rethrows" });
        continue;
      }
      if (ts.isContinueStatement(n)) {
        // Going round a retry loop again is retry, not fallback (CHECKS.md "Retry is not fallback").
        if (!retriesSameRequest(n, anchor)) out.push({ kind: "present", at: n, why: "the catch skips to the next item" });
        continue;
      }
      if (ts.isYieldExpression(n) && n.expression) {
        out.push(this.valueSignal(n.expression, errs, self, "yields"));
        continue;
      }
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const lhs = n.left.getText();
        if (/exitCode/.test(lhs)) out.push({ kind: "error", at: n, why: "the catch sets a failing exit code" });
        // A variable declared in the catch itself dies with it: computing a message to throw is not a default.
        else if (!/err|fail|status/i.test(lhs) && !usesNames(n.right, errs) && !(ts.isIdentifier(n.left) && declaresLocal(body, n.left.text))) out.push({ kind: "present", at: n, why: "the catch assigns a default" });
        else if (/err/i.test(lhs)) {
          // Keeping the error for later (`lastError = err`) answers nothing here.
          kept.add(n.right);
          stack.push(n.right);
          continue;
        }
      } else if (ts.isCallExpression(n)) {
        // A call is judged as a whole: what a logger is given (`String(err)`) is not an answer.
        const s = this.callSignal(n, errs, self);
        if (s) out.push(s);
        continue;
      }
      n.forEachChild((c) => void stack.push(c));
    }
    return out;
  }

  /** A returned or yielded value: an error (the error itself, an HTTP error, `{ error }`) or a degraded answer. */
  private valueSignal(e: ts.Expression, errs: ReadonlySet<string>, self: ts.Node, verb = "returns"): Signal {
    const x = unwrap(e);
    if (this.isErrorValue(x, errs)) return { kind: "error", at: x, why: `the catch ${verb} an error` };
    const handed = this.errorHelperResult(x, errs);
    if (handed) return handed;
    if (ts.isCallExpression(x)) {
      const s = this.callSignal(x, errs, self);
      if (s) return s;
    }
    return { kind: "present", at: x, why: `the catch ${verb} a default value` };
  }

  /**
   * `return handleError(err)` or `const r = await recover(err); return r`: the answer is what a
   * workspace helper given the error makes of it. A helper that rethrows, or handles only a
   * non-provider error (a malformed answer) and rethrows the rest, gives an error, not a fallback.
   */
  private errorHelperResult(x: ts.Expression, errs: ReadonlySet<string>, depth = 0): Signal | undefined {
    if (!errs.size || depth > 2) return undefined;
    let e = unwrap(x);
    if (ts.isIdentifier(e) && !errs.has(e.text)) {
      const init = localInitializer(e, e.text);
      if (init) e = unwrap(init);
    }
    if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
    if (!ts.isCallExpression(e) || this.finder.siteAt(e)) return undefined;
    const index = e.arguments.findIndex((a) => ts.isIdentifier(unwrap(a)) && errs.has((unwrap(a) as ts.Identifier).text));
    if (index < 0) return undefined;
    const v = this.finder.ev.eval(e.expression);
    if (v?.t !== "fn" || !v.node.body || !ts.isBlock(v.node.body)) return undefined;
    const param = v.node.parameters[index];
    if (!param || !ts.isIdentifier(param.name)) return undefined;
    if (!this.errorHelperMemo.has(v.node)) {
      this.errorHelperMemo.set(v.node, undefined);
      const h = this.classify(v.node.body, [param.name.text], v.node.body, v.node.body);
      this.errorHelperMemo.set(v.node, h.value === "log-only" && endsInError(v.node.body) ? h : undefined);
    }
    const h = this.errorHelperMemo.get(v.node);
    return h && { kind: "error", at: e, why: `the catch hands the error to \`${calleeName(e)}\`, which ${h.note.replace(/^the catch /, "")}` };
  }

  private callsItself(e: ts.Expression, self: ts.Node): boolean {
    const x = unwrap(e);
    if (!ts.isCallExpression(x) || !ts.isFunctionLike(self)) return false;
    const v = this.finder.ev.eval(x.expression);
    return v?.t === "fn" && v.node === self;
  }

  private callSignal(c: ts.CallExpression, errs: ReadonlySet<string>, self: ts.Node): Signal | undefined {
    if (this.isLogging(c)) return undefined;
    const site = this.finder.siteAt(c);
    // Calling the function the catch is in again is a retry, not a fallback.
    if (site && !(site.wrapper && site.wrapper === self)) return { kind: "present", at: c, why: "the catch asks another model" };
    if (this.isErrorReport(c, errs)) return { kind: "error", at: c, why: "the catch answers with an error" };
    const name = calleeName(c);
    if (RESPOND.test(name) && c.arguments.length) return { kind: "present", at: c, why: "the catch answers with a degraded result" };
    return undefined;
  }

  private isLogging(c: ts.CallExpression): boolean {
    const callee = unwrap(c.expression);
    if (ts.isIdentifier(callee)) return LOG_FUNCTIONS.test(callee.text);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const root = rootIdentifier(callee.expression);
    if (/^(console|logger|log|Sentry|span|tracer|metrics|logging)$/i.test(root ?? "")) return true;
    return LOG_METHODS.test(callee.name.text) && !STREAMISH.test(root ?? "") && /log|console|sentry|span|trace|telemetry|metric|debug|audit|error/i.test(callee.expression.getText());
  }

  private isErrorReport(c: ts.CallExpression, errs: ReadonlySet<string>): boolean {
    const name = calleeName(c);
    if (ERROR_SINKS.test(name) && c.arguments.length) return true;
    if (name === "exit" && /process/.test(c.expression.getText())) return !c.arguments[0] || c.arguments[0].getText() !== "0";
    if (name === "error" || (name === "emit" && c.arguments[0] && ts.isStringLiteralLike(c.arguments[0]) && c.arguments[0].text === "error")) return true;
    if (statusOf(c) >= 400) return true;
    return c.arguments.some((a) => this.isErrorValue(unwrap(a), errs) || usesNames(a, errs));
  }

  /** The error itself, `new XError()`, `Promise.reject`, an HTTP response with status >= 400, `{ error }`, `{ success: false }`, an error message. */
  private isErrorValue(x: ts.Expression, errs: ReadonlySet<string>): boolean {
    if (ts.isIdentifier(x)) return errs.has(x.text);
    if (ts.isNewExpression(x)) return /Error$/.test(x.expression.getText()) || statusOf(x) >= 400;
    if (ts.isCallExpression(x)) {
      const t = x.expression.getText().replace(/\s+/g, "");
      if (/^Promise\.reject$/.test(t)) return true;
      if (statusOf(x) >= 400) return true;
      if (ERROR_SINKS.test(calleeName(x)) && x.arguments.length) return true;
      if (/^(JSON\.stringify|String)$/.test(t)) return x.arguments.some((a) => this.isErrorValue(unwrap(a), errs));
      return x.arguments.some((a) => ts.isObjectLiteralExpression(unwrap(a)) && this.isErrorValue(unwrap(a), errs));
    }
    if (ts.isObjectLiteralExpression(x)) {
      const explicit = x.properties.some((p) => {
        const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
        if (key && ERROR_KEYS.test(key)) return true;
        if (ts.isPropertyAssignment(p)) {
          const v = unwrap(p.initializer);
          if ((key === "success" || key === "ok") && v.kind === ts.SyntaxKind.FalseKeyword) return true;
          if ((key === "type" || key === "status" || key === "event") && ts.isStringLiteralLike(v) && ERROR_TEXT.test(v.text)) return true;
          // An error chunk: `{ text, stopReason: "error" }`.
          if (ts.isStringLiteralLike(v) && /^(error|failed|failure)$/i.test(v.text)) return true;
          // A message about the failure as the answer: `{ pass: false, reason: \`Evaluation error: ${err}\` }`.
          if ((ts.isTemplateExpression(v) || ts.isStringLiteralLike(v)) && ERROR_TEXT.test(v.getText())) return true;
        }
        return false;
      });
      if (explicit) return true;
      // `{ message: err.message }` is the error; `{ score: 0.5, metadata: { error: String(err) } }` is a neutral answer that notes it.
      const values = x.properties.filter(ts.isPropertyAssignment);
      return values.length > 0 && values.every((p) => usesNames(p.initializer, errs));
    }
    if (ts.isStringLiteralLike(x) || ts.isTemplateExpression(x)) return ERROR_TEXT.test(x.getText()) || usesNames(x, errs);
    if (ts.isPropertyAccessExpression(x)) return usesNames(x, errs);
    return false;
  }

  /**
   * Whether the code goes on without the result after a catch that only logs: yes, unless the
   * catch is a retry loop's and what follows the loop is a throw (the retries give up with an error).
   */
  private continues(anchor: ts.Node): boolean {
    for (let n: ts.Node = anchor; n.parent && !ts.isFunctionLike(n.parent); n = n.parent) {
      const p: ts.Node = n.parent;
      if (!(isLoop(p) && n === p.statement) || !isRetryLoop(p, anchor)) continue;
      const after = nextStatement(p);
      return !after || !(ts.isThrowStatement(after) || (ts.isReturnStatement(after) && !!after.expression && this.isErrorValue(unwrap(after.expression), new Set())));
    }
    return true;
  }

  /** An opossum-style breaker counts only when a `.fallback(fn)` is registered on it. */
  private breakerFallback(node: ts.CallExpression | ts.NewExpression): boolean {
    const p = node.parent;
    const methods = this.data.breakerFallback.methods;
    if (p && ts.isPropertyAccessExpression(p) && p.expression === node && methods.includes(p.name.text)) return true;
    let holder: string | undefined;
    if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) holder = p.name.text;
    if (!holder) return false;
    const sf = node.getSourceFile();
    let hit = false;
    const visit = (x: ts.Node) => {
      if (hit) return;
      if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && methods.includes(x.expression.name.text) && ts.isIdentifier(x.expression.expression) && x.expression.expression.text === holder) hit = true;
      else x.forEachChild(visit);
    };
    visit(sf);
    return hit;
  }
}

/** A loop that runs the same call again (an attempt counter, not a list of items or models). */
function isRetryLoop(loop: ts.IterationStatement, anchor: ts.Node): boolean {
  const vars: string[] = [];
  if ((ts.isForStatement(loop) || ts.isForOfStatement(loop) || ts.isForInStatement(loop)) && loop.initializer && ts.isVariableDeclarationList(loop.initializer)) for (const d of loop.initializer.declarations) collectNames(d.name, vars);
  const inside = ts.isTryStatement(anchor) ? anchor.tryBlock : anchor;
  // Iterating a collection: the same request again only when no item reaches it (`for (const t of temperatures)`).
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) return vars.length > 0 && !usesNames(inside, new Set(vars));
  if (!vars.length) return true;
  // `for (let i = 0; i < items.length; i++) call(items[i])` walks items.
  return !usesNames(inside, new Set(vars)) || /attempt|retr|tries|try/i.test(vars.join(" "));
}

/**
 * Whether `continue` goes round a loop that sends the same request again (an attempt counter that
 * the request does not index a list with), rather than on to the next item or model.
 */
function retriesSameRequest(stmt: ts.ContinueStatement, anchor: ts.Node): boolean {
  let loop: ts.Node | undefined = stmt.parent;
  while (loop && !isLoop(loop) && !ts.isFunctionLike(loop)) loop = loop.parent;
  if (!loop || !isLoop(loop) || stmt.label) return false;
  if (!isRetryLoop(loop, anchor)) return false;
  const vars: string[] = [];
  if (ts.isForStatement(loop) && loop.initializer && ts.isVariableDeclarationList(loop.initializer)) for (const d of loop.initializer.declarations) collectNames(d.name, vars);
  const inside = ts.isTryStatement(anchor) ? anchor.tryBlock : anchor;
  // `models[attempt]`: each round asks another model.
  let indexes = false;
  const visit = (x: ts.Node) => {
    if (indexes) return;
    if (ts.isElementAccessExpression(x) && usesNames(x.argumentExpression, new Set(vars))) indexes = true;
    else x.forEachChild(visit);
  };
  if (vars.length) visit(inside);
  return !indexes;
}

function isLoop(n: ts.Node): n is ts.IterationStatement {
  return ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n);
}

/** The statement after `st` in its block, if any. */
function nextStatement(st: ts.Node): ts.Statement | undefined {
  const p = st.parent;
  if (!p || !(ts.isBlock(p) || ts.isSourceFile(p) || ts.isCaseClause(p) || ts.isDefaultClause(p))) return undefined;
  const list = p.statements as ts.NodeArray<ts.Statement>;
  return list[list.indexOf(st as ts.Statement) + 1];
}

/** The handler of a `.catch(handler)` or `.then(_, handler)`. */
function isCatchHandler(n: ts.Node): boolean {
  const p = n.parent;
  if (!(ts.isArrowFunction(n) || ts.isFunctionExpression(n)) || !p || !ts.isCallExpression(p) || !ts.isPropertyAccessExpression(p.expression)) return false;
  const name = p.expression.name.text;
  return (name === "catch" && p.arguments[0] === n) || (name === "then" && p.arguments[1] === n);
}

/** A function declared inside another function (a closure), not at module or class level. */
function isNested(fn: ts.Node): boolean {
  for (let p = fn.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p)) return true;
    if (ts.isSourceFile(p) || ts.isClassLike(p)) return false;
  }
  return false;
}

/** The largest HTTP status a response call sets (`res.status(502).json()`, `c.json(x, 500)`, `{ status: 500 }`), or 0. */
function statusOf(c: ts.CallExpression | ts.NewExpression): number {
  let best = 0;
  // `500`, `err.status ?? 500`, and a local holding one (`const status = err.status ?? 500`).
  const num = (e: ts.Expression | undefined, depth = 0): number => {
    const x = e && unwrap(e);
    if (!x || depth > 3) return 0;
    if (ts.isNumericLiteral(x)) return Number(x.text);
    if (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || x.operatorToken.kind === ts.SyntaxKind.BarBarToken)) return Math.max(num(x.left, depth + 1), num(x.right, depth + 1));
    if (ts.isIdentifier(x)) return num(localInitializer(c, x.text), depth + 1);
    return 0;
  };
  for (let x: ts.Expression = c; ; ) {
    if (ts.isCallExpression(x) || ts.isNewExpression(x)) {
      const name = calleeName(x);
      const args = x.arguments ?? [];
      if (/^(status|code|sendStatus|writeHead|json|send|text|html)$/.test(name) || ts.isNewExpression(x)) for (const a of args) best = Math.max(best, num(a));
      for (const a of args) {
        const o = unwrap(a);
        if (!ts.isObjectLiteralExpression(o)) continue;
        for (const p of o.properties) {
          if (ts.isPropertyAssignment(p) && p.name && /^(status|statusCode)$/.test(p.name.getText())) best = Math.max(best, num(p.initializer));
          else if (ts.isShorthandPropertyAssignment(p) && /^(status|statusCode)$/.test(p.name.text)) best = Math.max(best, num(p.name));
        }
      }
      x = x.expression;
    } else if (ts.isPropertyAccessExpression(x)) x = x.expression;
    else break;
  }
  return best >= 100 && best < 600 ? best : 0;
}

function paramNames(fn: FunctionNode): string[] {
  const out: string[] = [];
  for (const p of fn.parameters) collectNames(p.name, out);
  return out;
}

function usesNames(e: ts.Node, names: ReadonlySet<string>): boolean {
  if (!names.size) return false;
  let hit = false;
  const visit = (x: ts.Node) => {
    if (hit) return;
    if (ts.isIdentifier(x) && names.has(x.text) && !(x.parent && ts.isPropertyAccessExpression(x.parent) && x.parent.name === x) && resolveName(x.text, x)) hit = true;
    else x.forEachChild(visit);
  };
  visit(e);
  return hit;
}

function rootIdentifier(e: ts.Expression): string | undefined {
  let x = e;
  while (ts.isPropertyAccessExpression(x) || ts.isCallExpression(x) || ts.isElementAccessExpression(x) || ts.isNonNullExpression(x)) x = x.expression;
  if (x.kind === ts.SyntaxKind.ThisKeyword) return "this";
  return ts.isIdentifier(x) ? x.text : undefined;
}

/** Whether a block declares `name` with let/const/var directly or in nested blocks (not in nested functions). */
function declaresLocal(body: ts.Node, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || (n !== body && ts.isFunctionLike(n))) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name) found = true;
    else n.forEachChild(visit);
  };
  visit(body);
  return found;
}

/**
 * `try { return call(); } catch { ... }`: the promise is returned before it settles, so its rejection
 * goes to the caller, not to this catch. True when the way up from the call to the `try` passes a
 * `return` before any `await`.
 */
function returnedUnawaited(origin: ts.Node, tryStatement: ts.TryStatement): boolean {
  for (let n: ts.Node | undefined = origin.parent; n && n !== tryStatement; n = n.parent) {
    if (ts.isAwaitExpression(n) || ts.isFunctionLike(n) || ts.isYieldExpression(n)) return false;
    if (ts.isReturnStatement(n)) return true;
    if (ts.isStatement(n) && !ts.isBlock(n)) return false;
  }
  return false;
}

/** The initializer of a `const`/`let` named `name` declared in the function around `at`. */
function localInitializer(at: ts.Node, name: string): ts.Expression | undefined {
  let fn: ts.Node | undefined = at.parent;
  while (fn && !ts.isFunctionLike(fn) && !ts.isSourceFile(fn)) fn = fn.parent;
  if (!fn) return undefined;
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) found = n.initializer;
    else n.forEachChild(visit);
  };
  visit(fn);
  return found;
}

/** Error tests of failures that are not the provider's (a malformed or rejected answer or input); provider failures (rate limits, 5xx, timeouts) are not. */
const NON_PROVIDER_ERROR = /NoObjectGenerated|JSONParse|ParseError|SyntaxError|ZodError|Validation|Schema|INVALID_ARGUMENT|not valid|NotFound|not found|\b402\b|insufficient.?balance|InsufficientBalance|payment.?required|billing/i;
const PROVIDER_ERROR = /429|rate.?limit|overload|quota|timeout|timed out|ECONN|ETIMEDOUT|\b5\d\d\b|APIError|unavailable|capacity/i;
/** A status test with no number (`if (err.status)`) may be any failure; one against a client error (`status === 402`) is that error. */
const BARE_STATUS = /status/i;
const CLIENT_STATUS = /\b4(0[0-7]|09|[1-9]\d)\b/;

/** Whether a catch body's last statement rethrows or hands the error on (`throw err`, `this.handleError(..., err)`). */
function endsInError(body: ts.Node): boolean {
  if (!ts.isBlock(body)) return false;
  const last = body.statements[body.statements.length - 1];
  if (!last) return false;
  if (ts.isThrowStatement(last)) return true;
  if (ts.isExpressionStatement(last) && ts.isCallExpression(last.expression)) return ERROR_SINKS.test(calleeName(last.expression)) || /^(handle|throw|raise)\w*Error$/i.test(calleeName(last.expression));
  return false;
}

/**
 * Whether every way out of a catch body ends in an error: a throw (or hand-off) last, or an if/else
 * whose branches each give up or, in a retry loop (`roundAgain`), fall through to the next attempt,
 * at least one giving up.
 */
function givesUp(body: ts.Node, roundAgain: boolean): boolean {
  const stmts = ts.isBlock(body) ? body.statements : [body as ts.Statement];
  const last = stmts[stmts.length - 1];
  if (!last) return false;
  if (endsInError(ts.isBlock(body) ? body : ts.factory.createBlock([last]))) return true;
  if (!ts.isIfStatement(last) || !last.elseStatement) return false;
  const branches = [last.thenStatement, last.elseStatement];
  const ended = branches.map((b) => (ts.isIfStatement(b) ? givesUp(ts.factory.createBlock([b]), roundAgain) : givesUp(b, roundAgain)));
  return ended.some(Boolean) && branches.every((b, i) => ended[i] || (roundAgain && !leaves(b)));
}

/** Whether a statement can leave the loop or the function (return, break, throw), not counting nested functions. */
function leaves(st: ts.Node): boolean {
  let hit = false;
  const visit = (n: ts.Node) => {
    if (hit || ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) || ts.isBreakStatement(n) || ts.isThrowStatement(n)) hit = true;
    else n.forEachChild(visit);
  };
  visit(st);
  return hit;
}

/** Whether a catch sits directly in a loop over a list (models, roles, servers, items), not an attempt counter. */
function inItemLoop(anchor: ts.Node): boolean {
  if (!ts.isTryStatement(anchor)) return false;
  for (let n: ts.Node = anchor; n.parent && !ts.isFunctionLike(n.parent); n = n.parent) {
    const p: ts.Node = n.parent;
    if (isLoop(p) && n === p.statement) return !isRetryLoop(p, anchor);
  }
  return false;
}

/** Whether `at` runs only under a condition inside the catch body (an `if` or `switch` between them). */
function conditional(at: ts.Node, body: ts.Node): boolean {
  for (let n: ts.Node = at; n.parent && n !== body; n = n.parent) {
    if (ts.isIfStatement(n.parent) && n !== n.parent.expression) return true;
    if (ts.isCaseClause(n.parent) || ts.isDefaultClause(n.parent) || ts.isConditionalExpression(n.parent)) return true;
  }
  return false;
}

/** Whether a catch (its try statement or `.catch` call) sits in a loop that sends the same request again. */
function inRetryLoop(anchor: ts.Node): boolean {
  for (let n: ts.Node = anchor; n.parent && !ts.isFunctionLike(n.parent); n = n.parent) {
    const p: ts.Node = n.parent;
    if (isLoop(p) && n === p.statement) return isRetryLoop(p, anchor);
  }
  return false;
}

/** Whether `at` is inside an `if` of the catch whose condition tests for a non-provider error (locals of the catch followed). */
function nonProviderBranch(at: ts.Node, body: ts.Node): boolean {
  for (let n: ts.Node = at; n.parent && n !== body; n = n.parent) {
    const p = n.parent;
    if (!ts.isIfStatement(p) || n !== p.thenStatement) continue;
    let text = p.expression.getText();
    for (const id of identifiersIn(p.expression)) {
      const init = localInitializer(p, id);
      if (init) text += " " + init.getText();
    }
    if (NON_PROVIDER_ERROR.test(text) && !PROVIDER_ERROR.test(text) && (!BARE_STATUS.test(text) || CLIENT_STATUS.test(text))) return true;
  }
  return false;
}

function identifiersIn(e: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n)) out.push(n.text);
    n.forEachChild(visit);
  };
  visit(e);
  return out;
}
