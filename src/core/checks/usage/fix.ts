/**
 * usage fixes (rules/docs/usage.md "Quick fix"): record the token usage of the call's answer where the
 * answer is first at hand, through the user's usage helper when the configuration names one that fits,
 * else through the generated `recordUsage` (usage/recordUsageHelper.ts). Where the usage is depends on
 * the SDK (usage/usageSource.ts): the awaited response, the last chunk of an OpenAI stream (asked for
 * with `stream_options.include_usage`), a stream's end event, the AI SDK's end-of-stream callback, or
 * the JSON of a raw HTTP response. For a wrapper's caller the fix goes into the wrapper, at the SDK
 * call: every caller's usage is then recorded.
 */
import ts from "typescript";
import type { DetectedSite } from "../../callSites/detect";
import type { FixContext } from "../../fixes/context";
import { defineFix, type FixDraft } from "../../fixes/defineFix";
import { functionName, functionOf } from "../../fixes/edit/functions";
import { addProperty, bare, propertyOf, setPath, type EditTarget } from "../../fixes/edit/objects";
import { deepen, freeLocal, indentLines, insertStatementsAfter, insertStatementsBefore, usedNames } from "../../fixes/edit/tryCatch";
import { indentAt, indentUnit, newlineOf, quoteOf, usesSemicolons } from "../../fixes/edit/text";
import type { TextEdit } from "../../fixes/types";
import { recorderFor, type Recorder, type UsageFacts } from "./fix/recorder";
import { bindResponse, type ResponseBinding } from "./fix/responseBinding";
import { usageSource, type UsageSource } from "./fix/usageSource";

export default defineFix({
  check: "usage",
  build(ctx) {
    const site = ctx.site.via === "wrapper" ? ctx.checks.innermost(ctx.site) : ctx.site;
    if (site.via === "wrapper") return [];
    const t = site === ctx.site ? ctx.target : ctx.targetOf(site.file);
    const source = usageSource(site, ctx.checks, ctx.dependencies);
    if (!source) return [];
    const w = writerOf(ctx, site, t);
    const fix = source.kind === "response" ? fromResponse(w, source)
      : source.kind === "json-body" ? fromJsonBody(w, source)
      : source.kind === "ai-sdk-callback" ? fromCallback(w, source)
      : fromStream(w, source);
    return fix ? [fix] : [];
  },
});

/** What every builder needs: the site, its file, and how to write code the way that file does. */
interface Writer {
  ctx: FixContext;
  site: DetectedSite;
  t: EditTarget;
  q: string;
  semi: string;
  feature: string | undefined;
}

function writerOf(ctx: FixContext, site: DetectedSite, t: EditTarget): Writer {
  // The feature is the nearest named function: a callback (`withRetry(() => ...)`) has no name of its own.
  let feature: string | undefined;
  for (let fn = functionOf(site.call); fn && !feature; fn = functionOf(fn)) feature = functionName(fn);
  return { ctx, site, t, q: quoteOf(t.sf), semi: usesSemicolons(t.sf) ? ";" : "", feature };
}

/** The requested model as a string literal, when the request names it. */
function requestedModel(w: Writer): string | undefined {
  return w.site.model ? `${w.q}${w.site.model}${w.q}` : undefined;
}

function facts(w: Writer, f: Omit<UsageFacts, "provider" | "feature">): UsageFacts {
  return { provider: w.site.provider, feature: w.feature, ...f };
}

/** `rec(...)` as a statement, behind its guard when the recorder needs one. */
function statement(w: Writer, r: { code: string; guard?: string }, conditions: string[] = []): string {
  const all = [...conditions, ...(r.guard ? [r.guard] : [])];
  return all.length ? `if (${all.join(" && ")}) ${r.code}${w.semi}` : `${r.code}${w.semi}`;
}

function draft(w: Writer, rec: Recorder, edits: TextEdit[], how = "", safe = true): FixDraft {
  const whose = rec.owner === "generated" ? `added to ${rec.create[0]?.file ?? rec.edits.find((e) => e.file !== w.ctx.target.file)?.file ?? w.ctx.options.helperFile}` : "your usage helper";
  return {
    title: `Record the token usage ${how}with \`${rec.name}\` (${whose})`,
    strategy: "wrapper",
    safe,
    edits: [...edits, ...rec.edits],
    create: rec.create,
  };
}

/** The name a new local for the response gets: what the SDK's docs call it. */
function localName(site: DetectedSite): string {
  if (site.via === "http") return "res";
  switch (site.sdk?.id) {
    case "openai":
      return /responses\./.test(site.callee) ? "response" : "completion";
    case "anthropic":
    case "langchain":
      return "message";
    case "vercel-ai":
      return "result";
    default:
      return "response";
  }
}

/** Usage read from the awaited response: after the statement that holds it, or from a local introduced for it. */
function fromResponse(w: Writer, src: Extract<UsageSource, { kind: "response" }>): FixDraft | undefined {
  const b = bindResponse(w.t, w.site.call, localName(w.site));
  if (!b) return undefined;
  if (b.kind === "destructured") return fromPattern(w, src, b);
  const f = facts(w, { usage: `${b.name}.${src.usage}`, model: src.model ? `${b.name}.${src.model}` : requestedModel(w), response: b.name, optional: src.optional });
  const rec = recorderFor(w.ctx, w.t, f);
  const r = rec.record(f);
  if (!r) return undefined;
  const line = statement(w, r);
  if (b.kind === "declared") return draft(w, rec, [insertStatementsAfter(w.t, b.stmt, line)]);
  return draft(w, rec, introduce(w, b, line));
}

/** The edits that give the response a local (`const completion = await ...;`) and record its usage on the next line. */
function introduce(w: Writer, b: Extract<ResponseBinding, { kind: "introduced" | "discarded" }>, line: string): TextEdit[] {
  const code = `${b.declare}\n${line}`;
  if (b.kind === "introduced") return [insertStatementsBefore(w.t, b.stmt, code), b.replace];
  const sf = w.t.sf;
  return [{ file: w.t.file, start: b.stmt.getStart(sf), end: b.stmt.getEnd(), newText: indentLines(code, indentAt(sf.text, b.stmt.getStart(sf)), newlineOf(sf.text)) }];
}

/** `const { text } = await generateText(...)`: the usage joins the destructuring (`{ text, usage }`). */
function fromPattern(w: Writer, src: Extract<UsageSource, { kind: "response" }>, b: Extract<ResponseBinding, { kind: "destructured" }>): FixDraft | undefined {
  const sf = w.t.sf;
  const pattern = b.pattern;
  const edits: TextEdit[] = [];
  let local: string | undefined;
  for (const el of pattern.elements) {
    const key = el.propertyName ? el.propertyName.getText(sf) : el.name.getText(sf);
    if (el.dotDotDotToken && ts.isIdentifier(el.name)) local = `${el.name.text}.${src.usage}`;
    else if (key === src.usage && ts.isIdentifier(el.name)) local = el.name.text;
  }
  if (!local) {
    const last = pattern.elements[pattern.elements.length - 1];
    if (!last || pattern.getText(sf).includes("\n")) return undefined;
    const fn = functionOf(w.site.call);
    const name = freeLocal(usedNames(fn ?? sf), src.usage);
    local = name;
    edits.push({ file: w.t.file, start: last.getEnd(), end: last.getEnd(), newText: `, ${name === src.usage ? name : `${src.usage}: ${name}`}` });
  }
  const f = facts(w, { usage: local, model: requestedModel(w), optional: src.optional });
  const rec = recorderFor(w.ctx, w.t, f);
  const r = rec.record(f);
  if (!r) return undefined;
  edits.push(insertStatementsAfter(w.t, b.stmt, statement(w, r)));
  return draft(w, rec, edits);
}

/**
 * Raw HTTP: the usage of the JSON the body parses to (`const data = await res.json()`), when its type
 * says nothing or names the usage field (a cast to a type without it would not compile).
 */
function fromJsonBody(w: Writer, src: Extract<UsageSource, { kind: "json-body" }>): FixDraft | undefined {
  const b = bindResponse(w.t, w.site.call, "res");
  if (!b || b.kind !== "declared") return undefined;
  const scope = functionOf(w.site.call)?.body ?? w.t.sf;
  let decl: ts.VariableDeclaration | undefined;
  const visit = (n: ts.Node) => {
    if (decl) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && isJsonOf(n.initializer, b.name)) decl = n;
    else n.forEachChild(visit);
  };
  visit(scope);
  if (!decl || !ts.isIdentifier(decl.name) || !ts.isVariableStatement(decl.parent.parent)) return undefined;
  const declared = decl.type ?? castType(decl.initializer!);
  if (declared && !hasMember(declared, src.usage)) return undefined;
  const name = decl.name.text;
  const f = facts(w, { usage: `${name}.${src.usage}`, model: requestedModel(w), response: name, optional: false });
  const rec = recorderFor(w.ctx, w.t, f);
  const r = rec.record(f);
  if (!r) return undefined;
  return draft(w, rec, [insertStatementsAfter(w.t, decl.parent.parent, statement(w, r))]);
}

/** `await res.json()`, `(await res.json()) as T`. */
function isJsonOf(e: ts.Expression, res: string): boolean {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isSatisfiesExpression(x) || ts.isAwaitExpression(x) || ts.isNonNullExpression(x)) x = x.expression;
  return ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && x.expression.name.text === "json" && ts.isIdentifier(x.expression.expression) && x.expression.expression.text === res;
}

function castType(e: ts.Expression): ts.TypeNode | undefined {
  let x = e;
  while (ts.isParenthesizedExpression(x)) x = x.expression;
  return ts.isAsExpression(x) || ts.isSatisfiesExpression(x) ? x.type : undefined;
}

/** Whether a type (a literal, or an interface or alias of its file) declares the member. */
function hasMember(t: ts.TypeNode, key: string, depth = 0): boolean {
  if (depth > 3) return false;
  if (t.kind === ts.SyntaxKind.AnyKeyword) return true;
  if (ts.isTypeLiteralNode(t)) return t.members.some((m) => m.name?.getText() === key);
  if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName)) {
    const name = t.typeName.text;
    for (const s of t.getSourceFile().statements) {
      if (ts.isInterfaceDeclaration(s) && s.name.text === name) return s.members.some((m) => m.name?.getText() === key);
      if (ts.isTypeAliasDeclaration(s) && s.name.text === name) return hasMember(s.type, key, depth + 1);
    }
  }
  return false;
}

/** AI SDK `streamText`: the end-of-stream callback records `usage`, added to the request or to the callback already there. */
function fromCallback(w: Writer, src: Extract<UsageSource, { kind: "ai-sdk-callback" }>): FixDraft | undefined {
  const arg = w.site.call.arguments[0];
  const obj = arg && bare(arg);
  if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
  const existing = propertyOf(obj, "onEnd") ?? propertyOf(obj, "onFinish");
  const f = facts(w, { usage: src.field === "usage" ? "usage" : src.field, model: requestedModel(w), optional: false });
  if (!existing) {
    const rec = recorderFor(w.ctx, w.t, f);
    const r = rec.record(f);
    if (!r) return undefined;
    const edit = addProperty(w.t, obj, `${src.option}: ({ ${src.field} }) => ${r.guard ? `{ ${statement(w, r)} }` : r.code}`);
    return draft(w, rec, [edit], `in \`${src.option}\` `);
  }
  const fn = ts.isPropertyAssignment(existing) ? bare(existing.initializer) : ts.isMethodDeclaration(existing) ? existing : undefined;
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) || !fn.body) return undefined;
  const key = propertyKeyOf(existing);
  return intoCallback(w, fn, src.field, key);
}

function propertyKeyOf(p: ts.ObjectLiteralElementLike): string {
  return p.name ? p.name.getText() : "onEnd";
}

/** Adds the record to a callback the request already has: its event's usage from the parameter, the record first in its body. */
function intoCallback(w: Writer, fn: ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration, field: string, option: string): FixDraft | undefined {
  const sf = w.t.sf;
  const text = sf.text;
  const edits: TextEdit[] = [];
  const param = fn.parameters[0];
  let usage: string;
  if (!param) {
    const open = text.indexOf("(", fn.getStart(sf));
    if (open < 0 || open > fn.body!.getStart(sf)) return undefined;
    edits.push({ file: w.t.file, start: open + 1, end: open + 1, newText: `{ ${field} }` });
    usage = field;
  } else if (ts.isIdentifier(param.name)) usage = `${param.name.text}.${field}`;
  else if (ts.isObjectBindingPattern(param.name)) {
    const el = param.name.elements.find((e) => (e.propertyName ?? e.name).getText(sf) === field && ts.isIdentifier(e.name));
    if (el) usage = (el.name as ts.Identifier).text;
    else {
      const last = param.name.elements[param.name.elements.length - 1];
      if (!last || last.dotDotDotToken) return undefined;
      const name = freeLocal(usedNames(fn), field);
      edits.push({ file: w.t.file, start: last.getEnd(), end: last.getEnd(), newText: `, ${name === field ? name : `${field}: ${name}`}` });
      usage = name;
    }
  } else return undefined;
  const f = facts(w, { usage, model: requestedModel(w), optional: false });
  const rec = recorderFor(w.ctx, w.t, f);
  const r = rec.record(f);
  if (!r) return undefined;
  const line = statement(w, r);
  const body = fn.body!;
  const nl = newlineOf(text);
  if (ts.isBlock(body)) {
    const first = body.statements[0];
    const indent = first ? indentAt(text, first.getStart(sf)) : indentAt(text, body.getStart(sf)) + indentUnit(text);
    edits.push({ file: w.t.file, start: body.getStart(sf) + 1, end: body.getStart(sf) + 1, newText: first && !text.slice(body.getStart(sf), first.getStart(sf)).includes("\n") ? ` ${line}` : `${nl}${indent}${line}` });
  } else {
    // A concise body becomes a block that records, then does what the body did; a value it gives
    // (a promise the SDK awaits) is still returned, a log line is just run.
    const indent = indentAt(text, fn.getStart(sf));
    const unit = indentUnit(text);
    const expr = deepen(sf, body.getStart(sf), body.getEnd(), unit);
    const kept = returnsNothing(body as ts.Expression) ? `${expr}${w.semi}` : `return ${expr}${w.semi}`;
    edits.push({ file: w.t.file, start: body.getStart(sf), end: body.getEnd(), newText: `{${nl}${indent}${unit}${line}${nl}${indent}${unit}${kept}${nl}${indent}}` });
  }
  return draft(w, rec, edits, `in \`${option}\` `);
}

/** A logging call or an assignment: its value is nothing a caller waits for. */
function returnsNothing(e: ts.Expression): boolean {
  const x = bare(e);
  if (ts.isBinaryExpression(x) && x.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && x.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if (!ts.isCallExpression(x)) return false;
  let root: ts.Expression = x.expression;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  return ts.isIdentifier(root) && /^(console|logger|log)$/.test(root.text);
}

/**
 * Streams read in this function with `for await`: the usage is recorded from the chunk or event that
 * carries it, inside the loop. OpenAI chat streams send that chunk only when asked (`include_usage`);
 * it has no choices, so a loop that reads `choices[0].` unguarded skips it.
 */
function fromStream(w: Writer, src: Extract<UsageSource, { kind: "openai-chunks" | "openai-events" | "anthropic-events" }>): FixDraft | undefined {
  const b = bindResponse(w.t, w.site.call, "stream");
  if (!b || b.kind !== "declared") return undefined;
  const loop = streamLoop(b.name, b.stmt);
  if (!loop) return undefined;
  const { statement: st, item } = loop;
  const q = w.q;
  let f: UsageFacts;
  let conditions: string[];
  if (src.kind === "openai-chunks") {
    f = facts(w, { usage: `${item}.usage`, model: `${item}.model`, optional: false });
    conditions = [`${item}.usage`];
  } else if (src.kind === "openai-events") {
    f = facts(w, { usage: `${item}.response.usage`, model: `${item}.response.model`, optional: true });
    conditions = [`${item}.type === ${q}response.completed${q}`];
  } else {
    f = facts(w, { usage: `${item}.usage`, model: requestedModel(w), optional: false });
    conditions = [`${item}.type === ${q}message_delta${q}`];
  }
  const rec = recorderFor(w.ctx, w.t, f);
  const r = rec.record(f);
  if (!r) return undefined;
  const sf = w.t.sf;
  const text = sf.text;
  const nl = newlineOf(text);
  const unit = indentUnit(text);
  const skip = src.kind === "openai-chunks" && /\.choices\[0\](?!\?)/.test(st.statement.getText(sf));
  const code = skip ? `if (${[...conditions, ...(r.guard ? [r.guard] : [])].join(" && ")}) {\n${unit}${r.code}${w.semi}\n${unit}continue${w.semi}\n}` : statement(w, r, conditions);
  const edits: TextEdit[] = [];
  if (src.kind === "openai-chunks") {
    const edit = includeUsage(w.t, w.site.call);
    if (edit) edits.push(edit);
  }
  const body = st.statement;
  const indent = indentAt(text, st.getStart(sf));
  if (ts.isBlock(body)) {
    const first = body.statements[0];
    const inner = first ? indentAt(text, first.getStart(sf)) : indent + unit;
    edits.push({ file: w.t.file, start: body.getStart(sf) + 1, end: body.getStart(sf) + 1, newText: `${nl}${inner}${indentLines(code, inner, nl)}` });
  } else {
    const moved = deepen(sf, body.getStart(sf), body.getEnd(), unit);
    edits.push({ file: w.t.file, start: body.getStart(sf), end: body.getEnd(), newText: `{${nl}${indent}${unit}${indentLines(code, indent + unit, nl)}${nl}${indent}${unit}${moved}${nl}${indent}}` });
  }
  const how = src.kind === "openai-chunks" ? "from the stream's last chunk (`stream_options.include_usage`) " : "from the stream's events ";
  // Asking for the usage chunk changes what the stream yields: reviewed, not applied by fix-all.
  return draft(w, rec, edits, how, src.kind !== "openai-chunks");
}

/** `stream_options: { include_usage: true }` in the request literal, unless it says so already. */
function includeUsage(t: EditTarget, call: ts.CallExpression): TextEdit | undefined {
  const obj = bare(call.arguments[0]!);
  if (!ts.isObjectLiteralExpression(obj)) return undefined;
  const so = propertyOf(obj, "stream_options");
  const inner = so && ts.isPropertyAssignment(so) ? bare(so.initializer) : undefined;
  const on = inner && ts.isObjectLiteralExpression(inner) ? propertyOf(inner, "include_usage") : undefined;
  if (on && ts.isPropertyAssignment(on) && on.initializer.kind === ts.SyntaxKind.TrueKeyword) return undefined;
  return setPath(t, obj, ["stream_options", "include_usage"], "true");
}

/** The `for await (const item of <name>)` after the stream's statement, in the same function. */
function streamLoop(name: string, after: ts.Statement): { statement: ts.ForOfStatement; item: string } | undefined {
  const scope = functionOf(after)?.body ?? after.getSourceFile();
  let found: { statement: ts.ForOfStatement; item: string } | undefined;
  const visit = (n: ts.Node) => {
    if (found || (ts.isFunctionLike(n) && n !== scope.parent)) return;
    if (ts.isForOfStatement(n) && n.awaitModifier && n.pos >= after.end && ts.isIdentifier(n.expression) && n.expression.text === name) {
      const init = n.initializer;
      if (ts.isVariableDeclarationList(init) && init.declarations.length === 1 && ts.isIdentifier(init.declarations[0]!.name)) {
        found = { statement: n, item: init.declarations[0]!.name.text };
        return;
      }
    }
    n.forEachChild(visit);
  };
  scope.forEachChild(visit);
  return found;
}
