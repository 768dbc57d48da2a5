/**
 * Statement-level edits for fixes that restructure code around a call, keeping the user's layout:
 * the statement holding a node, statements inserted next to it at its indentation, a run of
 * statements wrapped in try/catch one level deeper (template literal text untouched), and local
 * names that do not clash with what the code already uses.
 */
import ts from "typescript";
import { topLevel } from "../../callSites/scope";
import type { TextEdit } from "../types";
import type { EditTarget } from "./objects";
import { indentAt, indentUnit, newlineOf } from "./text";

/** A statement and the list it sits in (a block, a file, a case clause). */
export interface StatementSlot {
  stmt: ts.Statement;
  list: ts.NodeArray<ts.Statement>;
  /** The block, source file or clause holding the list. */
  owner: ts.Block | ts.SourceFile | ts.CaseOrDefaultClause | ts.ModuleBlock;
}

/**
 * The innermost statement holding `node` that sits directly in a statement list, without leaving
 * the function `node` is in (in an arrow with an expression body there is none: undefined).
 */
export function statementOf(node: ts.Node): StatementSlot | undefined {
  for (let x: ts.Node = node; x.parent; x = x.parent) {
    const p: ts.Node = x.parent;
    if (ts.isBlock(p) || ts.isSourceFile(p) || ts.isCaseClause(p) || ts.isDefaultClause(p) || ts.isModuleBlock(p)) {
      return ts.isStatement(x) ? { stmt: x, list: p.statements, owner: p } : undefined;
    }
    if (ts.isFunctionLike(x) && x !== node) return undefined;
  }
  return undefined;
}

/** Where a statement's text really ends: after a comment that follows it on the same line. */
export function endWithTrailingComment(sf: ts.SourceFile, node: ts.Node): number {
  let end = node.getEnd();
  for (const c of ts.getTrailingCommentRanges(sf.text, end) ?? []) {
    if (sf.text.slice(end, c.pos).includes("\n")) break;
    end = c.end;
  }
  return end;
}

/** Where a statement's text really starts: at its leading comments (a JSDoc, a `// note` above it). */
export function startWithLeadingComments(sf: ts.SourceFile, node: ts.Node): number {
  const comments = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  return comments.length ? comments[0]!.pos : node.getStart(sf);
}

/** Inserts `code` (statements written at column 0) right after `stmt` and a comment on its line, at its indentation. */
export function insertStatementsAfter(t: EditTarget, stmt: ts.Node, code: string): TextEdit {
  const text = t.sf.text;
  const at = endWithTrailingComment(t.sf, stmt);
  const indent = indentAt(text, stmt.getStart(t.sf));
  const nl = newlineOf(text);
  return { file: t.file, start: at, end: at, newText: `${nl}${indent}${indentLines(code, indent, nl)}` };
}

/** Inserts `code` (statements written at column 0) right before `stmt`'s first token, at its indentation. */
export function insertStatementsBefore(t: EditTarget, stmt: ts.Node, code: string): TextEdit {
  const text = t.sf.text;
  const at = stmt.getStart(t.sf);
  const indent = indentAt(text, at);
  const nl = newlineOf(text);
  return { file: t.file, start: at, end: at, newText: `${indentLines(code, indent, nl)}${nl}${indent}` };
}

/** Inserts `code` (written at column 0) above a top-level statement and its leading comments, followed by a blank line. */
export function insertAbove(t: EditTarget, stmt: ts.Node, code: string): TextEdit {
  const text = t.sf.text;
  const at = startWithLeadingComments(t.sf, stmt);
  const indent = indentAt(text, at);
  const nl = newlineOf(text);
  return { file: t.file, start: at, end: at, newText: `${indentLines(code, indent, nl)}${nl}${nl}${indent}` };
}

/**
 * `code` written at column 0 (`\n` line ends), indented by `indent` from its second line on, with the
 * file's line ends. Lines that start inside a template literal keep their text: their whitespace is content.
 */
export function indentLines(code: string, indent: string, nl = "\n"): string {
  const inside = templateInteriors(code);
  let out = "";
  let lineStart = 0;
  for (let i = 0; i <= code.length; i++) {
    if (i < code.length && code[i] !== "\n") continue;
    const line = code.slice(lineStart, i).replace(/\r$/, "");
    const keep = lineStart === 0 || line === "" || inside.some(([s, e]) => lineStart > s && lineStart < e);
    out += (lineStart === 0 ? "" : nl) + (keep ? line : indent + line);
    lineStart = i + 1;
  }
  return out;
}

/**
 * The text of `sf` in [start, end) with `add` at the start of every line after the first that is not
 * blank and does not begin inside a template literal: a run of statements moved one level deeper.
 */
export function deepen(sf: ts.SourceFile, start: number, end: number, add: string, inserts: readonly { at: number; text: string }[] = []): string {
  return shiftIndent(sf, start, end, "", add, [...inserts].sort((a, b) => a.at - b.at));
}

/**
 * The text of `sf` in [start, end) with each line after the first that starts with the indentation
 * `from` starting with `to` instead (blank lines and lines inside template literals kept): code moved
 * to another level, in or out.
 */
export function shiftIndent(sf: ts.SourceFile, start: number, end: number, from: string, to: string, inserts: readonly { at: number; text: string }[] = []): string {
  const text = sf.text;
  const inside = templateInteriors(text.slice(start, end)).map(([s, e]) => [s + start, e + start] as const);
  // Text copied from [a, b), with `inserts` (offsets of the original text) written where they fall.
  const copy = (a: number, b: number): string => {
    let r = "";
    for (const ins of inserts) {
      if (ins.at < a || ins.at >= b) continue;
      r += text.slice(a, ins.at) + ins.text;
      a = ins.at;
    }
    return r + text.slice(a, b);
  };
  let out = "";
  let at = start;
  for (let i = text.indexOf("\n", start); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
    const ls = i + 1;
    out += copy(at, ls);
    at = ls;
    const next = text.indexOf("\n", ls);
    const line = text.slice(ls, next === -1 ? text.length : next);
    if (/^[ \t]*\r?$/.test(line) || inside.some(([s, e]) => ls > s && ls < e) || !line.startsWith(from)) continue;
    out += to;
    at = ls + from.length;
  }
  return out + copy(at, end);
}

/** Offsets [start, end) of template literal texts in `code` (parsed as statements). */
function templateInteriors(code: string): [number, number][] {
  if (!code.includes("`")) return [];
  const sf = ts.createSourceFile("fragment.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const out: [number, number][] = [];
  const visit = (n: ts.Node) => {
    if (ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) out.push([n.getStart(sf), n.getEnd()]);
    n.forEachChild(visit);
  };
  visit(sf);
  return out;
}

/**
 * Wraps the statements `first`..`last` of one list in `try { ... } catch (<param>) { <catchBody> }`,
 * their text one level deeper. `catchBody` is written at column 0, one statement a line.
 */
export function wrapInTry(t: EditTarget, first: ts.Statement, last: ts.Statement, param: string, catchBody: string, call?: ts.Node): TextEdit {
  const sf = t.sf;
  const text = sf.text;
  const start = first.getStart(sf);
  const end = endWithTrailingComment(sf, last);
  const indent = indentAt(text, start);
  const unit = indentUnit(text);
  const nl = newlineOf(text);
  const moved = deepen(sf, start, end, unit, call ? unawaitedReturns(first, last, call) : []);
  const body = indentLines(catchBody, indent + unit, nl);
  return {
    file: t.file,
    start,
    end,
    newText: `try {${nl}${indent}${unit}${moved}${nl}${indent}} catch (${param}) {${nl}${indent}${unit}${body}${nl}${indent}}`,
  };
}

/** Every identifier text used under `scope`, and its file's top-level names: what a new name must not be. */
export function usedNames(scope: ts.Node): Set<string> {
  const out = new Set<string>(topLevel(scope.getSourceFile()).keys());
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n)) out.add(n.text);
    n.forEachChild(visit);
  };
  visit(scope);
  return out;
}

/** `base`, or `base2`, `base3`... when the names already hold it. */
export function freeLocal(names: ReadonlySet<string>, base: string): string {
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base}${i}`)) return `${base}${i}`;
}

/** The statement list's owner is the body of a loop over items (`for (const x of xs) { here }`): the next item comes after it. */
export function isItemLoopBody(owner: ts.Node): boolean {
  const p = owner.parent;
  return !!p && (ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.statement === owner;
}

/**
 * `return call()` inside `try` of an async function: the rejection escapes the catch (the promise is
 * returned before it settles), so a moved return of the un-awaited call gets `await`. Offsets where it goes.
 */
function unawaitedReturns(first: ts.Statement, last: ts.Statement, call: ts.Node): { at: number; text: string }[] {
  const fn = ts.findAncestor(first.parent, ts.isFunctionLike);
  const isAsync = !!fn && ts.canHaveModifiers(fn) && !!ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  if (!isAsync) return [];
  const out: { at: number; text: string }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression && !ts.isAwaitExpression(n.expression) && unawaitedWithin(n.expression, call)) out.push({ at: n.expression.getStart(), text: "await " });
    n.forEachChild(visit);
  };
  const list = first.parent;
  let inRange = false;
  list.forEachChild((st) => {
    if (st === first) inRange = true;
    if (inRange) visit(st);
    if (st === last) inRange = false;
  });
  return out;
}

/** Whether `call` is inside `e` with no `await` between them (the promise itself is what `e` returns). */
function unawaitedWithin(e: ts.Node, call: ts.Node): boolean {
  for (let n: ts.Node | undefined = call; n; n = n.parent) {
    if (n === e) return true;
    if (ts.isAwaitExpression(n) || ts.isFunctionLike(n)) return false;
  }
  return false;
}
