/**
 * Mutations of real-looking LLM source files (test/corpus): each says whether it keeps the code's
 * meaning (`keeps`: the call sites and their verdicts must not change) or may break it (then only
 * "no crash, a valid report, and the file accounted for" is asked).
 */
import path from "node:path";
import ts from "typescript";
import type { Rng } from "./rng";

export interface Mutation {
  name: string;
  /** The code before the mutation still means the same: the sites and their checks must stay. */
  keeps: boolean;
  /** Whether it applies to a file with this extension. */
  applies?: (ext: string) => boolean;
  apply(text: string, rng: Rng, ext: string): string;
}

const isJsx = (ext: string) => ext === ".tsx" || ext === ".jsx";

/** The end offsets of the file's tokens (the scanner, without a parse: good enough for boundaries). */
export function tokenEnds(text: string, ext: string): number[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, isJsx(ext) ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard, text);
  const out: number[] = [];
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
    if (k === ts.SyntaxKind.WhitespaceTrivia || k === ts.SyntaxKind.NewLineTrivia) continue;
    out.push(scanner.getTokenEnd());
    if (out.length > 20_000) break;
  }
  return out;
}

const repeat = (s: string, n: number) => s.repeat(n);

/** Nesting 10k deep, in the shapes that recurse in a parser or a walker. */
const NESTINGS: ((n: number) => string)[] = [
  (n) => `export const __deepArr = ${repeat("[", n)}1${repeat("]", n)};`,
  (n) => `export const __deepParen = ${repeat("(", n)}1${repeat(")", n)};`,
  (n) => `export const __deepObj = ${repeat("{ a: ", n)}1${repeat(" }", n)};`,
  (n) => `export const __deepFn = ${repeat("() => ", n)}1;`,
  (n) => `export function __deepIf(x: any) { ${repeat("if (x) { ", n)}return 1;${repeat(" }", n)} }`.replace(": any", ""),
  (n) => `export const __deepCall = ${repeat("f(", n)}1${repeat(")", n)};`,
  (n) => `export const __deepBin = 1${repeat(" + 1", n)};`,
  (n) => `export const __deepTernary = ${repeat("x ? 1 : ", n)}0;`,
];

const UNICODE_IDENTIFIERS = ["℘", "ゆ", "𝑥", "ǅ", "ᾩ", "\u{1D4B3}y", "x\u200C", "ℵ0", "_\u0300", "Ⅻ", "𐐀", "Äöü", "ﬀ"];

function base64(rng: Rng, bytes: number): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let s = "";
  for (let i = 0; i < bytes; i++) s += chars[rng.int(64)];
  return s;
}

/** Appends to the end of the file, on a line of its own. */
const append = (text: string, more: string) => `${text}${text.endsWith("\n") || text.endsWith("\r") ? "" : "\n"}${more}\n`;

export const KEEPING: Mutation[] = [
  { name: "bom", keeps: true, apply: (t) => `\uFEFF${t}` },
  { name: "crlf", keeps: true, apply: (t) => t.replace(/\r?\n/g, "\r\n") },
  {
    name: "mixed-eol",
    keeps: true,
    apply: (t, rng) => {
      const parts = t.split(/\r?\n/);
      let out = parts[0]!;
      let prev = "";
      for (const part of parts.slice(1)) {
        // A CR right before an LF would make one CRLF of two line breaks: after a bare CR, an empty line ends in CR again.
        const sep = prev === "\r" && out.endsWith("\r") ? rng.pick(["\r", "\r\n"]) : rng.pick(["\n", "\r\n", "\r"]);
        out += sep + part;
        prev = sep;
      }
      return out;
    },
  },
  {
    name: "source-map-data-uri",
    keeps: true,
    apply: (t, rng) => append(t, `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${base64(rng, rng.chance(0.5) ? 100 + rng.int(2_000) : 1_000 + rng.int(300_000))}`),
  },
  { name: "huge-string", keeps: true, apply: (t, rng) => append(t, `export const __huge = "${repeat("lorem ipsum \\n \\u00e9 ", 20_000 + rng.int(60_000))}";`) },
  {
    name: "huge-template",
    keeps: true,
    apply: (t, rng) => append(t, `const __a = 1;\nexport const __tpl = \`${repeat("text ${__a} more ", 5_000 + rng.int(20_000))}\`;`),
  },
  { name: "deep-nesting", keeps: true, apply: (t, rng) => append(t, rng.pick(NESTINGS)(10_000)) },
  { name: "lone-surrogates", keeps: true, apply: (t) => append(t, `export const __s = "\uD800x\uDC00y\uDBFF"; // \uDFFF in a comment\n/* \uD83D */`) },
  { name: "nuls", keeps: true, apply: (t) => append(t, `export const __n = "a\u0000b"; // \u0000 in a comment`) },
  {
    name: "unicode-identifiers",
    keeps: true,
    apply: (t) => append(t, UNICODE_IDENTIFIERS.map((id, i) => `export const ${id} = ${i};`).join("\n")),
  },
  {
    name: "jsx-pile",
    keeps: true,
    applies: isJsx,
    apply: (t, rng) => {
      const n = 500 + rng.int(2_000);
      const siblings = repeat(`<div className="x" data-a={1}>{__v}<span /></div>`, n);
      const nested = `${repeat("<b>", 2_000)}x${repeat("</b>", 2_000)}`;
      return append(t, `const __v = 1;\nexport function __Pile() { return (<>${siblings}{${nested}}</>); }`);
    },
  },
  {
    name: "decorator-pile",
    keeps: true,
    apply: (t, rng) => {
      const n = 200 + rng.int(800);
      const decos = Array.from({ length: n }, (_, i) => `@d${i % 7}(${i}) `).join("");
      return append(t, `${decos}export class __Decorated { ${decos}method() {} ${decos}field = 1; }`);
    },
  },
  { name: "unterminated-comment-at-end", keeps: true, apply: (t) => append(t, "/* this comment is never closed\nconst x = 1;") },
  { name: "unterminated-regex-at-end", keeps: true, apply: (t) => append(t, "export const __re = /[a-z(") },
  { name: "unterminated-template-at-end", keeps: true, apply: (t) => append(t, "export const __t = `abc ${") },
];

export const BREAKING: Mutation[] = [
  {
    name: "byte-flip",
    keeps: false,
    apply: (t, rng) => {
      const b = Buffer.from(t, "utf8");
      for (let i = 1 + rng.int(8); i > 0 && b.length; i--) b[rng.int(b.length)] ^= 1 << rng.int(8);
      return b.toString("utf8");
    },
  },
  {
    name: "byte-insert",
    keeps: false,
    apply: (t, rng) => {
      let b = Buffer.from(t, "utf8");
      for (let i = 1 + rng.int(8); i > 0; i--) {
        const at = rng.int(b.length + 1);
        const bytes = Buffer.from(Array.from({ length: 1 + rng.int(4) }, () => rng.pick([0, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 0x0d, 0x0a, 0x22, 0x60, 0x2f, 0x2a, 0x7b, 0x7d, rng.int(256)])));
        b = Buffer.concat([b.subarray(0, at), bytes, b.subarray(at)]);
      }
      return b.toString("utf8");
    },
  },
  {
    name: "insert-unterminated",
    keeps: false,
    apply: (t, rng) => {
      const at = rng.int(t.length + 1);
      return t.slice(0, at) + rng.pick(["/* open", "/regex[", "`tpl ${", '"str', "'str", "<div>", "/** @param"]) + t.slice(at);
    },
  },
  {
    name: "insert-deep-nesting",
    keeps: false,
    apply: (t, rng) => {
      const at = rng.int(t.length + 1);
      return t.slice(0, at) + rng.pick(["(", "[", "{", "<a>", "f("]).repeat(10_000) + t.slice(at);
    },
  },
  {
    name: "splice",
    keeps: false,
    apply: (t, rng) => {
      const a = rng.int(t.length + 1);
      const b = Math.min(t.length, a + rng.int(200));
      return t.slice(0, a) + t.slice(b);
    },
  },
  {
    name: "jsx-in-ts",
    keeps: false,
    applies: (ext) => !isJsx(ext),
    apply: (t, rng) => append(t, `export const __x = <div>${repeat("<p>{1}</p>", 100 + rng.int(500))}</div>;`),
  },
];

/** The extension of a path, lower-case (`.tsx`). */
export const extOf = (p: string) => path.extname(p).toLowerCase();
