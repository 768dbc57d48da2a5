/**
 * Edits of statements that keep the user's layout: a declaration added at module level before the
 * statement that needs it (above its doc comment), statements added before or after one in a
 * block at its indentation, a statement removed with its line.
 */
import ts from "typescript";
import type { TextEdit } from "../types";
import type { EditTarget } from "./objects";
import { indentAt, newlineOf } from "./text";

/** The top-level statement of the file that holds `node`. */
export function topLevelStatement(node: ts.Node): ts.Statement | undefined {
  let x: ts.Node = node;
  while (x.parent && !ts.isSourceFile(x.parent)) x = x.parent;
  return x.parent && ts.isStatement(x) ? x : undefined;
}

/** The statement of a block (or of the file) that holds `node`, when it is directly in one. */
export function enclosingStatement(node: ts.Node): ts.Statement | undefined {
  for (let x: ts.Node | undefined = node; x; x = x.parent) {
    const p: ts.Node | undefined = x.parent;
    if (!p) return undefined;
    if (ts.isFunctionLike(p) || ts.isClassLike(p)) return undefined;
    if (ts.isStatement(x) && (ts.isBlock(p) || ts.isSourceFile(p) || ts.isModuleBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p))) return x;
  }
  return undefined;
}

/**
 * Where a statement's text begins: the first of the comments directly above it (a doc comment, a
 * disable comment belong to it; a file header separated by a blank line does not), else its first token.
 */
function leadingStart(t: EditTarget, stmt: ts.Statement): number {
  const text = t.sf.text;
  let start = stmt.getStart(t.sf);
  const comments = ts.getLeadingCommentRanges(text, stmt.getFullStart()) ?? [];
  for (let i = comments.length - 1; i >= 0; i--) {
    const c = comments[i]!;
    if (/\n[ \t]*\r?\n/.test(text.slice(c.end, start))) break;
    start = c.pos;
  }
  return start;
}

/**
 * Inserts module-level declarations (`lines`, at column 0) before the top-level statement `stmt`,
 * above its doc comment, followed by a blank line.
 */
export function declareBefore(t: EditTarget, stmt: ts.Statement, lines: readonly string[]): TextEdit {
  const nl = newlineOf(t.sf.text);
  const at = leadingStart(t, stmt);
  return { file: t.file, start: at, end: at, newText: `${lines.join(nl)}${nl}${nl}` };
}

/** Inserts statements (`lines`, written at column 0; nested lines keep their relative indent) on the lines before `stmt`, at its indentation. */
export function insertBefore(t: EditTarget, stmt: ts.Statement, lines: readonly string[]): TextEdit {
  const text = t.sf.text;
  const nl = newlineOf(text);
  const at = leadingStart(t, stmt);
  const indent = indentAt(text, at);
  return { file: t.file, start: at, end: at, newText: `${lines.map((l) => l.split("\n").join(`${nl}${indent}`)).join(`${nl}${indent}`)}${nl}${indent}` };
}

/** Inserts statements on the lines after `stmt`, at its indentation. */
export function insertAfter(t: EditTarget, stmt: ts.Statement, lines: readonly string[]): TextEdit {
  const text = t.sf.text;
  const nl = newlineOf(text);
  const indent = indentAt(text, stmt.getStart(t.sf));
  // After a comment that ends the statement's line (`const x = f(); // why`), not between them.
  const lineEnd = text.indexOf("\n", stmt.getEnd());
  const rest = text.slice(stmt.getEnd(), lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, "");
  const at = /^\s*\/\/.*$/.test(rest) ? stmt.getEnd() + rest.length : stmt.getEnd();
  return { file: t.file, start: at, end: at, newText: lines.map((l) => `${nl}${indent}${l.split("\n").join(`${nl}${indent}`)}`).join("") };
}

/** Removes a statement that sits on lines of its own, with those lines. */
export function removeStatement(t: EditTarget, stmt: ts.Statement): TextEdit | undefined {
  const text = t.sf.text;
  const start = stmt.getStart(t.sf);
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  if (text.slice(lineStart, start).trim()) return undefined;
  let end = stmt.getEnd();
  const lineEnd = text.indexOf("\n", end);
  const rest = text.slice(end, lineEnd < 0 ? text.length : lineEnd);
  if (rest.trim()) return undefined;
  end = lineEnd < 0 ? text.length : lineEnd + 1;
  return { file: t.file, start: lineStart, end, newText: "" };
}
