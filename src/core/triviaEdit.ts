/**
 * Edits that change only the trivia between two top-level statements (a comment typed, a blank line's
 * spaces): the file's tokens, their lines and columns stay the same, so its syntax tree is the same but
 * for offsets. Such an edit is applied by shifting the offsets of the existing tree in place: every node
 * keeps its identity, so whatever the analysis remembered about the file (memo tables keyed by node,
 * sites found through it from other files) stays true, and nothing outside the file is re-detected.
 *
 * Deliberately narrow, so the report stays exactly that of a fresh scan:
 * - the changed text lies between two top-level statements (or before the first, after the last), in
 *   both the old and the new text: no node's own text (`getText()`) contains it, only the file's;
 * - the new text there is whitespace and comments only, up to the same next token (an unterminated
 *   comment that would swallow code is seen);
 * - the lines do not move and the next token keeps its column;
 * - no JSDoc comment (`/** ... *\/`, parsed into the tree) is added, removed or edited;
 * - the comment text does not name what the analysis reads from raw text (`require(`, `import(`,
 *   `fetch(`, mocks, suppression directives): see relevance.ts, flow/entries.ts, eval/testIndex.ts.
 */
import ts from "typescript";
import { DIRECTIVE } from "./suppressions";

export interface TriviaEdit {
  /** The changed range in the old text: [start, oldEnd); in the new: [start, newEnd). */
  start: number;
  oldEnd: number;
  newEnd: number;
  /** The new text's line starts (the tree's line map once patched). */
  lineStarts: readonly number[];
}

/** Words that raw-text readers of the analysis look for: a comment naming one is not trivia to it. */
const TEXT_READ = /require|import|fetch|mock|http|\(|["'`]|\.create|\.complete|\.generate|\.embed/;

interface Comment {
  pos: number;
  end: number;
  text: string;
}

/** Line maps as the compiler computes them (exported at run time, not in the typings). */
const tsLines = ts as unknown as { computeLineStarts(text: string): number[]; computeLineOfPosition(starts: readonly number[], pos: number): number };

const TRIVIA = new Set<ts.SyntaxKind>([ts.SyntaxKind.WhitespaceTrivia, ts.SyntaxKind.NewLineTrivia, ts.SyntaxKind.SingleLineCommentTrivia, ts.SyntaxKind.MultiLineCommentTrivia]);

/** The edit, when `next` differs from the tree's text only in top-level trivia as above; undefined otherwise. */
export function triviaOnlyEdit(sf: ts.SourceFile, next: string): TriviaEdit | undefined {
  const old = sf.text;
  if (old.includes(DIRECTIVE) || next.includes(DIRECTIVE)) return undefined;
  const max = Math.min(old.length, next.length);
  let start = 0;
  while (start < max && old.charCodeAt(start) === next.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && old.charCodeAt(old.length - 1 - tail) === next.charCodeAt(next.length - 1 - tail)) tail++;
  const oldEnd = old.length - tail;
  const newEnd = next.length - tail;
  const delta = newEnd - oldEnd;
  // A shebang is trivia of its own kind: leave its line alone.
  if (old.startsWith("#!") || next.startsWith("#!")) return undefined;
  // The gap between top-level statements that holds the change.
  const stmts = sf.statements;
  let lo = 0;
  let hi = stmts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stmts[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  // stmts[lo] is the first statement ending after `start`: the gap runs from the end of the one before to its first token.
  const gapStart = lo === 0 ? 0 : stmts[lo - 1]!.end;
  const gapEnd = lo < stmts.length ? stmts[lo]!.getStart(sf) : old.length;
  if (start < gapStart || oldEnd > gapEnd) return undefined;
  const oldComments = scanTrivia(sf, old, gapStart, gapEnd);
  const newComments = scanTrivia(sf, next, gapStart, gapEnd + delta);
  if (!oldComments || !newComments) return undefined;
  // JSDoc comments are parsed into the tree: the same ones, with the same text, on both sides of the change.
  const docs = (cs: Comment[], moved: (pos: number) => number) => cs.filter((c) => c.text.startsWith("/**") && c.text.length > 4).map((c) => `${moved(c.pos)}:${c.text}`).join("\0");
  if (docs(oldComments, (p) => (p < start ? p : p + delta)) !== docs(newComments, (p) => p)) return undefined;
  // Other comments the change touches, before and after: none names what raw-text readers look for.
  const touched = (cs: Comment[], end: number) => cs.filter((c) => c.end >= start && c.pos <= end && !c.text.startsWith("/**"));
  for (const c of [...touched(oldComments, oldEnd), ...touched(newComments, newEnd)]) if (TEXT_READ.test(c.text)) return undefined;
  // Lines: the same number, each line before the change where it was, each after it shifted whole.
  const oldStarts = sf.getLineStarts();
  const lineStarts = tsLines.computeLineStarts(next);
  if (oldStarts.length !== lineStarts.length) return undefined;
  for (let k = 0; k < oldStarts.length; k++) {
    const o = oldStarts[k]!;
    if (o <= start) {
      if (lineStarts[k] !== o) return undefined;
    } else if (o >= oldEnd && lineStarts[k] !== o + delta) return undefined;
  }
  if (gapEnd < old.length) {
    // The next token keeps its column (then every token after it keeps its own).
    const line = tsLines.computeLineOfPosition(oldStarts, gapEnd);
    if (gapEnd - oldStarts[line]! !== gapEnd + delta - lineStarts[line]!) return undefined;
  }
  return { start, oldEnd, newEnd, lineStarts };
}

/** The comments of `text` in [from, to) when all of it is trivia up to a token at `to` (or the end); undefined otherwise. */
function scanTrivia(sf: ts.SourceFile, text: string, from: number, to: number): Comment[] | undefined {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, sf.languageVariant, text);
  scanner.resetTokenState(from);
  const out: Comment[] = [];
  for (;;) {
    const kind = scanner.scan();
    const pos = scanner.getTokenFullStart();
    if (pos >= to) return pos === to ? out : undefined;
    if (kind === ts.SyntaxKind.EndOfFileToken) return to === text.length && pos === to ? out : undefined;
    if (!TRIVIA.has(kind)) return undefined;
    if (scanner.isUnterminated()) return undefined;
    const end = scanner.getTokenEnd();
    if (end > to) return undefined;
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) out.push({ pos, end, text: text.slice(pos, end) });
  }
}

/**
 * Applies the edit to the tree in place: the new text, offsets after the change shifted, the line map
 * renewed. The tree then reads exactly as a parse of the new text would, node for node.
 */
export function applyTriviaEdit(sf: ts.SourceFile, next: string, edit: TriviaEdit): void {
  const delta = edit.newEnd - edit.oldEnd;
  const at = edit.start;
  const unset = (ts as unknown as { unsetNodeChildren?: (n: ts.Node, sf: ts.SourceFile) => void }).unsetNodeChildren;
  if (delta !== 0) {
    const shift = (r: { pos: number; end: number }) => {
      const m = r as { pos: number; end: number };
      if (m.pos > at) m.pos += delta;
      if (m.end > at) m.end += delta;
    };
    const moveAll = (n: ts.Node): void => {
      const m = n as { pos: number; end: number };
      m.pos += delta;
      m.end += delta;
      ts.forEachChild(n, moveAll, (arr) => {
        const a = arr as unknown as { pos: number; end: number };
        a.pos += delta;
        a.end += delta;
        for (const x of arr) moveAll(x);
      });
    };
    const visit = (n: ts.Node): void => {
      shift(n);
      unset?.(n, sf);
      // A JSDoc comment lies wholly before the change or wholly after it (triviaOnlyEdit): after it, all of it moves.
      const docs = (n as { jsDoc?: ts.Node[] }).jsDoc;
      if (docs) for (const d of docs) if (d.pos >= at) moveAll(d);
      ts.forEachChild(n, visit, (arr) => {
        shift(arr);
        for (const x of arr) visit(x);
      });
    };
    visit(sf);
    const raw = sf as unknown as Record<string, unknown>;
    for (const key of ["parseDiagnostics", "jsDocDiagnostics", "bindDiagnostics"]) {
      const diags = raw[key] as { start: number }[] | undefined;
      if (Array.isArray(diags)) for (const d of diags) if (d.start > at) d.start += delta;
    }
    for (const key of ["commentDirectives", "referencedFiles", "typeReferenceDirectives", "libReferenceDirectives"]) {
      const list = raw[key] as { pos: number; end: number }[] | undefined;
      if (Array.isArray(list)) for (const r of list) if (r && typeof r.pos === "number") shift(r);
    }
  } else {
    unset?.(sf, sf);
  }
  // The file and its end-of-file token end at the end of the text, past any trailing trivia (an edit appended there included).
  (sf as unknown as { end: number }).end = next.length;
  (sf.endOfFileToken as unknown as { end: number }).end = next.length;
  const raw = sf as unknown as { text: string; lineMap: readonly number[] | undefined };
  raw.text = next;
  raw.lineMap = edit.lineStarts;
}
