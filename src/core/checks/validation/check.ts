/** validation: is model output used as data checked first (schema, guarded parse), or only used as text? (rules/docs/validation.md) */
import ts from "typescript";
import { callsIn, usesAny, type DetectedSite, type SiteFinder } from "../../callSites/detect";
import { isAbsent, unwrap } from "../../flow/optionPaths";
import { resolveName } from "../../callSites/scope";
import { bodyOf, carriesResult, followResult, walk } from "../../flow/outputFlow";
import { CHECK_VALUES } from "../../types";
import type { CheckContext } from "../checkContext";
import { defineCheck, type CheckOutcome } from "../defineCheck";
import { validationLibraries, type ValidationLibraries } from "../../flow/libraryData";
import { OutputUse } from "./outputUse";
import { jsonRunnable, methodOf, requestSchema } from "./structuredOutput";

type Value = (typeof CHECK_VALUES.validation)[number];

/** Wrapper levels followed before giving up (a wrapper of a wrapper... is judged at every level). */
const MAX_DEPTH = 12;

/** A verdict, and whether a `schema` covers only tool arguments (the returned text is judged by its user). */
type Judged = CheckOutcome<Value> & { toolsOnly?: boolean };

interface Tools {
  data: ValidationLibraries;
  use: OutputUse;
  memo: Map<DetectedSite, Judged>;
}

const toolsByFinder = new WeakMap<SiteFinder, Tools>();

function toolsOf(ctx: CheckContext): Tools {
  let t = toolsByFinder.get(ctx.finder);
  if (!t) {
    const data = validationLibraries();
    t = { data, use: new OutputUse(ctx.finder, data), memo: new Map() };
    toolsByFinder.set(ctx.finder, t);
  }
  return t;
}

export default defineCheck({
  id: "validation",
  values: CHECK_VALUES.validation,
  evaluate(site, ctx) {
    const { toolsOnly: _, ...out } = judge(site, ctx, toolsOf(ctx), 0);
    return out;
  },
});

function judge(site: DetectedSite, ctx: CheckContext, t: Tools, depth: number): Judged {
  const cached = t.memo.get(site);
  if (cached) return cached;
  const out = judgeUncached(site, ctx, t, depth);
  t.memo.set(site, out);
  return out;
}

function judgeUncached(site: DetectedSite, ctx: CheckContext, t: Tools, depth: number): Judged {
  if (site.kind === "embedding") return { value: "n/a", note: "an embedding returns vectors, not text" };
  const innermost = ctx.innermost(site);
  if (site.kind === "other-model" && !isTextOutput(innermost, ctx, t.data)) return { value: "n/a", note: "the model returns no text (image, audio, moderation)" };
  const invoke = innermost.via === "sdk" ? genericInvokeOutput(innermost, ctx, t.data) : undefined;
  // A helper's name weighs less than a model id the code states.
  if (invoke?.kind === "non-text" && !innermost.model) return { value: "n/a", evidence: invoke.at, note: "a generic invoke to an embedding or image model (its helpers say so): no text comes back" };

  if (site.via === "wrapper") {
    if (!site.inner) return { value: "unknown", note: "the wrapper's request could not be followed" };
    if (depth >= MAX_DEPTH) return { value: "unknown", note: "too many wrapper levels to follow" };
    const inner = judge(dispatchedInner(site, ctx) ?? site.inner, ctx, t, depth + 1);
    if (inner.value === "n/a" || inner.value === "unknown") return inner;
    // The caller decides what happens to what the wrapper returns, unless the wrapper already checked it.
    const here = t.use.of(site.call, "wrapper", innermost.provider);
    if (here.value === "schema") return here;
    const params = wrapperParams(site, ctx);
    const forwarded = forwardedSchema(site, ctx, t, params);
    if (forwarded) return forwarded;
    // A catch around the call sees only JSON that does not parse; any object that parses is taken as it comes.
    const leftOut = here.value === "text" ? schemaLeftOut(site, ctx, t, params) : undefined;
    if (leftOut) return { value: "unchecked", evidence: leftOut, note: "called without a schema, the wrapper asks for JSON (`no-schema`) that nothing checks, and the caller takes it as data" };
    // The wrapper's schema is one its callers pass, and this caller passes none: what it does with the answer decides.
    if (inner.value === "schema" && !inner.toolsOnly && inner.evidence && typeof inner.evidence !== "string") {
      const name = schemaName(inner.evidence);
      const from = name && params.find((p) => p.name === name);
      if (from && !from.passed()) return here;
    }
    if ((inner.value === "schema" && !inner.toolsOnly) || inner.value === "guarded-parse") return { ...inner, note: prefixOnce(WRAPPER_CHECKS, inner.note ?? inner.value) };
    if (inner.value === "unchecked") {
      // A catch around the wrapper call turns a bad parse inside it into a handled failure.
      const caught = t.use.caught(site.call);
      if (caught) return { value: "guarded-parse", evidence: caught, note: "the wrapper parses without a guard, but the caller catches the failure" };
      return { ...inner, note: prefixOnce(IN_WRAPPER, inner.note ?? "the answer is used unchecked") };
    }
    return here;
  }

  const repair = repairCallback(site.call, t.data);
  if (repair) return { value: "schema", evidence: repair, note: "the request repairs an answer that the SDK then checks against its schema" };
  const schema = requestSchema(site, ctx.finder, t.data);
  if (schema) return { value: "schema", evidence: schema.at, note: schema.why, ...(schema.toolsOnly ? { toolsOnly: true } : {}) };
  const use = t.use.of(site.call, site.via, site.provider);
  if (use.value === "text" && site.via === "http") {
    // The call goes through a workspace request helper (an SSE helper given the URL) that parses tool calls itself.
    const v = ctx.finder.ev.eval(site.call.expression);
    const inHelper = v?.t === "fn" ? t.use.helperToolParses(v.node) : undefined;
    if (inHelper) return inHelper;
  }
  if ((invoke?.kind === "data" || (site.kind === "other-model" && isDataOutput(site, t.data))) && use.value !== "schema") {
    // A rerank answer is data as a whole: the JSON body is what the code indexes.
    const caught = t.use.caught(site.call) ?? t.use.caughtParse(site.call);
    return caught
      ? { value: "guarded-parse", evidence: caught, note: "the answer is data; a catch around the call or its parse handles a malformed one" }
      : { value: "unchecked", note: "the answer is data (scores and indices) used with no schema or guard" };
  }
  // The chain itself parses JSON (`.pipe(new JsonOutputParser())`): a parse, guarded when the call is caught.
  const parser = use.value !== "schema" ? jsonRunnable(site, ctx.finder, t.data) : undefined;
  if (parser) {
    const caught = t.use.caught(site.call);
    return caught
      ? { value: "guarded-parse", evidence: caught, note: "the chain parses JSON without a schema; a catch around the call handles a bad answer" }
      : { value: "unchecked", evidence: parser, note: "the chain parses JSON without a schema and nothing catches a bad answer" };
  }
  return use;
}

const WRAPPER_CHECKS = "the wrapper checks the answer: ";
const IN_WRAPPER = "in the wrapper, ";

/** A note judged at an inner wrapper level already says where the check is: said once, not once per level. */
export function prefixOnce(prefix: string, note: string): string {
  return note.startsWith(prefix) ? note : prefix + note;
}

/**
 * The request a wrapper call selects by name (`runService("generateText", params)` reaching
 * `provider[serviceType](params)`): when the request found at the end of the chain sits in a class
 * method and the call passes, as a string, the name of another method of that class, the request
 * in that method is the one this call makes.
 */
function dispatchedInner(site: DetectedSite, ctx: CheckContext): DetectedSite | undefined {
  const end = ctx.innermost(site);
  let method: ts.Node | undefined = end.call.parent;
  while (method && !ts.isMethodDeclaration(method) && !ts.isSourceFile(method)) method = method.parent;
  if (!method || !ts.isMethodDeclaration(method) || !ts.isClassLike(method.parent)) return undefined;
  const own = ts.isIdentifier(method.name) ? method.name.text : undefined;
  const cls = method.parent;
  for (const a of site.call.arguments) {
    if (!ts.isStringLiteralLike(a) || a.text === own) continue;
    const other = cls.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === a.text && !!m.body);
    if (!other?.body) continue;
    for (const c of callsIn(other.body)) {
      const s = ctx.finder.siteAt(c);
      if (s && s.via === "sdk") return s;
    }
  }
  return undefined;
}

/**
 * What a generic invoke (Bedrock `InvokeModelCommand`) to a model chosen at run time returns:
 * `non-text` when a workspace helper that builds its body or is handed its answer is named for
 * embeddings or images (`createBodyImage(...)`, `extractEmbeddings(body)`); `data` when the body
 * carries the keys of a rerank request (`{ query, documents }`).
 */
function genericInvokeOutput(site: DetectedSite, ctx: CheckContext, data: ValidationLibraries): { kind: "non-text" | "data"; at: ts.Node } | undefined {
  const arg = site.call.arguments[0];
  const cmd = arg ? ctx.finder.ev.eval(arg) : null;
  if (cmd?.t !== "inst" || !cmd.ctor || !data.genericInvoke.commands.includes(cmd.ctor)) return undefined;
  const nonText = new RegExp(data.genericInvoke.nonText, "i");
  const helperName = (c: ts.CallExpression) => {
    const v = ctx.finder.ev.eval(c.expression);
    if (v?.t !== "fn") return undefined;
    const e = unwrap(c.expression);
    return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
  };
  // The body: built by a named helper, or an object whose keys say what it asks for.
  for (const cfg of cmd.configs) {
    const obj = ctx.finder.objectLiteral(cfg);
    const body = obj && ctx.finder.propertyExpr(obj, "body");
    if (!body) continue;
    let x = unwrap(body);
    if (ts.isCallExpression(x) && /(^|\.)JSON\.stringify$/.test(x.expression.getText()) && x.arguments[0]) x = unwrap(x.arguments[0]);
    if (ts.isCallExpression(x)) {
      const name = helperName(x);
      if (name && nonText.test(name)) return { kind: "non-text", at: x };
    }
    const payload = ctx.finder.objectLiteral(x);
    if (payload && data.dataOutputs.bodyKeys.some((keys) => keys.every((k) => !!ctx.finder.propertyExpr(payload, k) || payload.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === k)))) return { kind: "data", at: payload };
  }
  // The answer handed to a named helper (`return this._extractEmbeddings(parsed)`).
  for (const seg of followResult(site.call)) {
    const body = bodyOf(seg.container);
    if (!body) continue;
    let hit: ts.CallExpression | undefined;
    walk(body, (n) => {
      if (hit || !ts.isCallExpression(n) || n === site.call || !n.arguments.some((a) => carriesResult(seg, a))) return;
      const name = helperName(n);
      if (name && nonText.test(name)) hit = n;
    });
    if (hit) return { kind: "non-text", at: hit };
  }
  return undefined;
}

/** Transcription and translation models return text, judged as a chat answer is. */
function isTextOutput(site: DetectedSite, ctx: CheckContext, data: ValidationLibraries): boolean {
  const m = methodOf(site, ctx.finder);
  if (m && data.textOutputs.methods.includes(m)) return true;
  if (isDataOutput(site, data)) return true;
  return data.textOutputs.methods.some((x) => site.callee.endsWith(`.${x}`) || site.callee === x);
}

/** Raw HTTP to a model whose JSON answer is data (rerank), rules/libraries/validation.json `dataOutputs`. */
function isDataOutput(site: DetectedSite, data: ValidationLibraries): boolean {
  return !!site.url && data.dataOutputs.urls.some((u) => site.url!.includes(u));
}

/**
 * A schema the caller hands to the wrapper (`complete({ prompt, schema })`) that the wrapper
 * forwards into a schema-checked request: `schema` at this call, whichever request the wrapper
 * makes when none is given.
 */
function forwardedSchema(site: DetectedSite, ctx: CheckContext, t: Tools, params: WrapperParam[]): Judged | undefined {
  for (const { hit, param } of schemaParams(site, ctx, t, params)) {
    if (param.passed()) return { value: "schema", evidence: hit.at, note: `the schema passed to the wrapper reaches ${hit.why}` };
  }
  return undefined;
}

/** The wrapper's schema-checked requests whose schema is one of its parameters, each with that parameter. */
function* schemaParams(site: DetectedSite, ctx: CheckContext, t: Tools, params: WrapperParam[]) {
  const fn = site.wrapper;
  if (!fn?.body || !params.length) return;
  for (const c of callsIn(fn.body)) {
    const inner = ctx.finder.siteAt(c);
    if (!inner || inner.via !== "sdk") continue;
    const hit = requestSchema(inner, ctx.finder, t.data);
    if (!hit || hit.toolsOnly) continue;
    const name = schemaName(hit.at);
    const param = name ? paramOf(name, hit.at, fn, params) : undefined;
    if (param) yield { hit, param };
  }
}

/**
 * A wrapper whose schema-checked request takes its schema from an option this call leaves out, and
 * that then asks for JSON with no schema (`output: "no-schema"`): the caller gets data nobody checked.
 */
function schemaLeftOut(site: DetectedSite, ctx: CheckContext, t: Tools, params: WrapperParam[]): ts.Node | undefined {
  const fn = site.wrapper;
  if (!fn?.body || !params.length) return undefined;
  let noSchema: ts.Node | undefined;
  walk(fn.body, (n) => {
    if (!noSchema && ts.isStringLiteralLike(n) && n.text === "no-schema") noSchema = n;
  });
  if (!noSchema) return undefined;
  for (const { param } of schemaParams(site, ctx, t, params)) if (!param.passed()) return noSchema;
  return undefined;
}

/** The wrapper parameter a schema name comes from: the parameter itself, or a local read from one (`let schema = options.schema`). */
function paramOf(name: string, at: ts.Node, fn: ts.FunctionLikeDeclaration, params: WrapperParam[]): WrapperParam | undefined {
  const direct = params.find((x) => x.name === name);
  if (direct) return direct;
  const b = resolveName(name, at);
  if (b?.kind !== "var" || b.path.length || !b.decl.initializer || !fn.body || b.decl.pos < fn.body.pos || b.decl.end > fn.body.end) return undefined;
  const path: string[] = [];
  let x = unwrap(b.decl.initializer);
  while (ts.isPropertyAccessExpression(x)) {
    path.unshift(x.name.text);
    x = unwrap(x.expression);
  }
  if (!ts.isIdentifier(x) || !path.length) return undefined;
  const root = params.find((p) => p.name === x.text);
  return root ? { name, passed: () => root.passedAt(path), passedAt: (more) => root.passedAt([...path, ...more]) } : undefined;
}

interface WrapperParam {
  name: string;
  /** Whether this call of the wrapper sets the parameter. */
  passed: () => boolean;
  /** Whether it sets the option at `path` inside the parameter (`options.schema`). */
  passedAt: (path: string[]) => boolean;
}

/** The wrapper's parameter names (destructured ones too), each with whether `site.call` passes it. */
function wrapperParams(site: DetectedSite, ctx: CheckContext): WrapperParam[] {
  const fn = site.wrapper;
  const params: WrapperParam[] = [];
  if (!fn) return params;
  const argAt = (i: number) => site.call.arguments[i];
  const set = (e: ts.Expression | undefined) => !!e && !isAbsent(e);
  // The value at `path` inside an argument, or undefined when an object on the way is not written out.
  const at = (e: ts.Expression | undefined, path: string[]): ts.Expression | undefined | null => {
    let x = e;
    for (const k of path) {
      const obj = x && ctx.finder.objectLiteral(x);
      if (!obj) return x ? null : undefined;
      x = ctx.finder.propertyExpr(obj, k);
    }
    return x;
  };
  const passedAt = (e: ts.Expression | undefined, path: string[]) => {
    const v = at(e, path);
    return v === null ? set(e) : set(v);
  };
  fn.parameters.forEach((p, i) => {
    if (ts.isIdentifier(p.name)) params.push({ name: p.name.text, passed: () => set(argAt(i)), passedAt: (path) => passedAt(argAt(i), path) });
    else if (ts.isObjectBindingPattern(p.name)) {
      for (const el of p.name.elements) {
        if (!ts.isIdentifier(el.name)) continue;
        const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
        params.push({
          name: el.name.text,
          passed: () => passedAt(argAt(i), [key]),
          passedAt: (path) => passedAt(argAt(i), [key, ...path]),
        });
      }
    }
  });
  return params;
}

/** The repair callback option (`experimental_repairText: async ({ text }) => ...`) whose function holds `call`. */
function repairCallback(call: ts.Node, data: ValidationLibraries): ts.Node | undefined {
  for (let n: ts.Node | undefined = call.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const holder = ts.isMethodDeclaration(n) ? n : n.parent;
    const name = holder && (ts.isPropertyAssignment(holder) || ts.isMethodDeclaration(holder)) && ts.isIdentifier(holder.name) ? holder.name.text : undefined;
    if (name && data.repairCallbacks.options.includes(name)) return holder;
    return undefined;
  }
  return undefined;
}

/** The name a schema option is given by (`schema`, `schema: s`, `schema: jsonSchema(s)`), not names used inside a schema built in place. */
function schemaName(at: ts.Node): string | undefined {
  let v: ts.Expression | undefined;
  if (ts.isShorthandPropertyAssignment(at)) return at.name.text;
  if (ts.isPropertyAssignment(at)) v = at.initializer;
  else if (ts.isExpression(at)) v = at;
  if (!v) return undefined;
  let x = v;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x)) x = x.expression;
  if (ts.isCallExpression(x) && x.arguments.length === 1) x = x.arguments[0]!;
  if (ts.isConditionalExpression(x)) x = x.whenTrue;
  return ts.isIdentifier(x) ? x.text : undefined;
}
