/** Applying text edits to file texts, and the edit that turns one text into another (for fix-all results). */
import type { TextEdit } from "./types";

export class OverlappingEditsError extends Error {}

/** Applies edits of one file (offsets into `text`); edits may come in any order but must not overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let floor = Infinity;
  for (const e of sorted) {
    if (e.end > floor) throw new OverlappingEditsError(`${e.file}: edits overlap at offset ${e.start}`);
    if (e.start < 0 || e.end > text.length || e.start > e.end) throw new RangeError(`${e.file}: edit [${e.start}, ${e.end}) outside the file (${text.length} characters)`);
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    floor = e.start;
  }
  return out;
}

/** Edits grouped by file, in first-seen order. */
export function byFile(edits: readonly TextEdit[]): Map<string, TextEdit[]> {
  const m = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const list = m.get(e.file) ?? [];
    list.push(e);
    m.set(e.file, list);
  }
  return m;
}

/** One edit replacing only the region where `before` and `after` differ (undefined when equal). */
export function minimalEdit(file: string, before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { file, start, end: endB, newText: after.slice(start, endA) };
}
