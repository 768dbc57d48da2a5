/**
 * The fallback that answers with a placeholder: the call's statement and those after it in its block
 * go into `try`, and the catch logs and returns a module-level `FALLBACK_<FUNCTION>` constant of the
 * function's result type (marked TODO: what users get is the user's decision). A catch that only logs
 * and rethrows keeps its log line and returns the placeholder instead; a retry loop that gives up with
 * a `throw` returns it instead of throwing. Functions that return nothing log and go on.
 */
import ts from "typescript";
import type { FixContext } from "../../../fixes/context";
import type { FixDraft } from "../../../fixes/defineFix";
import type { EditTarget } from "../../../fixes/edit/objects";
import { deepen, endWithTrailingComment, freeLocal, indentLines, insertAbove, isItemLoopBody, startWithLeadingComments, statementOf, usedNames, wrapInTry } from "../../../fixes/edit/tryCatch";
import { indentAt, indentUnit, newlineOf, quoteOf, usesSemicolons } from "../../../fixes/edit/text";
import type { TextEdit } from "../../../fixes/types";
import { functionName, functionOf, isAsync } from "../../../fixes/edit/functions";
import { resultShape, type ResultShape } from "./placeholder";

const TODO = "// TODO(llm-readiness): decide what users get when the model is unavailable.";

/** How the code around the call looks to the fix: the function, what it returns, how to write strings and statement ends. */
interface Scene {
  t: EditTarget;
  call: ts.CallExpression;
  fn: ts.FunctionLikeDeclaration | undefined;
  name: string | undefined;
  shape: ResultShape;
  q: string;
  semi: string;
}

export function degradedPath(ctx: FixContext): FixDraft | undefined {
  const t = ctx.target;
  const call = ctx.site.call;
  const fn = functionOf(call);
  if (fn && !isAsync(fn)) return undefined; // a try/catch in a sync function does not see a rejected promise
  const shape: ResultShape | undefined = fn ? resultShape(fn) : { kind: "void" };
  if (!shape) return undefined;
  const s: Scene = { t, call, fn, name: fn ? functionName(fn) : undefined, shape, q: quoteOf(t.sf), semi: usesSemicolons(t.sf) ? ";" : "" };

  const tried = enclosingTry(call, fn);
  if (tried?.catchClause) {
    const loop = retryLoop(tried, fn);
    return loop ? afterRetries(s, loop) : rewriteCatch(s, tried.catchClause);
  }
  return wrap(s);
}

/** The try statement whose try block holds the call, inside the call's function. */
function enclosingTry(call: ts.Node, fn: ts.Node | undefined): ts.TryStatement | undefined {
  for (let x: ts.Node = call; x.parent && x.parent !== fn; x = x.parent) {
    const p: ts.Node = x.parent;
    if (ts.isFunctionLike(p)) return undefined;
    if (ts.isTryStatement(p) && p.tryBlock === x) return p;
  }
  return undefined;
}

/** A loop that runs the try again when its catch neither returns nor throws: a retry loop. */
function retryLoop(tried: ts.TryStatement, fn: ts.Node | undefined): ts.IterationStatement | undefined {
  const exits = tried.catchClause!.block.statements.some((st) => ts.isThrowStatement(st) || ts.isReturnStatement(st) || ts.isBreakStatement(st));
  if (exits) return undefined;
  for (let x: ts.Node = tried; x.parent && x.parent !== fn; x = x.parent) {
    const p: ts.Node = x.parent;
    if (ts.isFunctionLike(p)) return undefined;
    if ((ts.isForStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) && p.statement === x) return p;
  }
  return undefined;
}

/** The placeholder constant for a function that returns a value: its name, and the edit declaring it above the function. */
function placeholder(s: Scene): { name: string; edit: TextEdit; typed: boolean } | undefined {
  if (s.shape.kind !== "value") return undefined;
  let top: ts.Node = s.fn ?? s.call;
  while (top.parent && !ts.isSourceFile(top.parent)) top = top.parent;
  const base = `FALLBACK_${snake(s.name ?? "answer")}`;
  const name = freeLocal(usedNames(s.t.sf), base);
  // Typed in TypeScript, so an edit of the value keeps matching what the function returns.
  const ts_ = /\.[cm]?tsx?$/.test(s.t.file);
  const type = ts_ && s.shape.type ? `: ${s.shape.type}` : ts_ && s.shape.value === "[]" ? ": never[]" : "";
  return { name, typed: !ts_ || !!s.shape.type, edit: insertAbove(s.t, top, `${TODO}\nconst ${name}${type} = ${s.shape.value}${s.semi}`) };
}

/** The title's note on the placeholder: a TypeScript one whose type could not be named says so. */
function decide(ph: { typed: boolean }): string {
  return ph.typed ? "a placeholder to decide" : "a placeholder to decide; the function's result type could not be named, so it is typed `never[]`";
}

/** `rewriteHeadline` → `REWRITE_HEADLINE`. */
function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();
}

function warn(s: Scene, what: string, err: string | undefined): string {
  const who = s.name ? `${s.name}: ` : "";
  return `console.warn(${s.q}${who}the model call failed; ${what}${s.q}${err ? `, ${err}` : ""})${s.semi}`;
}

/** Wraps the call's statement and the rest of its block in try/catch. */
function wrap(s: Scene): FixDraft | undefined {
  const slot = statementOf(s.call);
  if (!slot) return s.fn && ts.isArrowFunction(s.fn) && !ts.isBlock(s.fn.body) ? wrapArrowBody(s, s.fn) : undefined;
  const from = slot.list.indexOf(slot.stmt);
  const range = slot.list.slice(from);
  // Declarations that other code may reach (exports, hoisted functions, types) cannot move into a block.
  if (range.some((st) => !movable(st))) return undefined;
  const merged = intoFollowingTry(s, range);
  if (merged) return merged;
  const first = range[0]!;
  const last = range[range.length - 1]!;
  // In a loop over items, the degraded path is the next item; elsewhere, the function's answer.
  const skip = isItemLoopBody(slot.owner);
  const ph = skip ? undefined : placeholder(s);
  if (!skip && s.shape.kind === "value" && !ph) return undefined;
  // A request handler that goes on without the answer would never respond.
  if (!skip && !ph && s.fn && respondsThroughParameter(s.fn, range)) return undefined;
  const lines: string[] = [];
  let title: string;
  if (ph) {
    lines.push(warn(s, `answering with ${ph.name}`, "err"), `return ${ph.name}${s.semi}`);
    title = `Catch the failure and return \`${ph.name}\` (${decide(ph)})`;
  } else {
    lines.push(TODO, warn(s, skip ? "skipping this item" : "going on without its answer", "err"));
    title = skip ? "Catch the failure and skip this item" : "Catch the failure and go on without the answer";
  }
  const edits = [wrapInTry(s.t, first, last, "err", lines.join("\n"), s.call)];
  if (ph) edits.unshift(ph.edit);
  return { title, strategy: "native", safe: false, edits };
}

/** `async (x) => (await call(x)).text` becomes a block body: try { return ...; } catch { return the placeholder; }. */
function wrapArrowBody(s: Scene, fn: ts.ArrowFunction): FixDraft | undefined {
  const ph = placeholder(s);
  if (!ph) return undefined;
  const sf = s.t.sf;
  const text = sf.text;
  const nl = newlineOf(text);
  const unit = indentUnit(text);
  const body = fn.body;
  const arrow = fn.equalsGreaterThanToken;
  // The block opens on the arrow's line; the expression's lines move to the `return` two levels in.
  const indent = indentAt(text, arrow.getStart(sf));
  const from = indentAt(text, body.getStart(sf));
  const to = indent + unit + unit;
  const expr = deepen(sf, body.getStart(sf), body.getEnd(), to.startsWith(from) && to !== from ? to.slice(from.length) : unit + unit);
  const lines = [
    "{",
    `${unit}try {`,
    `${unit}${unit}return ${expr}${s.semi}`,
    `${unit}} catch (err) {`,
    `${unit}${unit}${warn(s, `answering with ${ph.name}`, "err")}`,
    `${unit}${unit}return ${ph.name}${s.semi}`,
    `${unit}}`,
    "}",
  ];
  return {
    title: `Catch the failure and return \`${ph.name}\` (${decide(ph)})`,
    strategy: "native",
    safe: false,
    edits: [ph.edit, { file: s.t.file, start: arrow.getEnd(), end: body.getEnd(), newText: ` ${lines.join(nl + indent)}` }],
  };
}

/** A call like `res.json(...)`, `reply.send(...)` on the response parameter of a request handler. */
function respondsThroughParameter(fn: ts.FunctionLikeDeclaration, range: readonly ts.Statement[]): boolean {
  const params = new Set<string>();
  for (const p of fn.parameters) if (ts.isIdentifier(p.name) && /^(res|resp|response|reply|ctx|c)$/.test(p.name.text)) params.add(p.name.text);
  if (!params.size) return false;
  const hit = (n: ts.Node): boolean => {
    if (ts.isCallExpression(n)) {
      let callee = n.expression;
      if (ts.isPropertyAccessExpression(callee) && /^(json|send|end|write|render|redirect|sendStatus|status|reply)$/.test(callee.name.text)) {
        while (ts.isPropertyAccessExpression(callee) || ts.isCallExpression(callee)) callee = callee.expression;
        if (ts.isIdentifier(callee) && params.has(callee.text)) return true;
      }
    }
    return !!n.forEachChild((c) => hit(c) || undefined);
  };
  return range.some(hit);
}

/**
 * The call's statements followed by a try that rethrows (a stream read in `try { for await ... }`):
 * they move into that try, whose catch then gets the degraded path, rather than a second try around both.
 * Only when nothing after the try uses what they declare.
 */
function intoFollowingTry(s: Scene, range: readonly ts.Statement[]): FixDraft | undefined {
  const at = range.findIndex((st) => ts.isTryStatement(st) && !!st.catchClause && st.catchClause.block.statements.some(ts.isThrowStatement));
  if (at <= 0) return undefined;
  const tried = range[at] as ts.TryStatement;
  const moved = range.slice(0, at);
  const declared = new Set<string>();
  for (const st of moved) if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) collectBindingNames(d.name, declared);
  const after = range.slice(at + 1);
  if (after.some((st) => mentions(st, declared))) return undefined;
  const rewritten = rewriteCatch(s, tried.catchClause!);
  if (!rewritten) return undefined;
  const sf = s.t.sf;
  const text = sf.text;
  const nl = newlineOf(text);
  const unit = indentUnit(text);
  const start = moved[0]!.getStart(sf);
  const end = endWithTrailingComment(sf, moved[moved.length - 1]!);
  const indent = indentAt(text, start);
  const open = tried.tryBlock.getStart(sf) + 1;
  return {
    ...rewritten,
    title: rewritten.title.replace(/^(Return|Go on)/, (m) => `Move the call into the try; ${m.toLowerCase()}`),
    edits: [
      { file: s.t.file, start, end: tried.getStart(sf), newText: "" },
      { file: s.t.file, start: open, end: open, newText: `${nl}${indent}${unit}${deepen(sf, start, end, unit)}` },
      ...rewritten.edits,
    ],
  };
}

function mentions(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(node)) return names.has(node.text);
  return !!node.forEachChild((c) => mentions(c, names) || undefined);
}

function collectBindingNames(n: ts.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(n)) out.add(n.text);
  else for (const el of n.elements) if (!ts.isOmittedExpression(el)) collectBindingNames(el.name, out);
}

function movable(st: ts.Statement): boolean {
  if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st)) return false;
  if (ts.isImportDeclaration(st) || ts.isExportDeclaration(st) || ts.isExportAssignment(st)) return false;
  return !ts.getModifiers(st as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/**
 * A catch that logs and rethrows (or answers with an error): its rethrows and error returns give way
 * to the placeholder; its log lines stay. A catch that answers an HTTP request with an error status
 * is left alone: what a degraded response looks like there is not the fix's to guess.
 */
function rewriteCatch(s: Scene, clause: ts.CatchClause): FixDraft | undefined {
  const sf = s.t.sf;
  const block = clause.block;
  const exits = new Set<ts.Statement>(block.statements.filter((st) => ts.isThrowStatement(st) || ts.isReturnStatement(st)));
  const kept = block.statements.filter((st) => !exits.has(st));
  if (kept.some((st) => RESPONDS_WITH_ERROR.test(st.getText(sf)))) return undefined;
  const ph = placeholder(s);
  if (s.shape.kind === "value" && !ph) return undefined;
  const err = clause.variableDeclaration && ts.isIdentifier(clause.variableDeclaration.name) ? clause.variableDeclaration.name.text : undefined;
  const logs = kept.some((st) => /\b(console|logger|log)\b/i.test(st.getText(sf)));
  const added: string[] = [];
  if (ph) {
    if (!logs) added.push(warn(s, `answering with ${ph.name}`, err));
    added.push(`return ${ph.name}${s.semi}`);
  } else if (!logs) added.push(warn(s, "going on without its answer", err));
  const text = sf.text;
  const nl = newlineOf(text);
  const indent = indentAt(text, block.getStart(sf)) + indentUnit(text);
  const body = [
    ...(ph ? [] : [TODO]),
    ...kept.map((st) => text.slice(startWithLeadingComments(sf, st), endWithTrailingComment(sf, st))),
    ...added.map((l) => indentLines(l, indent, nl)),
  ];
  const edits: TextEdit[] = [
    { file: s.t.file, start: block.getStart(sf) + 1, end: block.getEnd() - 1, newText: `${nl}${body.map((b) => indent + b).join(nl)}${nl}${indentAt(text, block.getEnd() - 1)}` },
  ];
  if (ph) edits.unshift(ph.edit);
  const what = [...exits].some(ts.isThrowStatement) ? "instead of rethrowing" : "instead of the error";
  return {
    title: ph ? `Return \`${ph.name}\` from the catch ${what} (${decide(ph)})` : `Go on without the answer in the catch ${what}`,
    strategy: "native",
    safe: false,
    edits,
  };
}

/** Calls that turn the failure into an error response or hand it on (`res.status(502)`, `next(err)`, `reject(err)`). */
const RESPONDS_WITH_ERROR = /\.(status|sendStatus|writeHead)\(\s*[45]\d\d|\bstatus:\s*[45]\d\d|\b(next|reject|callback|cb|done)\(/;

/** A retry loop whose attempts end in `throw lastError`: the throw becomes the placeholder. */
function afterRetries(s: Scene, loop: ts.IterationStatement): FixDraft | undefined {
  const slot = statementOf(loop);
  if (!slot) return undefined;
  const next = slot.list[slot.list.indexOf(slot.stmt) + 1];
  if (!next || !ts.isThrowStatement(next)) return undefined;
  const ph = placeholder(s);
  if (s.shape.kind === "value" && !ph) return undefined;
  const sf = s.t.sf;
  const thrown = next.expression.getText(sf);
  const lines = ph ? [warn(s, `answering with ${ph.name}`, thrown), `return ${ph.name}${s.semi}`] : [TODO, warn(s, "going on without its answer", thrown)];
  const indent = indentAt(sf.text, next.getStart(sf));
  const nl = newlineOf(sf.text);
  const edits: TextEdit[] = [{ file: s.t.file, start: next.getStart(sf), end: next.getEnd(), newText: lines.map((l) => indentLines(l, indent, nl)).join(nl + indent) }];
  if (ph) edits.unshift(ph.edit);
  return {
    title: ph ? `Return \`${ph.name}\` when the retries give up (${decide(ph)})` : "Go on without the answer when the retries give up",
    strategy: "native",
    safe: false,
    edits,
  };
}
