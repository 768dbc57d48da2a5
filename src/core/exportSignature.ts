/**
 * What other files can see of a file, for incremental updates (session.ts): its tokens with their
 * lines and columns. Comments and whitespace inside a line are left out, so typing in a comment (or a
 * comment at the end of a line) leaves the signature as it was; then no other file's analysis can change
 * (their sites and verdicts read this file's tokens, and report its lines and columns, nothing else).
 *
 * Conservative by design: any change to a token, even in a function body that nothing exports, counts.
 * A scan of the text, no tree: template parts and regular expressions are re-scanned as the parser
 * would (`${a}//x` in a template is text, not a comment).
 */
import { createHash } from "node:crypto";
import ts from "typescript";
import { scriptKindOf } from "./project";
import { DIRECTIVE } from "./suppressions";

/** Tokens after which `/` divides (anything else starts a regular expression). */
const ENDS_EXPRESSION = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PrivateIdentifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
]);

/**
 * A hash of the file's tokens and their positions. Of the whole text instead for JSX files (JSX text
 * is not scanned here) and for files with a suppression directive (a comment that changes a verdict).
 */
export function exportSignature(abs: string, text: string): string {
  const hash = createHash("sha1");
  if (scriptKindOf(abs) === ts.ScriptKind.TSX || scriptKindOf(abs) === ts.ScriptKind.JSX || text.includes(DIRECTIVE)) return hash.update(text).digest("base64");
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /*skipTrivia*/ true, ts.LanguageVariant.Standard, text);
  const starts = [0];
  for (const m of text.matchAll(/\r\n?|[\n\u2028\u2029]/g)) starts.push(m.index + m[0].length);
  let line = 0;
  /** Brace depth, with the depths at which an open template's `${` was entered. */
  let depth = 0;
  const templates: number[] = [];
  let prev = ts.SyntaxKind.Unknown;
  const parts: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken) depth++;
    else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (templates.length && templates[templates.length - 1] === depth) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateTail) templates.pop();
      } else depth--;
    } else if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && !ENDS_EXPRESSION.has(prev)) {
      kind = scanner.reScanSlashToken();
    } else if (kind === ts.SyntaxKind.GreaterThanToken) {
      kind = scanner.reScanGreaterToken();
    }
    if (kind === ts.SyntaxKind.TemplateHead) templates.push(depth);
    const pos = scanner.getTokenStart();
    while (line + 1 < starts.length && starts[line + 1]! <= pos) line++;
    parts.push(`${line}:${pos - starts[line]!}:${kind}:${scanner.getTokenText()}`);
    prev = kind;
  }
  return hash.update(parts.join("\n")).digest("base64");
}
