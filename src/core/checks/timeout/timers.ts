/**
 * Deadlines as code builds them: signals tied to a timer (`AbortSignal.timeout`, a controller that
 * a `setTimeout` aborts), promises that reject on a timer (for `Promise.race`), and functions that
 * enforce one (`withTimeout(fn, ms)`, a custom `fetch`). See rules/docs/timeout.md.
 */
import ts from "typescript";
import type { SiteFinder } from "../../callSites/detect";
import { resolveName } from "../../callSites/scope";
import type { FunctionNode, Val } from "../../callSites/values";
import { packageExportOf } from "../../flow/packageExports";
import { unwrap } from "../../flow/optionPaths";

/** What a signal expression is tied to. `param`: it comes from the caller (judged there). */
export type SignalTie = { tie: "timer"; at: ts.Node } | { tie: "param"; name: string } | { tie: "other" };

export class Timers {
  private readonly deadlineMemo = new Map<ts.Node, ts.Node | null>();

  constructor(private readonly finder: SiteFinder) {}

  /** Whether a signal is aborted by a timer: `AbortSignal.timeout`, `AbortSignal.any([...timeout])`, a controller a `setTimeout` aborts. */
  signal(e: ts.Expression, depth = 0): SignalTie {
    if (depth > 6) return { tie: "other" };
    const x = unwrap(e);
    if (ts.isConditionalExpression(x)) return this.either(this.signal(x.whenTrue, depth + 1), this.signal(x.whenFalse, depth + 1));
    if (ts.isBinaryExpression(x) && isOr(x.operatorToken.kind)) return this.either(this.signal(x.left, depth + 1), this.signal(x.right, depth + 1));
    if (ts.isCallExpression(x)) {
      const callee = x.expression;
      const text = callee.getText();
      if (/(^|\.)AbortSignal\.timeout$/.test(text)) return { tie: "timer", at: x };
      // `AbortSignal.any([...])`, `anySignal([...])`: any member timer-tied is enough.
      if (/(^|\.)AbortSignal\.any$/.test(text) || /anySignal$/i.test(text)) {
        for (const a of x.arguments) {
          const arr = this.arrayOf(a);
          for (const el of arr ?? [a]) {
            const t = this.signal(el, depth + 1);
            if (t.tie === "timer") return t;
          }
        }
        return { tie: "other" };
      }
      // A helper that builds the signal (`timeoutSignal(ms)`): its body decides.
      const fn = this.functionOf(callee);
      if (fn) {
        const d = this.deadline(fn, depth + 1);
        return d ? { tie: "timer", at: x } : { tie: "other" };
      }
      return { tie: "other" };
    }
    if (ts.isPropertyAccessExpression(x) && x.name.text === "signal") {
      // `controller.signal`: a timer must abort that controller.
      const ctl = unwrap(x.expression);
      if (ts.isIdentifier(ctl)) {
        const at = this.timerAborts(ctl);
        if (at) return { tie: "timer", at };
        const b = resolveName(ctl.text, ctl);
        if (b?.kind === "param") return { tie: "param", name: ctl.text };
      } else if (ts.isPropertyAccessExpression(ctl) || ctl.kind === ts.SyntaxKind.ThisKeyword) {
        return { tie: "other" };
      }
      const root = rootIdentifier(x);
      if (root && resolveName(root.text, root)?.kind === "param") return { tie: "param", name: root.text };
      return { tie: "other" };
    }
    if (ts.isIdentifier(x)) {
      const b = resolveName(x.text, x);
      if (!b) return { tie: "other" };
      if (b.kind === "param") {
        if (b.decl.initializer && b.path.length === 0) {
          const d = this.signal(b.decl.initializer, depth + 1);
          if (d.tie === "timer") return d;
        }
        return { tie: "param", name: x.text };
      }
      if (b.kind === "var") {
        // The controller itself handed on (`stream(url, body, controller)`), armed by a timer here.
        if (b.path.length === 0) {
          const at = this.timerAborts(x);
          if (at) return { tie: "timer", at };
        }
        if (b.path.length && b.decl.initializer) {
          const root = rootIdentifier(b.decl.initializer);
          if (root && resolveName(root.text, root)?.kind === "param") return { tie: "param", name: root.text };
        }
        const init = this.finder.strings.initializerOf(x);
        if (init) return this.signal(init, depth + 1);
        // `let signal; ... signal = AbortSignal.timeout(...)`.
        for (const rhs of assignmentsTo(x.text, b.decl)) {
          const t = this.signal(rhs, depth + 1);
          if (t.tie === "timer") return t;
        }
      }
      return { tie: "other" };
    }
    if (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) {
      const root = rootIdentifier(x);
      if (root && resolveName(root.text, root)?.kind === "param") return { tie: "param", name: root.text };
    }
    return { tie: "other" };
  }

  /** A `setTimeout` (or `setInterval`) that aborts the controller `ctl` names, in the scope that declares it. */
  timerAborts(ctl: ts.Identifier): ts.Node | undefined {
    const b = resolveName(ctl.text, ctl);
    // A controller the caller hands in (`stream(url, body, controller)`) that the function itself arms with a timer.
    if (b?.kind === "param" && b.path.length === 0) {
      const fn = b.decl.parent;
      return fn && ts.isFunctionLike(fn) ? findNode(fn, (n) => ts.isCallExpression(n) && isTimerCall(n) && abortsName(n, ctl.text)) : undefined;
    }
    if (!b || b.kind !== "var") return undefined;
    const init = b.decl.initializer && unwrap(b.decl.initializer);
    const isController = init && ts.isNewExpression(init) && /AbortController$/.test(init.expression.getText());
    if (!isController && !assignmentsTo(ctl.text, b.decl).some((r) => ts.isNewExpression(unwrap(r)) && /AbortController$/.test((unwrap(r) as ts.NewExpression).expression.getText()))) return undefined;
    const scope = scopeOf(b.decl);
    return scope ? findNode(scope, (n) => ts.isCallExpression(n) && isTimerCall(n) && abortsName(n, ctl.text)) : undefined;
  }

  /** Whether a promise settles (rejects) on a timer: the racing partner of `Promise.race([call, timer])`. */
  timerPromise(e: ts.Expression, depth = 0): ts.Node | undefined {
    if (depth > 4) return undefined;
    const x = unwrap(e);
    if (ts.isIdentifier(x)) {
      const init = this.finder.strings.initializerOf(x);
      return init ? this.timerPromise(init, depth + 1) : undefined;
    }
    if (ts.isNewExpression(x) && x.expression.getText() === "Promise") {
      return findNode(x, (n) => ts.isCallExpression(n) && isTimerCall(n)) ? x : undefined;
    }
    if (ts.isCallExpression(x)) {
      const callee = x.expression;
      // `sleep(ms).then(() => { throw ... })`, `delay(ms)`.
      if (ts.isPropertyAccessExpression(callee) && /^(then|catch|finally)$/.test(callee.name.text)) return this.timerPromise(callee.expression, depth + 1) ? x : undefined;
      if (isTimerCall(x)) return x;
      const exp = packageExportOf(this.finder.ws, callee);
      if (exp && /^(node:)?timers\/promises$|^(delay|p-sleep|sleep-promise|timeout-as-promise)$/.test(exp.pkg)) return x;
      const fn = this.functionOf(callee);
      if (fn && fn.body && findNode(fn.body, (n) => ts.isCallExpression(n) && isTimerCall(n))) return x;
      if (/AbortSignal\.timeout/.test(callee.getText())) return x;
    }
    return undefined;
  }

  /**
   * Where a workspace function enforces a deadline, or undefined: `AbortSignal.timeout`, a timer that
   * rejects or aborts, `Promise.race` with a timer, or a helper it calls that does (two levels).
   */
  deadline(fn: FunctionNode, depth = 0): ts.Node | undefined {
    const cached = this.deadlineMemo.get(fn);
    if (cached !== undefined) return cached ?? undefined;
    this.deadlineMemo.set(fn, null);
    let hit: ts.Node | undefined;
    if (fn.body && depth < 4) {
      hit = findNode(fn.body, (n) => {
        if (!ts.isCallExpression(n)) return false;
        const text = n.expression.getText();
        if (/(^|\.)AbortSignal\.timeout$/.test(text)) return true;
        if (isTimerCall(n) && settlesOnTimer(n)) return true;
        if (/(^|\.)Promise\.race$/.test(text)) {
          const arr = n.arguments[0] && this.arrayOf(n.arguments[0]);
          return !!arr?.some((el) => this.timerPromise(el, depth + 1));
        }
        return false;
      });
      if (!hit) {
        for (const c of callsWithin(fn.body)) {
          const inner = this.functionOf(c.expression);
          if (inner && inner !== fn && this.deadline(inner, depth + 1)) {
            hit = c;
            break;
          }
        }
      }
    }
    this.deadlineMemo.set(fn, hit ?? null);
    return hit;
  }

  /** The workspace function an expression evaluates to (a call of it returning a function counts: `timeoutFetch(ms)`). */
  functionOf(e: ts.Expression): FunctionNode | undefined {
    const v = this.finder.ev.eval(e);
    return v?.t === "fn" ? v.node : undefined;
  }

  /** The workspace classes `cls` extends, nearest first (for `this.method` references made in a base class). */
  baseClasses(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration[] {
    const out: ts.ClassLikeDeclaration[] = [];
    for (let c: ts.ClassLikeDeclaration | undefined = cls; c && out.length < 6; ) {
      const ext: ts.ExpressionWithTypeArguments | undefined = c.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      const v: Val | null = ext ? this.finder.ev.eval(ext.expression) : null;
      c = v?.t === "class" && !out.includes(v.node) && v.node !== cls ? v.node : undefined;
      if (c) out.push(c);
    }
    return out;
  }

  /** The elements of an array literal (through a const), if it is one. */
  arrayOf(e: ts.Expression): ts.Expression[] | undefined {
    let x = unwrap(e);
    if (ts.isIdentifier(x)) {
      const init = this.finder.strings.initializerOf(x);
      if (init) x = unwrap(init);
    }
    return ts.isArrayLiteralExpression(x) ? x.elements.map((el) => (ts.isSpreadElement(el) ? el.expression : el)) : undefined;
  }

  private either(a: SignalTie, b: SignalTie): SignalTie {
    if (a.tie === "timer") return a;
    if (b.tie === "timer") return b;
    if (a.tie === "param") return a;
    return b;
  }
}

function isOr(k: ts.SyntaxKind): boolean {
  return k === ts.SyntaxKind.QuestionQuestionToken || k === ts.SyntaxKind.BarBarToken;
}

/** `setTimeout(...)` / `setInterval(...)` (global or `globalThis.`/`window.`). */
export function isTimerCall(c: ts.CallExpression): boolean {
  const t = c.expression.getText();
  return /^((globalThis|window|global)\.)?(setTimeout|setInterval)$/.test(t);
}

/** A timer whose callback rejects, throws, aborts or destroys something (not a plain `sleep`). */
function settlesOnTimer(c: ts.CallExpression): boolean {
  const cb = c.arguments[0];
  if (!cb) return false;
  const x = unwrap(cb);
  if (ts.isIdentifier(x)) return /^(reject|fail|onTimeout|abort|cancel)/i.test(x.text);
  return !!findNode(x, (n) => {
    if (ts.isThrowStatement(n)) return true;
    if (ts.isCallExpression(n)) {
      const t = n.expression.getText();
      return /(^|\.)(reject|abort|destroy|cancel|kill|terminate)$/i.test(t) || /^reject/i.test(t);
    }
    if (ts.isPropertyAccessExpression(n) && n.name.text === "abort") return true;
    return false;
  });
}

/** A timer call whose callback aborts `name` (`setTimeout(() => name.abort(), ms)`, `setTimeout(name.abort.bind(name), ms)`). */
function abortsName(c: ts.CallExpression, name: string): boolean {
  const cb = c.arguments[0];
  if (!cb) return false;
  return !!findNode(cb, (n) => ts.isPropertyAccessExpression(n) && n.name.text === "abort" && ts.isIdentifier(unwrap(n.expression)) && (unwrap(n.expression) as ts.Identifier).text === name);
}

function rootIdentifier(e: ts.Expression): ts.Identifier | undefined {
  let x: ts.Expression = e;
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isNonNullExpression(x) || ts.isParenthesizedExpression(x)) x = x.expression;
  return ts.isIdentifier(x) ? x : undefined;
}

/** The function body (or file) a declaration lives in. */
function scopeOf(d: ts.Node): ts.Node | undefined {
  for (let p = d.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p) || ts.isSourceFile(p) || ts.isClassLike(p)) return p;
  }
  return undefined;
}

/** Right-hand sides of `name = ...` in the scope that declares `decl`. */
function assignmentsTo(name: string, decl: ts.VariableDeclaration): ts.Expression[] {
  const scope = scopeOf(decl);
  const out: ts.Expression[] = [];
  if (!scope) return out;
  findNode(scope, (n) => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === name) out.push(n.right);
    return false;
  });
  return out;
}

/** The first node under `root` (depth-first, bounded) that satisfies `test`. */
export function findNode(root: ts.Node, test: (n: ts.Node) => boolean, limit = 20000): ts.Node | undefined {
  const stack: ts.Node[] = [root];
  let seen = 0;
  while (stack.length) {
    const n = stack.pop()!;
    if (++seen > limit) return undefined;
    if (test(n)) return n;
    n.forEachChild((c) => void stack.push(c));
  }
  return undefined;
}

/** Calls inside a node, nested functions included. */
export function callsWithin(root: ts.Node): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  findNode(root, (n) => {
    if (ts.isCallExpression(n)) out.push(n);
    return false;
  });
  return out;
}
