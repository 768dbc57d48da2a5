/**
 * Which files are tests or evals: one recognition shared by detection (`test: true` sites, wrapper
 * calls dropped) and the eval check, so both agree (CHECKS.md "Eval coverage").
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import picomatch from "picomatch";
import type { Workspace } from "./project";

/** Test and eval files by path relative to the root (vitest/jest/node:test names, evals folders). */
export const DEFAULT_TEST_GLOBS = [
  "**/*.{test,spec,eval,evals}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}",
  "**/__tests__/**",
  "**/{evals,eval}/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}",
];

export function testFileMatcher(globs: readonly string[] = DEFAULT_TEST_GLOBS): (rel: string) => boolean {
  const m = picomatch([...globs], { dot: true });
  return (rel) => m(rel);
}

/** Test and eval file names (not just a folder called `evals/`). */
const NAMED_TEST = /\.(test|spec|eval|evals)\.[cm]?[jt]sx?$|(^|\/)__tests__\//;
const IN_EVAL_FOLDER = /(^|\/)evals?\//;
const SOURCE = /\.[cm]?[jt]sx?$/;

/** Test frameworks whose import makes a file a test (with assertion modules). */
const TEST_FRAMEWORKS = new Set(["vitest", "@jest/globals", "bun:test", "node:test", "mocha", "ava", "uvu", "tap", "node:assert", "assert", "node:assert/strict", "assert/strict", "chai"]);
/** Eval harness packages: a file importing one is an eval (braintrust only through its `Eval`). */
export const EVAL_PACKAGES = new Set(["evalite", "vitest-evals", "langsmith/evaluation", "langsmith/vitest", "langsmith/jest"]);
/** Cheap text pre-check before a file is parsed for its imports. */
const MAY_IMPORT_HARNESS = /evalite|vitest-evals|langsmith\/|braintrust/;
const MAY_IMPORT_FRAMEWORK = /["'](?:vitest|@jest\/globals|bun:test|node:test|mocha|ava|uvu|tap|(?:node:)?assert(?:\/strict)?|chai)["']|^\s*(?:describe|it|test)\(/m;

/** Package scripts that run tests, evals or benchmarks (`test`, `test:unit`, `eval`, `bench`), not their pre/post hooks. */
const RUNS_CHECKS = /(^|[:\-_.])(test|eval|bench|spec)/i;

export function importsTestFramework(sf: ts.SourceFile): boolean {
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && TEST_FRAMEWORKS.has(st.moduleSpecifier.text)) return true;
  }
  return /\brequire\(\s*["'](node:test|node:assert|assert|chai|mocha|ava|tap)["']\s*\)/.test(sf.text) || /^\s*(describe|it|test)\(/m.test(sf.text);
}

export function importsEvalHarness(sf: ts.SourceFile): boolean {
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const spec = st.moduleSpecifier.text;
    if (EVAL_PACKAGES.has(spec)) return true;
    const nb = st.importClause?.namedBindings;
    if (spec === "braintrust" && nb && ts.isNamedImports(nb) && nb.elements.some((el) => (el.propertyName ?? el.name).text === "Eval")) return true;
  }
  return false;
}

/** What a package's scripts name: files and folders run by its test/eval/bench scripts, absolute. */
interface ScriptTargets {
  /** Files a script runs by path (`tsx scripts/bench-summary.ts`, `ts-node src/evals/run.ts`). */
  files: Set<string>;
  /** Every path named (files and folders: `node --test checks/`). */
  paths: string[];
}

/**
 * Recognises test and eval files: by name (the globs), and by how the package runs them. A file is a
 * test or eval when
 * - the globs name it (a folder called `evals/` alone is not enough: such a file must also import a
 *   test framework or eval harness, or be run by a package script: it may be application code);
 * - it imports an eval harness (evalite, braintrust `Eval`, ...);
 * - a test, eval or benchmark script of its package runs it by path (an eval or benchmark script);
 * - it lies in a folder such a script runs and imports a test framework.
 */
export class TestFiles {
  private readonly named: (rel: string) => boolean;
  private readonly userNamed: ((rel: string) => boolean) | null;
  private readonly scriptMemo = new Map<string, ScriptTargets>();
  private readonly dirMemo = new Map<string, string>();
  private readonly memo = new Map<string, { text: string; value: boolean }>();

  constructor(
    private readonly ws: Workspace,
    userGlobs: readonly string[] = [],
  ) {
    this.named = testFileMatcher(DEFAULT_TEST_GLOBS);
    this.userNamed = userGlobs.length ? testFileMatcher(userGlobs) : null;
  }

  /** The predicate scans and checks take (`rel`: relative to the scan root, `/` separators). */
  readonly isTest = (rel: string): boolean => {
    if (!rel || rel.startsWith("../") || !SOURCE.test(rel)) return this.userNamed?.(rel) ?? false;
    if (this.userNamed?.(rel)) return true;
    const named = this.named(rel);
    if (named && NAMED_TEST.test(rel)) return true;
    const abs = path.join(this.ws.root, rel);
    const text = this.textOf(abs);
    if (text === undefined) return named;
    const hit = this.memo.get(rel);
    if (hit && hit.text === text) return hit.value;
    const value = this.decide(abs, text, named && IN_EVAL_FOLDER.test(rel));
    this.memo.set(rel, { text, value });
    return value;
  };

  private decide(abs: string, text: string, inEvalFolder: boolean): boolean {
    const sf = (): ts.SourceFile | undefined => this.ws.fileByPath(abs)?.sf;
    if (MAY_IMPORT_HARNESS.test(text)) {
      const s = sf();
      if (s && importsEvalHarness(s)) return true;
    }
    const scripts = this.scriptsOf(abs);
    if (scripts.files.has(abs.replace(SOURCE, ""))) return true;
    // A script that runs a file of an `evals/` folder (`tsx evals/run.ts`) makes the folder an eval folder.
    const evalFolder = inEvalFolder ? /^(.*[/\\]evals?)[/\\]/.exec(abs)?.[1] : undefined;
    const underScript = scripts.paths.some((p) => abs.startsWith(p + path.sep) || (!!evalFolder && p.startsWith(evalFolder + path.sep)));
    // An `evals/` folder that a script runs is an eval folder; otherwise it may be application code.
    if (underScript && inEvalFolder) return true;
    if (!underScript && !inEvalFolder) return false;
    if (!MAY_IMPORT_FRAMEWORK.test(text)) return false;
    const s = sf();
    return !!s && importsTestFramework(s);
  }

  private textOf(abs: string): string | undefined {
    return this.ws.files.get(abs)?.sf.text ?? this.ws.dormant.get(abs)?.text;
  }

  private scriptsOf(abs: string): ScriptTargets {
    const dir = this.packageDirOf(abs);
    const cached = this.scriptMemo.get(dir);
    if (cached) return cached;
    const out: ScriptTargets = { files: new Set(), paths: [] };
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { scripts?: Record<string, string> };
      for (const [name, cmd] of Object.entries(pkg.scripts ?? {})) {
        if (!RUNS_CHECKS.test(name) || /^(pre|post)/.test(name) || typeof cmd !== "string") continue;
        for (const tok of cmd.split(/\s+/)) {
          const clean = tok.replace(/^["']|["']$/g, "").replace(/\/\*\*.*$|\/\*.*$/, "").replace(/\/$/, "");
          if (!clean || clean.startsWith("-") || clean.includes("$") || !/^[\w.@-]+(\/[\w.@-]+)*$/.test(clean) || !(tok.includes("/") || SOURCE.test(clean))) continue;
          if (/node_modules/.test(clean)) continue;
          const target = path.resolve(dir, clean);
          out.paths.push(target);
          if (SOURCE.test(clean) && !/\*/.test(tok)) out.files.add(target.replace(SOURCE, ""));
        }
      }
    } catch {
      // No package.json or no scripts.
    }
    this.scriptMemo.set(dir, out);
    return out;
  }

  /** The folder of the nearest package.json above a file, memoized by folder. */
  private packageDirOf(abs: string): string {
    const start = path.dirname(abs);
    let found = this.dirMemo.get(start);
    if (!found) this.dirMemo.set(start, (found = packageDirOf(abs, this.ws.root)));
    return found;
  }

}

/** The folder of the nearest package.json above a file (within the workspace root), or the root. */
export function packageDirOf(abs: string, root: string): string {
  for (let dir = path.dirname(abs); dir.startsWith(root); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (dir === root || path.dirname(dir) === dir) break;
  }
  return root;
}
