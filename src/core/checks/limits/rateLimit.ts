/**
 * Per-caller rate limits and quotas on the way from a public entry to a call: rate-limiter libraries
 * (rules/libraries/limits.json), workspace helpers named as guards, counter or credit checks that
 * return or throw, middleware given at the registration or to the whole app. Authentication is
 * recognised too, only to be named in the evidence (it does not count).
 */
import ts from "typescript";
import type { Workspace } from "../../project";
import type { SiteFinder } from "../../callSites/detect";
import type { LimitsLibraries } from "../../flow/libraryData";
import { packageExportOf } from "../../flow/packageExports";
import { unwrap } from "../../flow/optionPaths";
import { unbudgeted, rethrowBudget } from "../../budget";

export interface Guard {
  what: string;
  at: ts.Node;
}

export class RateLimits {
  private readonly guardNames: RegExp;
  private readonly guardWords: RegExp;
  private readonly authNames: RegExp;
  private readonly limiterPkgs = new Map<string, string>();
  private globalMemo: Guard | null | undefined;
  private readonly fnMemo = new Map<ts.Node, Guard | null>();

  constructor(
    private readonly ws: Workspace,
    private readonly finder: SiteFinder,
    private readonly isTestFile: (rel: string) => boolean,
    private readonly data: LimitsLibraries,
  ) {
    this.guardNames = new RegExp(data.guardNames, "i");
    this.guardWords = new RegExp(data.guardWords, "i");
    this.authNames = new RegExp(data.authNames, "i");
    for (const l of data.rateLimiters) for (const p of l.packages) this.limiterPkgs.set(p, l.name);
  }

  /** A limiter library value: `new Ratelimit(...)`, `rateLimit({...})`, or a name bound to one. */
  limiterIn(e: ts.Node, depth = 0): string | undefined {
    if (depth > 4) return undefined;
    const x = ts.isExpression(e) ? unwrap(e) : e;
    if (ts.isCallExpression(x) || ts.isNewExpression(x)) {
      const pe = packageExportOf(this.ws, x.expression);
      if (pe && this.limiterPkgs.has(pe.pkg)) return this.limiterPkgs.get(pe.pkg);
      const callee = unwrap(x.expression);
      if (ts.isPropertyAccessExpression(callee)) {
        const methods = this.data.rateLimiters.flatMap((l) => l.methods);
        if (methods.includes(callee.name.text)) return this.limiterIn(callee.expression, depth + 1);
        // `Ratelimit.slidingWindow(...)` used in `new Ratelimit({ limiter })`.
        return this.limiterIn(callee.expression, depth + 1);
      }
      return undefined;
    }
    if (ts.isIdentifier(x)) {
      const pe = packageExportOf(this.ws, x);
      if (pe && this.limiterPkgs.has(pe.pkg)) return this.limiterPkgs.get(pe.pkg);
      const init = this.finder.strings.initializerOf(x);
      return init ? this.limiterIn(init, depth + 1) : undefined;
    }
    if (ts.isPropertyAccessExpression(x)) return this.limiterIn(x.expression, depth + 1);
    return undefined;
  }

  /** A guard inside a function's body (not inside nested functions handed elsewhere). */
  guardIn(fn: ts.Node, depth = 0): Guard | null {
    const memo = this.fnMemo.get(fn);
    if (memo !== undefined) return memo;
    this.fnMemo.set(fn, null);
    const found = this.scan(fn, depth);
    this.fnMemo.set(fn, found);
    return found;
  }

  private scan(fn: ts.Node, depth: number): Guard | null {
    const stack: ts.Node[] = [fn];
    while (stack.length) {
      const n = stack.pop()!;
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
        const lib = this.limiterIn(n);
        if (lib) return { what: `${lib} (\`${short(n)}\`)`, at: n };
        const name = calleeName(n);
        if (name && this.guardNames.test(name)) return { what: `\`${name}(...)\``, at: n };
        // A workspace helper that checks a limit inside (one level down).
        if (depth < 2 && ts.isCallExpression(n)) {
          let v;
          try {
            v = this.finder.ev.eval(n.expression);
          } catch (e) {
            rethrowBudget(e);
            v = null;
          }
          if (v?.t === "fn" && v.node.body && v.node !== fn) {
            const inner = this.guardIn(v.node, depth + 1);
            if (inner) return { what: `${inner.what} in \`${name ?? "a helper"}\``, at: n };
          }
        }
      }
      if (ts.isIfStatement(n) && exits(n.thenStatement)) {
        const cond = n.expression.getText();
        if (this.guardWords.test(cond)) return { what: `a limit checked before the call (\`${cond.slice(0, 60)}\`)`, at: n };
      }
      if (ts.isNumericLiteral(n) && n.text === "429" && isAnswerStatus(n)) return { what: "a 429 Too Many Requests answer", at: n };
      // Source order: the first guard on the way is the evidence.
      const kids: ts.Node[] = [];
      n.forEachChild((c) => void kids.push(c));
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
    return null;
  }

  /** A limiter given to the whole app (`app.use(limiter)`, `fastify.register(rateLimit)`, a Next.js middleware). */
  global(): Guard | null {
    if (this.globalMemo !== undefined) return this.globalMemo;
    // A walk of the whole workspace for every site: no one file's time budget pays for it (nor leaves it half done).
    return (this.globalMemo = unbudgeted(() => this.globalUncached()));
  }

  private globalUncached(): Guard | null {
    this.globalMemo = null;
    for (const f of this.ws.files.values()) {
      if (f.outside || this.isTestFile(f.rel)) continue;
      const isMiddleware = /(^|\/)middleware\.[jt]s$/.test(f.rel);
      if (isMiddleware) {
        const g = this.guardIn(f.sf);
        if (g) return { what: `${g.what} in ${f.rel}`, at: g.at };
      }
      const stack: ts.Node[] = [f.sf];
      while (stack.length) {
        const n = stack.pop()!;
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ["use", "register"].includes(n.expression.name.text)) {
          for (const a of n.arguments) {
            const lib = this.limiterIn(a);
            if (lib) return { what: `${lib} for every route (\`${short(n)}\`)`, at: n };
          }
        }
        n.forEachChild((c) => void stack.push(c));
      }
    }
    return null;
  }

  /** Middleware given at the registration (`app.post("/chat", limiter, handler)`). */
  atRegistration(reg: ts.CallExpression): Guard | null {
    for (const a of reg.arguments) {
      const lib = this.limiterIn(a);
      if (lib) return { what: `${lib} on the route (\`${short(a)}\`)`, at: a };
      if (ts.isIdentifier(a) && this.guardNames.test(a.text)) return { what: `\`${a.text}\` on the route`, at: a };
    }
    // tRPC: a middleware in the procedure's chain (`publicProcedure.use(rateLimit)`), or a limited procedure.
    const chain = reg.expression.getText();
    const m = /\.use\(\s*([A-Za-z_$][\w$]*)/.exec(chain);
    if (m && this.guardNames.test(m[1]!)) return { what: `\`${m[1]}\` middleware on the procedure`, at: reg };
    if (/rate.?limit|limited/i.test(chain.split("(")[0]!)) return { what: `a rate-limited procedure (\`${chain.split(".")[0]}\`)`, at: reg };
    return null;
  }

  /** Authentication seen on the way (named in the evidence; it does not limit). */
  authIn(nodes: readonly ts.Node[]): string | undefined {
    for (const root of nodes) {
      const stack: ts.Node[] = [root];
      while (stack.length) {
        const n = stack.pop()!;
        if (ts.isCallExpression(n)) {
          const name = calleeName(n);
          if (name && this.authNames.test(name)) return name;
        }
        if (ts.isIdentifier(n) && /^protectedProcedure$|^authedProcedure$/.test(n.text)) return n.text;
        n.forEachChild((c) => void stack.push(c));
      }
    }
    return undefined;
  }
}

/** `res.status(429)`, `{ status: 429 }`: an answer sent to the caller, not a provider's 429 being handled. */
function isAnswerStatus(n: ts.NumericLiteral): boolean {
  const p = n.parent;
  if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === "status") return true;
  return ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && /^(status|sendStatus|code|writeHead)$/.test(p.expression.name.text);
}

function calleeName(n: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = unwrap(n.expression);
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
}

/** A branch that leaves: returns, throws, or answers (`res.status(429).json(...)`). */
function exits(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return true;
  if (ts.isBlock(s)) return s.statements.some((x) => ts.isReturnStatement(x) || ts.isThrowStatement(x));
  if (ts.isExpressionStatement(s)) return /\.status\(|\.send\(|\.json\(|redirect\(|notFound\(/.test(s.getText());
  return false;
}

function short(n: ts.Node): string {
  const t = n.getText().replace(/\s+/g, " ");
  return t.length > 50 ? `${t.slice(0, 47)}...` : t;
}
