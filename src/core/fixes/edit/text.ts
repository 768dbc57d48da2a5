/** Text facts a fix needs to write code that looks like the user's: indentation, line ends, quotes, semicolons. */
import ts from "typescript";

/** The whitespace that starts the line holding `pos`. */
export function indentAt(text: string, pos: number): string {
  const start = text.lastIndexOf("\n", pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/**
 * One level of indentation as the file writes it (the smallest leading run of spaces, or a tab);
 * JSDoc continuation lines (` * text`) are not indentation.
 */
export function indentUnit(text: string): string {
  let best: string | undefined;
  for (const m of text.matchAll(/\n([ \t]+)[^\s*]/g)) {
    const ws = m[1]!;
    if (ws.includes("\t")) return "\t";
    if (!best || ws.length < best.length) best = ws;
    if (best.length === 2) break;
  }
  return best ?? "  ";
}

export function newlineOf(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/** The quote the file uses for module specifiers. */
export function quoteOf(sf: ts.SourceFile): string {
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s)) return sf.text[s.moduleSpecifier.getStart(sf)] === "'" ? "'" : '"';
  }
  return '"';
}

/** Whether statements end with `;` in this file (the majority of the top-level ones). */
export function usesSemicolons(sf: ts.SourceFile): boolean {
  let yes = 0;
  let no = 0;
  for (const s of sf.statements) {
    const end = sf.text.slice(s.getStart(sf), s.getEnd()).trimEnd();
    if (end.endsWith(";")) yes++;
    else if (!end.endsWith("}")) no++;
  }
  return yes >= no;
}

/** Re-indents a multi-line snippet written at column 0 so it sits at `indent` (first line excluded: it goes where the cursor is). */
export function reindent(snippet: string, indent: string, nl = "\n"): string {
  return snippet
    .split("\n")
    .map((l, i) => (i === 0 || l === "" ? l : indent + l))
    .join(nl);
}
