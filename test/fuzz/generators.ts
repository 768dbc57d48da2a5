/** Input generators of the fuzzer: configurations, suppression comments, webview messages and paths, edit sequences. */
import { CHECK_IDS } from "../../src/core/types";
import type { ConfigTarget, EditStep, SuppressionCase } from "./targets";
import { BREAKING, KEEPING, tokenEnds, extOf } from "./sourceMutations";
import type { Rng } from "./rng";

// ---------------------------------------------------------------- configurations

/** Valid configurations the mutations start from (also kept as seeds in test/fuzz/seeds/). */
export const CONFIG_SEEDS: Record<string, unknown>[] = [
  {},
  { $schema: "./node_modules/llm-readiness/rules/schema/config.schema.json", include: ["src/**"], exclude: ["src/legacy/**"] },
  { severity: { timeout: "error", retry: "info", eval: "off" }, minScore: 70 },
  { wrappers: { retry: ["withRetry", "retry.run"], fallback: ["withFallback"], usage: ["recordUsage"], timeout: ["withDeadline"] }, evalGlobs: ["evals/**/*.ts"] },
  { include: ["src"], severity: { usage: "hint" }, fileBudgetMs: 5000, minScore: 0 },
];

/** Values of every shape and of the kinds the schema cares about (globs, severities, names, scores). */
const VALUES: unknown[] = [
  null, true, false, 0, -1, 1, 1.5, 50, 100, 101, 1e308, -0, 2 ** 53, 600_000, 600_001,
  "", " ", "src/**", "/abs/path/**", "C:\\win\\**", "c:/x", "**/*.test.ts", "error", "warning", "info", "hint", "off", "warn", "ERROR",
  "withRetry", "retry.run", "1bad", "a-b", "a..b", "$ok", "_x.y_z", "timeout", "\u0000", "\uD800", "é",
  [], [""], ["src/**"], ["/etc/**"], [1], [null], ["withRetry"], ["bad name"], [["nested"]],
  {}, { timeout: "error" }, { timout: "error" }, { retry: ["withRetry"] }, { retry: "withRetry" }, { a: 1 },
];

const KEYS = ["$schema", "include", "exclude", "severity", "wrappers", "evalGlobs", "minScore", "fileBudgetMs", "severity.timeout", "severity.eval", "severity.bogus",
  "wrappers.retry", "wrappers.fallback", "wrappers.usage", "wrappers.timeout", "wrappers.other", "include.0", "exclude.1", "minscore", "exclude ", "__proto__", "constructor"];

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function setPath(obj: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split(".");
  let o: Record<string, unknown> = obj;
  for (const p of parts.slice(0, -1)) {
    const next = o[p];
    if (next === null || typeof next !== "object") o[p] = /^\d+$/.test(parts[parts.indexOf(p) + 1] ?? "") ? [] : {};
    o = o[p] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  if (last === "__proto__") Object.defineProperty(o, last, { value, enumerable: true, configurable: true, writable: true });
  else o[last] = value;
}

function deletePath(obj: Record<string, unknown>, dotted: string): void {
  const parts = dotted.split(".");
  let o: unknown = obj;
  for (const p of parts.slice(0, -1)) o = o && typeof o === "object" ? (o as Record<string, unknown>)[p] : undefined;
  if (o && typeof o === "object") delete (o as Record<string, unknown>)[parts[parts.length - 1]!];
}

/** Text-level damage: what a hand edit or a bad merge leaves. */
function damageJson(text: string, rng: Rng): string {
  switch (rng.int(9)) {
    case 0:
      return text.slice(0, rng.int(text.length));
    case 1: {
      const b = Buffer.from(text);
      if (b.length) b[rng.int(b.length)] ^= 1 << rng.int(8);
      return b.toString("utf8");
    }
    case 2:
      return text.replace(/}\s*$/, ",}");
    case 3:
      return `// a comment\n${text}`;
    case 4:
      return `\uFEFF${text}`;
    case 5:
      return text.replace(/"(\w+)":/, (m, k: string) => `"${k}": null, "${k}":`);
    case 6:
      return text.replace(/"/g, "'");
    case 7:
      return text.replace(/\n/g, "\r\n");
    default: {
      const at = rng.int(text.length + 1);
      return text.slice(0, at) + rng.pick(["{", "}", "[", "]", ",", ":", '"', "\\", "\u0000", "NaN", "undefined"]) + text.slice(at);
    }
  }
}

/** A mutated configuration, as the text of .llm-readiness.json or of a package.json with the `llmReadiness` key. */
export function configCase(rng: Rng): { target: ConfigTarget; text: string } {
  const target: ConfigTarget = rng.chance(0.5) ? "config" : "package";
  const cfg = clone(rng.pick(CONFIG_SEEDS)) as Record<string, unknown>;
  for (let i = rng.int(4); i > 0; i--) {
    const key = rng.pick(KEYS);
    if (rng.chance(0.25)) deletePath(cfg, key);
    else setPath(cfg, key, clone(rng.pick(VALUES)));
  }
  let doc: unknown = cfg;
  if (target === "package") {
    const pkg: Record<string, unknown> = { name: "fuzz-app", version: "1.0.0", private: true, dependencies: { openai: "^4.0.0" } };
    const r = rng.int(10);
    // Mostly the key holds the mutated config; sometimes the key is missing, or holds another shape.
    if (r < 7) pkg.llmReadiness = cfg;
    else if (r < 9) pkg.llmReadiness = clone(rng.pick(VALUES));
    doc = pkg;
  }
  let text = JSON.stringify(doc, null, rng.pick([0, 2, 4, "\t"]));
  if (rng.chance(0.25)) text = damageJson(text, rng);
  return { target, text };
}

// ---------------------------------------------------------------- suppression comments

const CHECK_LISTS: { text: string; valid: boolean; checks: string[] }[] = [
  { text: "timeout", valid: true, checks: ["timeout"] },
  { text: "timeout, retry", valid: true, checks: ["timeout", "retry"] },
  { text: "timeout retry usage", valid: true, checks: ["timeout", "retry", "usage"] },
  { text: "timeout,,retry", valid: true, checks: ["timeout", "retry"] },
  { text: "eval eval", valid: true, checks: ["eval"] },
  { text: CHECK_IDS.join(","), valid: true, checks: [...CHECK_IDS] },
  { text: "", valid: false, checks: [] },
  { text: "timout", valid: false, checks: [] },
  { text: "Timeout", valid: false, checks: [] },
  { text: "all", valid: false, checks: [] },
  { text: "*", valid: false, checks: [] },
  { text: "timeout, bogus", valid: false, checks: [] },
  { text: "timeout;retry", valid: false, checks: [] },
  { text: "tіmeout", valid: false, checks: [] }, // a Cyrillic і
];

const REASONS: { text: string; valid: boolean }[] = [
  { text: " -- the gateway bounds it", valid: true },
  { text: " --\tbatch job, no user waiting", valid: true },
  { text: " -- -- a doubled separator, then the reason", valid: true },
  // Placeholder reasons (src/core/suppressionReason.ts): the directive is ignored with an error on its line.
  { text: " -- -- double", valid: false },
  { text: " -- reason", valid: false },
  { text: " -- TODO", valid: false },
  { text: " -- tbd.", valid: false },
  { text: " -- two words", valid: false },
  { text: "", valid: false },
  { text: " --", valid: false },
  { text: " --   ", valid: false },
  { text: " —  em dash is not the separator", valid: false },
  { text: " --reason-without-space", valid: false },
  { text: " - one dash", valid: false },
];

const DIRECTIVES: { text: string; scope?: "next-line" | "file"; kind: "ours" | "malformed" | "other" }[] = [
  { text: "llm-readiness-disable-next-line", scope: "next-line", kind: "ours" },
  { text: "llm-readiness-disable", scope: "file", kind: "ours" },
  { text: "llm-readiness-disable-line", kind: "malformed" },
  { text: "llm-readiness-disabled", kind: "malformed" },
  { text: "llm-readiness-disable-next", kind: "malformed" },
  { text: "llm-readiness-disable-next-line:", kind: "malformed" },
  { text: "llm-readiness-disable-file", kind: "malformed" },
  { text: "LLM-READINESS-DISABLE", kind: "other" },
  { text: "llm-readiness-enable", kind: "other" },
  { text: "eslint-disable-next-line", kind: "other" },
];

/** Every combination of directive, check list and reason, in each comment style. */
export function suppressionCases(): SuppressionCase[] {
  const out: SuppressionCase[] = [];
  const styles: ((body: string) => string)[] = [(b) => `// ${b}`, (b) => `/* ${b} */`, (b) => `/**\n   * ${b}\n   */`, (b) => `//${b}`];
  for (const d of DIRECTIVES) {
    for (const l of CHECK_LISTS) {
      for (const r of REASONS) {
        for (const [si, style] of styles.entries()) {
          const body = `${d.text}${l.text ? ` ${l.text}` : ""}${r.text}`;
          const valid = d.kind === "ours" && l.valid && r.valid;
          const expect: SuppressionCase["expect"] = d.kind === "other" ? "ignored" : valid ? { suppresses: l.checks } : "malformed";
          // A file directive goes at the top; a next-line one (and the malformed) above the call. JSDoc-style only for blocks.
          if (si === 2 && d.kind === "other") continue;
          out.push({ comment: style(body), where: d.scope === "file" ? "file" : "next-line", expect });
        }
      }
    }
  }
  // Not comments at all: a directive in a string, a template or a regex is text.
  for (const s of ['const s = "// llm-readiness-disable-next-line timeout -- x";', "const t = `/* llm-readiness-disable timeout -- x */`;", "const r = /llm-readiness-disable timeout -- x/;"]) {
    out.push({ comment: s, where: "next-line", expect: "ignored" });
  }
  // Unterminated at the end of the file, and a directive split by a line break: no crash, whatever they mean.
  out.push({ comment: "\n/* llm-readiness-disable timeout -- never closed", where: "end", expect: "any" });
  out.push({ comment: "\n/* llm-readiness-disable-next-line", where: "end", expect: "any" });
  out.push({ comment: "// llm-readiness-disable-next-line timeout\r-- reason after a CR", where: "next-line", expect: "any" });
  return out;
}

// ---------------------------------------------------------------- webview messages and paths

const TYPES = ["webview/ready", "site/reveal", "check/docs", "report/export", "report/copy", "scan/rerun", "test/snapshot", "test/clicked", "panel/state", "site/open", "", "SITE/REVEAL"];
const FIELD_VALUES: unknown[] = [
  undefined, null, true, false, 0, 1, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER, "", "x", "file:///w/app", "src/a.ts", "../../etc/passwd", "timeout", "bogus",
  [], [1], {}, { a: "b" }, { a: 1 }, { __proto__: "x" },
];

function randomJson(rng: Rng, depth: number): unknown {
  const r = rng.int(depth > 2 ? 6 : 8);
  switch (r) {
    case 0: return null;
    case 1: return rng.chance(0.5);
    case 2: return rng.pick([0, 1, -1, 0.5, 1e21, 2 ** 53 + 2, 42]);
    case 3: return rng.pick(["", "a", "site/reveal", "\u0000", "\uD800", "x".repeat(rng.int(1000))]);
    case 4: case 5: return rng.pick(FIELD_VALUES);
    case 6: return Array.from({ length: rng.int(4) }, () => randomJson(rng, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i--) o[rng.pick(["type", "folder", "file", "line", "column", "check", "id", "texts", "found", "x"])] = randomJson(rng, depth + 1);
      return o;
    }
  }
}

/** A message from a hostile or broken webview: a valid one with a field changed, or random JSON. */
export function webviewMessage(rng: Rng): unknown {
  if (rng.chance(0.3)) return randomJson(rng, 0);
  const base: Record<string, unknown> = {
    type: rng.pick(TYPES),
    folder: "file:///w/app",
    file: "src/a.ts",
    line: 3,
    column: 5,
    check: rng.pick(CHECK_IDS),
    id: 1 + rng.int(100),
    texts: { a: "b" },
    found: true,
  };
  for (let i = rng.int(3); i > 0; i--) {
    const k = rng.pick(Object.keys(base));
    const v = rng.pick(FIELD_VALUES);
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

/** A path the webview might send: mostly ones that try to leave the folder, some that are honest. */
export function pathCase(rng: Rng, inside: readonly string[], viaLinks: readonly string[], root: string): { rel: string; escapes: boolean } {
  const r = rng.int(10);
  const target = rng.pick(inside);
  if (r === 0) return { rel: rng.pick([target, `./${target}`, `src/../${target}`, `src/lib/../../${target}`]), escapes: false };
  if (r === 1) return { rel: rng.pick(viaLinks), escapes: true };
  if (r === 2) {
    const up = "../".repeat(1 + rng.int(6));
    return { rel: rng.pick([`${up}etc/passwd`, `src/${up}../x.ts`, `${up}${target}`, "..", "src/../..", `src/lib/${"../".repeat(3 + rng.int(3))}secret.ts`]), escapes: true };
  }
  if (r === 3) return { rel: rng.pick(["/etc/passwd", `${root}/${target}`, "//server/share/x.ts", "\\\\server\\share\\x.ts", "C:/Windows/win.ini", "c:\\x.ts"]), escapes: true };
  if (r === 4) {
    const scheme = rng.pick(["file://", "file:", "file:///", "vscode-resource:", "vscode-resource://", "vscode-webview-resource://id/file//", "vscode-file://vscode-app", "https://example.com/", "data:text/plain,"]);
    return { rel: `${scheme}${rng.pick([`${root}/${target}`, "/etc/passwd", target])}`, escapes: true };
  }
  if (r === 5) return { rel: rng.pick(["", ".", "./", "src/", `${target}\u0000.png`, "src\u0000/a.ts"]), escapes: true };
  if (r === 6) return { rel: rng.pick(["~/.ssh/id_rsa", "%2e%2e/%2e%2e/etc/passwd", "..%2f..%2fetc%2fpasswd", "src/missing.ts", "src/lib"]), escapes: true };
  // Random segments: the guard must agree with a plain count of how far up they go.
  const segs = Array.from({ length: 1 + rng.int(6) }, () => rng.pick(["..", ".", "src", "lib", "link-out", "up", "x"]));
  const rel = segs.join("/");
  return { rel, escapes: true }; // none of these names a regular file inside: src, lib, x are folders or missing
}

// ---------------------------------------------------------------- edit sequences

/** Snippets an edit may type in: options that change verdicts, handling, new calls, broken code. */
const SNIPPETS = [
  "timeout: 5_000, ",
  "maxRetries: 0, ",
  "maxRetries: 4, ",
  'import { z } from "zod";\n',
  "try { } catch (e) { return null; }\n",
  'export async function extra(q: string) { return openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: q }] }); }\n',
  "// llm-readiness-disable-next-line timeout -- fuzz\n",
  "// llm-readiness-disable-next-line timout\n",
  "(",
  "}",
  "/* ",
  'import OpenAI from "openai";\nexport const openai = new OpenAI({ timeout: 1000 });\n',
];

/** A random sequence of edits over a project's files (creations, deletions, typing, reverts), some updates cancelled midway. */
export function editSequence(rng: Rng, originals: ReadonlyMap<string, string>): EditStep[] {
  const current = new Map<string, string | null>(originals);
  const names = () => [...current.keys()].filter((k) => current.get(k) !== null);
  const steps: EditStep[] = [];
  let fresh = 0;
  for (let n = 2 + rng.int(7); n > 0; n--) {
    const changes: { abs: string; text: string | null }[] = [];
    for (let m = rng.chance(0.3) ? 2 + rng.int(2) : 1; m > 0; m--) {
      const files = names();
      const file = rng.pick(files);
      const text = current.get(file) ?? "";
      const r = rng.int(12);
      let next: string | null;
      let at = file;
      if (r === 0) next = null; // deleted
      else if (r === 1) {
        at = file.replace(/(\.[mc]?[jt]sx?)$/, `.fuzz${fresh++}$1`); // a new file: a copy of another
        next = text;
      } else if (r === 2) next = originals.get(file) ?? text; // reverted
      else if (r < 5) {
        const mutation = rng.pick([...KEEPING.filter((k) => ["bom", "crlf", "mixed-eol", "lone-surrogates", "nuls", "unicode-identifiers", "unterminated-comment-at-end"].includes(k.name)), ...BREAKING.filter((b) => b.name !== "insert-deep-nesting")]);
        next = mutation.applies && !mutation.applies(extOf(file)) ? text : mutation.apply(text, rng, extOf(file));
      } else if (r < 8) {
        const ends = tokenEnds(text, extOf(file));
        const pos = ends.length ? rng.pick(ends) : 0;
        next = text.slice(0, pos) + rng.pick(SNIPPETS) + text.slice(pos);
      } else if (r < 10) {
        const ends = tokenEnds(text, extOf(file));
        const a = ends.length ? rng.int(ends.length) : 0;
        const b = Math.min(ends.length - 1, a + rng.int(6));
        next = ends.length ? text.slice(0, ends[a]) + text.slice(ends[b]) : text;
      } else next = text.slice(0, tokenEnds(text, extOf(file)).at(rng.int(50) - 25) ?? 0); // truncated while typing
      current.set(at, next);
      changes.push({ abs: at, text: next });
    }
    steps.push({ changes, ...(rng.chance(0.2) ? { abortAfter: 1 + rng.int(40) } : {}) });
  }
  return steps;
}
