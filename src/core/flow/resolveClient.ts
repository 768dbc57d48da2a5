/**
 * The constructions an SDK site's client can come from. The engine follows constants, imports and
 * factories; a client that arrives as a parameter (`client: OpenAI`, `constructor(private co: CohereClientV2)`)
 * is followed here to the arguments its workspace callers pass (or the parameter's default).
 */
import ts from "typescript";
import { returnedExpressions } from "../callSites/strings";
import { unbudgeted } from "../budget";
import { namesIn } from "./nameIndex";
import type { DetectedSite } from "../callSites/detect";
import { enclosingClass, resolveName } from "../callSites/scope";
import type { FunctionNode, Val } from "../callSites/values";
import type { CheckContext } from "../checks/checkContext";
import { unwrap } from "./optionPaths";

/** One construction the client may come from: its configuring arguments (outermost last) and where it was built. */
export interface ClientCandidate {
  configs: readonly ts.Expression[];
  origin?: ts.Node;
}

/**
 * The candidates for the client of an SDK site; `[]` when the site has no client (module functions
 * such as the AI SDK's), null when the client is a parameter no workspace caller fills. `via` is a
 * call of the function holding the site (a wrapper chain's outer call): when given, only its arguments count.
 */
export function clientCandidates(site: DetectedSite, ctx: CheckContext, via?: ts.CallExpression): ClientCandidate[] | null {
  const c = site.client;
  if (!c) return [];
  let found: ClientCandidate[] | null;
  if (c.origin || c.configs.length) found = [{ configs: c.configs, origin: c.origin }];
  else {
    const expr = clientExpression(site, ctx);
    found = expr ? fromExpression(expr, ctx, via, 0, new Set()) : null;
  }
  return found && found.length ? found.map((f) => withNestedModels(f, ctx)) : null;
}

/**
 * Adds the configuration of models given to a composition (`RunnableSequence.from([prompt, model])`,
 * `createToolCallingAgent({ llm })`, `new AgentExecutor({ agent })`) in front, so the
 * composition's own options (`withConfig`, request options) take precedence. Fallback models
 * (`withFallbacks`) are left out: they run only when the primary fails.
 */
export function withNestedModels(c: ClientCandidate, ctx: CheckContext): ClientCandidate {
  const nested: ts.Expression[] = [];
  const seen = new Set<ts.Node>();
  const visit = (e: ts.Expression, depth: number): void => {
    if (depth > 4 || seen.has(e)) return;
    seen.add(e);
    if (isFallbackArgument(e)) return;
    let x = unwrap(e);
    if (ts.isIdentifier(x)) {
      const init = ctx.finder.strings.initializerOf(x);
      if (init && (ts.isArrayLiteralExpression(unwrap(init)) || ts.isObjectLiteralExpression(unwrap(init)))) x = unwrap(init);
    }
    const parts: ts.Expression[] = ts.isArrayLiteralExpression(x)
      ? x.elements.map((el) => (ts.isSpreadElement(el) ? el.expression : el))
      : ts.isObjectLiteralExpression(x)
        ? x.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? [p.initializer] : ts.isShorthandPropertyAssignment(p) ? [p.name] : []))
        : [];
    for (const part of parts) {
      const v = ctx.finder.ev.eval(part);
      if (v?.t !== "inst" || !v.provider.types[v.type]?.runsModel) continue;
      for (const inner of v.configs) visit(inner, depth + 1);
      nested.unshift(...v.configs.filter((cfg) => !isFallbackArgument(cfg)));
    }
  };
  for (const cfg of c.configs) visit(cfg, 0);
  const own = c.configs.filter((cfg) => !isFallbackArgument(cfg));
  return { configs: [...nested, ...own], origin: c.origin };
}

/** An argument of `withFallbacks(...)`: the fallback models' options do not bound or retry the primary. */
function isFallbackArgument(e: ts.Node): boolean {
  for (let n: ts.Node | undefined = e; n && n.parent; n = n.parent) {
    const p: ts.Node = n.parent;
    if (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) {
      return ts.isPropertyAccessExpression(p.expression) && p.expression.name.text === "withFallbacks";
    }
    if (!ts.isArrayLiteralExpression(p) && !ts.isObjectLiteralExpression(p) && !ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) return false;
  }
  return false;
}

/** The receiver expression that evaluates to the client itself (`this.client` in `this.client.chat.completions.create`). */
function clientExpression(site: DetectedSite, ctx: CheckContext): ts.Expression | undefined {
  let e: ts.Expression = site.call.expression;
  for (let i = 0; i < 8; i++) {
    e = unwrap(e);
    if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return undefined;
    e = e.expression;
    const v = ctx.finder.ev.eval(e);
    if (v?.t === "inst" && v.path.length === 0) return e;
    if (!v) return undefined;
  }
  return undefined;
}

function fromExpression(e: ts.Expression, ctx: CheckContext, via: ts.CallExpression | undefined, depth: number, seen: Set<ts.Node>): ClientCandidate[] | null {
  if (depth > 6 || seen.has(e)) return null;
  seen.add(e);
  const v = ctx.finder.ev.eval(e);
  if (v?.t === "inst" && (v.origin || v.configs.length)) return [{ configs: v.configs, origin: v.origin }];
  const x = unwrap(e);
  if (ts.isIdentifier(x)) {
    const b = resolveName(x.text, x);
    // A parameter of a function: what the callers pass, or its default.
    if (b?.kind === "param" && !b.path.length) {
      const fn = b.decl.parent as FunctionNode;
      const index = fn.parameters.indexOf(b.decl);
      return fromParameter(fn, index, b.decl, ctx, via, depth, seen);
    }
    // A variable: its initializer, or what is assigned to it (`client ??= new Anthropic(...)`, lazy singletons).
    if (b?.kind === "var" && !b.path.length) {
      const out: ClientCandidate[] = [];
      const sources = [...(b.decl.initializer ? [b.decl.initializer] : []), ...assignmentsTo(x.text, b.decl)];
      for (const src of sources) {
        const r = fromExpression(src, ctx, undefined, depth + 1, seen);
        if (r) out.push(...r);
      }
      if (out.length) return out;
      return readyMade(v, ctx);
    }
    if (b?.kind === "import") {
      const init = ctx.finder.strings.initializerOf(x);
      const r = init ? fromExpression(init, ctx, undefined, depth + 1, seen) : null;
      return r ?? readyMade(v, ctx);
    }
    return readyMade(v, ctx);
  }
  // A factory call: what its returns build.
  if (ts.isCallExpression(x)) {
    const fv = ctx.finder.ev.eval(x.expression);
    if (fv?.t === "fn" && fv.node.body) {
      const out: ClientCandidate[] = [];
      for (const ret of returnedExpressions(fv.node)) {
        const r = fromExpression(ret, ctx, undefined, depth + 1, seen);
        if (r) out.push(...r);
      }
      if (out.length) return out;
    }
    // `withNativeFetch(() => new GoogleGenAI(...))`, `once(() => new OpenAI())`: what the callback builds.
    const out: ClientCandidate[] = [];
    for (const a of x.arguments) {
      const arg = unwrap(a);
      if (!ts.isArrowFunction(arg) && !ts.isFunctionExpression(arg)) continue;
      for (const ret of returnedExpressions(arg)) {
        const r = fromExpression(ret, ctx, undefined, depth + 1, seen);
        if (r) out.push(...r);
      }
    }
    return out.length ? out : readyMade(v, ctx);
  }
  // `this.client`: a constructor parameter (property or assigned in the constructor).
  if (ts.isPropertyAccessExpression(x) && x.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(x);
    if (!cls) return null;
    const name = x.name.text;
    const ctor = cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
    const index = ctor ? ctor.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name && !!p.modifiers?.length) : -1;
    if (ctor && index >= 0) return fromParameter(ctor, index, ctor.parameters[index]!, ctx, undefined, depth, seen);
    // `this.client = client` (a constructor parameter) or `this.client = new OpenAI(...)` in a typed field's class.
    const out: ClientCandidate[] = [];
    for (const rhs of ctx.finder.ev.thisAssignments(cls, name)) {
      const r = fromExpression(rhs, ctx, undefined, depth + 1, seen);
      if (r) out.push(...r);
    }
    return out.length ? out : null;
  }
  return readyMade(v, ctx);
}

/**
 * An instance the SDK exports ready-made (`import ollama from "ollama"`): its defaults apply.
 * A client known only from a type annotation is not one.
 */
function readyMade(v: Val | null, ctx: CheckContext): ClientCandidate[] | null {
  if (v?.t !== "inst" || !v.ctor || v.origin) return null;
  const m = ctx.finder.ev.exportMember(v.provider, v.ctor);
  // A ready-made instance, or a class used through its static members (`MemoryVectorStore.fromDocuments`).
  return m?.is && v.type === m.is ? [{ configs: v.configs }] : null;
}

/** Right-hand sides of `name = ...` / `name ??= ...` in the scope that declares it. */
function assignmentsTo(name: string, decl: ts.VariableDeclaration): ts.Expression[] {
  let scope: ts.Node | undefined = decl.parent;
  while (scope && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  const out: ts.Expression[] = [];
  const stack: ts.Node[] = scope ? [scope] : [];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.EqualsToken || n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken || n.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken) && ts.isIdentifier(n.left) && n.left.text === name) out.push(n.right);
    n.forEachChild((c) => void stack.push(c));
  }
  return out;
}

/** The expressions a function returns (an arrow's expression body, or each `return`; not those of nested functions). */
export { returnedExpressions };

function fromParameter(fn: FunctionNode, index: number, param: ts.ParameterDeclaration, ctx: CheckContext, via: ts.CallExpression | undefined, depth: number, seen: Set<ts.Node>): ClientCandidate[] | null {
  const out: ClientCandidate[] = [];
  const calls = via && callsFunction(via, fn, ctx) ? [via] : callersOf(fn, ctx);
  let defaulted = false;
  for (const call of calls) {
    const arg = call.arguments?.[index];
    if (!arg) {
      defaulted = true;
      continue;
    }
    const r = fromExpression(arg, ctx, undefined, depth + 1, seen);
    if (r) out.push(...r);
  }
  if ((defaulted || !calls.length) && param.initializer) {
    const r = fromExpression(param.initializer, ctx, undefined, depth + 1, seen);
    if (r) out.push(...r);
  }
  return out.length ? out : null;
}

function callsFunction(call: ts.CallExpression, fn: FunctionNode, ctx: CheckContext): boolean {
  const v = ctx.finder.ev.eval(call.expression);
  return v?.t === "fn" && v.node === fn;
}

const callIndex = new WeakMap<object, Map<string, (ts.CallExpression | ts.NewExpression)[]>>();

/** Workspace calls (outside tests) of a function, or `new` of the class whose constructor it is. */
function callersOf(fn: FunctionNode, ctx: CheckContext): (ts.CallExpression | ts.NewExpression)[] {
  const isCtor = ts.isConstructorDeclaration(fn);
  const cls = isCtor ? fn.parent : undefined;
  const name = isCtor ? (cls && ts.isClassLike(cls) ? cls.name?.text : undefined) : functionName(fn);
  if (!name) return [];
  const index = callsByName(ctx);
  const out: (ts.CallExpression | ts.NewExpression)[] = [];
  for (const c of index.get(name) ?? []) {
    if (ctx.isTestFile(ctx.workspace.get(c.getSourceFile().fileName)?.rel ?? "")) continue;
    if (isCtor) {
      const v = ts.isNewExpression(c) ? ctx.finder.ev.eval(c.expression) : null;
      if (v?.t === "class" && v.node === cls) out.push(c);
    } else if (ts.isCallExpression(c)) {
      const v = ctx.finder.ev.eval(c.expression);
      if (v?.t === "fn" && v.node === fn) out.push(c);
    }
  }
  return out;
}

/** The name a function is called by: its own, its method name, or the variable holding it. */
export function functionName(fn: FunctionNode): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return fn.name.text;
  if ((ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn)) && ts.isIdentifier(fn.name)) return fn.name.text;
  const p = fn.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

/** Calls and `new`s in the scanned files by the last name of their callee (built once per scan). */
function callsByName(ctx: CheckContext): Map<string, (ts.CallExpression | ts.NewExpression)[]> {
  let index = callIndex.get(ctx.finder);
  if (index) return index;
  // Built for every site of the scan: no one file's time budget pays for it.
  return unbudgeted(() => buildCallIndex(ctx));
}

function buildCallIndex(ctx: CheckContext): Map<string, (ts.CallExpression | ts.NewExpression)[]> {
  const index = new Map<string, (ts.CallExpression | ts.NewExpression)[]>();
  for (const f of ctx.workspace.files.values()) {
    for (const [name, calls] of namesIn(f.sf).calls) {
      const list = index.get(name);
      if (list) for (const c of calls) list.push(c);
      else index.set(name, [...calls]);
    }
  }
  callIndex.set(ctx.finder, index);
  return index;
}


