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

/**
 * "Disable a check for this line…": a `// llm-readiness-disable-next-line <check> -- <reason>` line inserted above
 * the line of the call, at its indentation. The whole line goes in at column 0 (`head`, the reason the user gave,
 * then `tail`, a newline).
 */
export function disableLineInsert(check: CheckId, lineText: string): { column: 0; head: string; tail: string } {
  const indent = /^[ \t]*/.exec(lineText)![0];
  return { column: 0, head: `${indent}// ${NEXT_LINE} ${check} -- `, tail: "\n" };
}

/**
 * The checks whose fixes made each of `finalEdits` (the edits from a file's text before a fix-all to its text
 * after, `editsBetween`), from the fixes in the order they were applied, each with its edits in the text of its
 * time: the refactor preview groups the edits by check. The ranges each fix wrote are carried forward through
 * the later fixes' edits; a final edit belongs to every check whose written range it meets.
 */
export function checksOfEdits(file: string, applied: readonly { check: CheckId; edits: readonly TextEdit[] }[], finalEdits: readonly TextEdit[]): CheckId[][] {
  let written: { start: number; end: number; check: CheckId }[] = [];
  for (const fix of applied) {
    const edits = fix.edits.filter((e) => e.file === file).sort((a, b) => a.start - b.start);
    if (!edits.length) continue;
    // Each edit in this fix is in the text before the fix: map the earlier ranges through all of them at once.
    const map = (pos: number, side: "start" | "end") => {
      let delta = 0;
      for (const e of edits) {
        if (e.end < pos || (e.end === pos && side === "end" && e.start < pos)) delta += e.newText.length - (e.end - e.start);
        else if (e.start < pos && pos < e.end) return side === "start" ? e.start + delta : e.start + delta + e.newText.length;
      }
      return pos + delta;
    };
    written = written.map((w) => ({ ...w, start: map(w.start, "start"), end: map(w.end, "end") }));
    let delta = 0;
    for (const e of edits) {
      const start = e.start + delta;
      written.push({ start, end: start + e.newText.length, check: fix.check });
      delta += e.newText.length - (e.end - e.start);
    }
  }
  const out: CheckId[][] = [];
  let delta = 0;
  for (const e of [...finalEdits].sort((a, b) => a.start - b.start)) {
    const start = e.start + delta;
    const end = start + e.newText.length;
    const checks = [...new Set(written.filter((w) => w.start <= end && start <= w.end).map((w) => w.check))];
    out.push(checks);
    delta += e.newText.length - (e.end - e.start);
  }
  return out;
}
