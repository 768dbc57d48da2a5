/** Suppression comments (`// llm-readiness-disable-next-line <check> -- <reason>`, `/* llm-readiness-disable <check> -- <reason> *\/`), read from the parsed source. */
import ts from "typescript";
import { placeholderReason } from "./suppressionReason";
import { CHECK_IDS, type CheckId, type Suppression } from "./types";

/** The prefix every directive starts with; a file without it is not walked. */
export const DIRECTIVE = "llm-readiness-disable";
const NEXT_LINE = `${DIRECTIVE}-next-line`;

/** A well-formed suppression comment. Lines are 1-based. */
export interface SuppressionDirective {
  /** `next-line`: the call site on the line after the comment; `file`: every site of the file. */
  scope: "next-line" | "file";
  checks: CheckId[];
  reason: string;
  /** Line of the comment's start (`at` in the report). */
  line: number;
  /** For `next-line`: the line it applies to (after the comment, past stacked directives). */
  target?: number;
  /**
   * Set when the reason is a placeholder (`todo`, `reason`, fewer than three words): the directive
   * suppresses nothing, and says why (it is also one of the file's problems).
   */
  rejected?: string;
}

/** A malformed suppression comment: reported in `errors[]`, and it suppresses nothing. */
export interface SuppressionProblem {
  line: number;
  /** One line, starting `line N:` and ending `the suppression was ignored`. */
  message: string;
}

export interface FileSuppressions {
  directives: SuppressionDirective[];
  problems: SuppressionProblem[];
}

const NONE: FileSuppressions = { directives: [], problems: [] };

/**
 * The suppression comments of a parsed file. Comments are found between the tokens of the syntax
 * tree (`ts.getLeadingCommentRanges`/`getTrailingCommentRanges`), so a directive inside a string,
 * a template or JSX text is not one.
 */
export function readSuppressions(sf: ts.SourceFile): FileSuppressions {
  if (!sf.text.includes(DIRECTIVE)) return NONE;
  let known = read.get(sf);
  if (!known) read.set(sf, (known = readUncached(sf)));
  return known;
}

/** Trees are immutable and re-parsed on edit, so a tree's directives can be kept while the tree lives (each report re-reads every file). */
const read = new WeakMap<ts.SourceFile, FileSuppressions>();

function readUncached(sf: ts.SourceFile): FileSuppressions {
  const text = sf.text;
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const found: { parsed: Parsed; start: number; end: number; alone: boolean }[] = [];
  for (const c of commentsOf(sf)) {
    const parsed = parseComment(text.slice(c.pos, c.end), c.kind);
    if (!parsed) continue;
    const startLine = lineOf(c.pos);
    const endLine = lineOf(c.end);
    const before = text.slice(sf.getPositionOfLineAndCharacter(startLine - 1, 0), c.pos);
    const lineEnd = text.indexOf("\n", c.end);
    const after = text.slice(c.end, lineEnd === -1 ? text.length : lineEnd);
    found.push({ parsed, start: startLine, end: endLine, alone: !before.trim() && !after.trim() });
  }
  found.sort((a, b) => a.start - b.start);
  const out: FileSuppressions = { directives: [], problems: [] };
  for (const f of found) {
    const p = f.parsed;
    if ("problem" in p) {
      out.problems.push({ line: f.start, message: `line ${f.start}: ${p.problem}; the suppression was ignored` });
      continue;
    }
    const d: SuppressionDirective = { scope: p.scope, checks: p.checks, reason: p.reason, line: f.start };
    const placeholder = placeholderReason(p.reason);
    if (placeholder) {
      d.rejected = placeholder;
      out.problems.push({ line: f.start, message: `line ${f.start}: ${placeholder}; the suppression was ignored` });
    }
    if (p.scope === "next-line") {
      // Stacked directives, one per line above the call, all reach it.
      let target = f.end + 1;
      for (let next = found.find((o) => o.alone && o.start === target); next; next = found.find((o) => o.alone && o.start === target)) {
        target = next.end + 1;
      }
      d.target = target;
    }
    out.directives.push(d);
  }
  return out;
}

/**
 * The suppressions that apply to a call site: `next-line` directives aimed at the line where the
 * call starts or where its statement starts (a comment above `const x =` whose call is on the next
 * lines), and every file-level directive. One entry per check, nearest directive first, in
 * report order.
 */
export function suppressionsFor(file: FileSuppressions, rel: string, site: { line: number; statementLine: number }): Suppression[] {
  if (!file.directives.length) return [];
  const byCheck = new Map<CheckId, Suppression>();
  const ordered = aimedAt(file, site).filter((d) => !d.rejected);
  for (const d of ordered) {
    for (const check of d.checks) if (!byCheck.has(check)) byCheck.set(check, { check, reason: d.reason, at: `${rel}:${d.line}` });
  }
  return CHECK_IDS.filter((c) => byCheck.has(c)).map((c) => byCheck.get(c)!);
}

/** The directives aimed at a call site, nearest first: `next-line` ones at its line or its statement's, then the file's. */
function aimedAt(file: FileSuppressions, site: { line: number; statementLine: number }): SuppressionDirective[] {
  return [
    ...file.directives.filter((d) => d.scope === "next-line" && (d.target === site.line || d.target === site.statementLine)),
    ...file.directives.filter((d) => d.scope === "file"),
  ];
}

/** A suppression aimed at a site but ignored for its placeholder reason: the finding stands, and its diagnostic says why. */
export interface IgnoredSuppression extends Suppression {
  why: string;
}

/** The directives aimed at a call site that were ignored for a placeholder reason, one per check not otherwise suppressed. */
export function ignoredSuppressionsFor(file: FileSuppressions, rel: string, site: { line: number; statementLine: number }): IgnoredSuppression[] {
  const aimed = aimedAt(file, site);
  const kept = new Set(aimed.filter((d) => !d.rejected).flatMap((d) => d.checks));
  const out = new Map<CheckId, IgnoredSuppression>();
  for (const d of aimed) {
    if (!d.rejected) continue;
    for (const check of d.checks) if (!kept.has(check) && !out.has(check)) out.set(check, { check, reason: d.reason, at: `${rel}:${d.line}`, why: d.rejected });
  }
  return CHECK_IDS.filter((c) => out.has(c)).map((c) => out.get(c)!);
}

/** The statement a call belongs to (the nearest node directly in a block, a file, a case or a class body). */
export function statementOf(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && !isStatementContainer(n.parent)) n = n.parent;
  return n;
}

function isStatementContainer(n: ts.Node): boolean {
  return ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n) || ts.isClassLike(n);
}

type Parsed = { scope: "next-line" | "file"; checks: CheckId[]; reason: string } | { problem: string };

/** Reads one comment; undefined when it is not a directive of ours. */
function parseComment(raw: string, kind: ts.CommentKind): Parsed | undefined {
  let body = kind === ts.SyntaxKind.SingleLineCommentTrivia ? raw.slice(2) : raw.slice(2, -2);
  // Block comments may be written JSDoc-style, with a `*` opening each line.
  if (kind === ts.SyntaxKind.MultiLineCommentTrivia) body = body.split(/\r?\n/).map((l) => l.replace(/^\s*\*+/, "")).join(" ");
  body = body.trim();
  if (!body.startsWith(DIRECTIVE)) return undefined;
  let scope: "next-line" | "file";
  let rest: string;
  if (body.startsWith(NEXT_LINE) && (body.length === NEXT_LINE.length || /\s/.test(body[NEXT_LINE.length]!))) {
    scope = "next-line";
    rest = body.slice(NEXT_LINE.length);
  } else if (body.length === DIRECTIVE.length || /\s/.test(body[DIRECTIVE.length]!)) {
    scope = "file";
    rest = body.slice(DIRECTIVE.length);
  } else {
    const word = /^[\w-]+/.exec(body)![0];
    return { problem: `unknown directive \`${word}\` (use \`${NEXT_LINE}\` or \`${DIRECTIVE}\`)` };
  }
  const name = scope === "next-line" ? NEXT_LINE : DIRECTIVE;
  const sep = /(?:^|\s)--(?:\s|$)/.exec(rest);
  const list = sep ? rest.slice(0, sep.index) : rest;
  const reason = sep ? rest.slice(sep.index + sep[0].length).trim() : "";
  const names = list.split(/[\s,]+/).filter(Boolean);
  const problems: string[] = [];
  if (!names.length) problems.push(`\`${name}\` names no check (one or more of ${CHECK_IDS.join(", ")})`);
  const unknown = names.filter((n) => !(CHECK_IDS as readonly string[]).includes(n));
  for (const u of unknown) {
    const near = closest(u);
    problems.push(`unknown check \`${u}\` in \`${name}\`${near ? ` (did you mean \`${near}\`?)` : ""}; the checks are ${CHECK_IDS.join(", ")}`);
  }
  if (!reason) problems.push(`\`${name}${names.length ? ` ${names.join(", ")}` : ""}\` has no reason (add \` -- <why>\` after the checks)`);
  if (problems.length) return { problem: problems.join("; ") };
  return { scope, checks: [...new Set(names as CheckId[])], reason };
}

/** A check id within two edits of a misspelt name. */
function closest(name: string): CheckId | undefined {
  let best: CheckId | undefined;
  let bestD = 3;
  for (const id of CHECK_IDS) {
    const d = editDistance(name.toLowerCase(), id);
    if (d < bestD) [best, bestD] = [id, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Every comment of the file, from the trivia before each token (JSX text and JSDoc are not trivia). */
function commentsOf(sf: ts.SourceFile): ts.CommentRange[] {
  const text = sf.text;
  const seen = new Set<number>();
  const out: ts.CommentRange[] = [];
  const add = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) {
      if (seen.has(r.pos)) continue;
      seen.add(r.pos);
      out.push(r);
    }
  };
  const visit = (node: ts.Node): void => {
    for (const child of node.getChildren(sf)) {
      if (child.kind >= ts.SyntaxKind.FirstJSDocNode && child.kind <= ts.SyntaxKind.LastJSDocNode) continue;
      if (child.kind === ts.SyntaxKind.JsxText) continue;
      if (child.kind < ts.SyntaxKind.FirstNode || child.kind === ts.SyntaxKind.EndOfFileToken) {
        // Comments on the line of the previous token are its trailing trivia, the rest lead this token.
        add(ts.getTrailingCommentRanges(text, child.pos));
        add(ts.getLeadingCommentRanges(text, child.pos));
      } else visit(child);
    }
  };
  visit(sf);
  return out;
}
