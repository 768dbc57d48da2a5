/**
 * Text-level pieces of the editor's quick-fixes that need no `vscode` (unit-tested in plain node):
 * the edits that turn one text into another (fix-all answers), and the "disable for this line" comment.
 */
import { diffLines } from "diff";
import type { CheckId } from "../core/types";
import type { TextEdit } from "../core/fixes/types";

/**
 * The edits (offsets into `before`) that turn `before` into `after`: one per changed block of lines, trimmed to
 * the characters that differ, so an editor keeps its cursor, folding and markers around them (one edit over the
 * whole file would not).
 */
export function editsBetween(file: string, before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const out: TextEdit[] = [];
  let offset = 0;
  let hunk: { start: number; end: number; newText: string } | undefined;
  const flush = () => {
    if (hunk) out.push(trim(file, before, hunk));
    hunk = undefined;
  };
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) {
      flush();
      offset += part.value.length;
      continue;
    }
    hunk ??= { start: offset, end: offset, newText: "" };
    if (part.removed) {
      offset += part.value.length;
      hunk.end = offset;
    } else hunk.newText += part.value;
  }
  flush();
  return out;
}

/** Narrows a replaced block of lines to the span where old and new text differ. */
function trim(file: string, text: string, h: { start: number; end: number; newText: string }): TextEdit {
  let { start, end, newText } = h;
  while (start < end && newText.length && text.charCodeAt(start) === newText.charCodeAt(0)) {
    start++;
    newText = newText.slice(1);
  }
  while (end > start && newText.length && text.charCodeAt(end - 1) === newText.charCodeAt(newText.length - 1)) {
    end--;
    newText = newText.slice(0, -1);
  }
  return { file, start, end, newText };
}

/** Applies edits made against `text` (as `editsBetween` returns them: sorted, not overlapping). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = "";
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The suppression directive (src/core/suppressions.ts, which the extension host cannot load: it parses with TypeScript). */
const NEXT_LINE = "llm-readiness-disable-next-line";

/** The placeholder the user types over: a directive without a real reason is one nobody can review. */
export const REASON_PLACEHOLDER = "reason";

/**
 * "Disable <check> for this line": a `// llm-readiness-disable-next-line <check> -- reason` line inserted above
 * the line of the call, at its indentation. The whole line goes in at column 0 (`head`, the placeholder, then
 * `tail`, a newline), so an editor that re-indents the lines of a snippet has nothing to re-indent.
 */
export function disableLineInsert(check: CheckId, lineText: string): { column: 0; head: string; placeholder: string; tail: string } {
  const indent = /^[ \t]*/.exec(lineText)![0];
  return { column: 0, head: `${indent}// ${NEXT_LINE} ${check} -- `, placeholder: REASON_PLACEHOLDER, tail: "\n" };
}
