/**
 * Which runner a workspace tests with and where its tests live (from package.json and the existing
 * test files, read and never run), and which environment variables hold the model's credentials.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { DetectedSite } from "../../../callSites/detect";
import type { CheckContext } from "../../checkContext";
import { packageExportOf } from "../../../flow/packageExports";
import { parseSource } from "../../../project";
import type { EvalRunners, RunnerId } from "./data";

/** The nearest package.json of a file within the root: its folder (relative, "" for the root) and what it declares. */
export interface PackageInfo {
  dir: string;
  dependencies: ReadonlySet<string>;
  scripts: string[];
  /** The `test` script (and `test:*` ones), the first evidence of the runner. */
  testScripts: string[];
}

export function packageOf(abs: string, root: string): PackageInfo {
  for (let dir = path.dirname(abs); dir.startsWith(root); dir = path.dirname(dir)) {
    try {
      const json = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Record<string, unknown>;
      const deps = new Set<string>();
      for (const key of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
        const d = json[key];
        if (d && typeof d === "object") for (const k of Object.keys(d)) deps.add(k);
      }
      const s = json.scripts;
      const entries = s && typeof s === "object" ? Object.entries(s).filter((e): e is [string, string] => typeof e[1] === "string") : [];
      const scripts = entries.map((e) => e[1]);
      const testScripts = entries.filter(([k]) => k === "test" || k.startsWith("test:")).map((e) => e[1]);
      return { dir: path.relative(root, dir).split(path.sep).join("/"), dependencies: deps, scripts, testScripts };
    } catch {
      // none here (or not JSON): go up
    }
    if (dir === root || path.dirname(dir) === dir) break;
  }
  return { dir: "", dependencies: new Set(), scripts: [], testScripts: [] };
}

/** A workspace test file: its path and its parsed text (dormant files are parsed on demand). */
export interface TestFile {
  rel: string;
  sf: () => ts.SourceFile;
}

/** Test and eval files of the package (scanned, whether or not they reach a site). */
export function testFilesOf(checks: CheckContext, pkgDir: string): TestFile[] {
  const ws = checks.workspace;
  const inPkg = (rel: string) => !pkgDir || rel.startsWith(`${pkgDir}/`);
  const out: TestFile[] = [];
  for (const f of ws.files.values()) if (!f.outside && inPkg(f.rel) && checks.isTestFile(f.rel)) out.push({ rel: f.rel, sf: () => f.sf });
  for (const d of ws.dormant.values()) {
    if (!inPkg(d.rel) || !checks.isTestFile(d.rel)) continue;
    let sf: ts.SourceFile | undefined;
    out.push({ rel: d.rel, sf: () => (sf ??= parseSource(d.abs, d.text)) });
  }
  return out.sort((a, b) => a.rel.localeCompare(b.rel));
}

function importsOf(sf: ts.SourceFile): string[] {
  return sf.statements.flatMap((s) => (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) ? [s.moduleSpecifier.text] : []));
}

/**
 * The runner to write for, by evidence in order: the package's test script (`bun test`, `vitest run`),
 * then what its existing test files import (`bun:test`, `vitest`, `@jest/globals`, `mocha`, `node:test`,
 * `evalite`), then its dependencies (evalite first: an eval harness), then its other scripts;
 * node:test when nothing says (it needs no dependency).
 */
export function detectRunner(data: EvalRunners, pkg: PackageInfo, tests: readonly TestFile[]): RunnerId {
  const byScript = (scripts: readonly string[]) => data.runners.find((r) => r.scripts.some((s) => scripts.some((x) => new RegExp(s).test(x))))?.id;
  const scripted = byScript(pkg.testScripts);
  if (scripted) return scripted;
  const votes = new Map<RunnerId, number>();
  for (const t of tests.slice(0, 50)) {
    const specs = importsOf(t.sf());
    const r = data.runners.find((x) => x.imports.some((i) => specs.includes(i)));
    if (r) votes.set(r.id, (votes.get(r.id) ?? 0) + 1);
  }
  const voted = [...votes].sort((a, b) => b[1] - a[1])[0];
  if (voted) return voted[0];
  for (const r of data.runners) if (r.packages.some((p) => pkg.dependencies.has(p))) return r.id;
  return byScript(pkg.scripts) ?? "node:test";
}

/** Whether jest tests use the globals (`@types/jest`) rather than importing from `@jest/globals`. */
export function jestGlobals(pkg: PackageInfo, tests: readonly TestFile[]): boolean {
  if (tests.some((t) => importsOf(t.sf()).includes("@jest/globals"))) return false;
  return pkg.dependencies.has("@types/jest") && !pkg.dependencies.has("@jest/globals");
}

const TEST_DIR = /^(test|tests|__tests__|spec|specs)$/;
const BESIDE = "<beside the source>";
const NESTED = "<__tests__ beside the source>";

/**
 * The new file's folder and suffix, following the package's existing tests: beside the source,
 * in a `__tests__` folder beside it, or in a top-level test folder (the most common placement
 * wins); `.spec` or `.test` as most files are named. `eval`: evalite's `*.eval.*` files instead.
 */
export function placement(pkgDir: string, siteRel: string, tests: readonly TestFile[], evalFiles: boolean): { dir: string; suffix: string } {
  const prefix = pkgDir ? `${pkgDir}/` : "";
  const siteDir = path.posix.dirname(siteRel);
  const relevant = tests.filter((t) => (evalFiles ? /\.evals?\.[cm]?[jt]sx?$/.test(t.rel) : !/\.evals?\.[cm]?[jt]sx?$/.test(t.rel)));
  const suffix = evalFiles ? ".eval" : relevant.filter((t) => /\.spec\.[^.]+$/.test(t.rel)).length > relevant.length / 2 ? ".spec" : ".test";
  const votes = new Map<string, number>();
  for (const t of relevant) {
    const segs = t.rel.slice(prefix.length).split("/").slice(0, -1);
    const top = segs.findIndex((s) => TEST_DIR.test(s) || s === "evals" || s === "eval");
    // A folder path, or one of two placements relative to the source: beside it, or in its own __tests__.
    let where: string;
    if (top === -1) where = BESIDE;
    else if (top > 0 && segs[top] === "__tests__" && top === segs.length - 1) where = NESTED;
    else where = `${prefix}${segs.slice(0, top + 1).join("/")}`;
    votes.set(where, (votes.get(where) ?? 0) + 1);
  }
  const best = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  if (best === BESIDE) return { dir: siteDir, suffix };
  if (best === NESTED) return { dir: `${siteDir}/__tests__`, suffix };
  if (best) return { dir: best, suffix };
  return { dir: `${prefix}${evalFiles ? "evals" : "test"}`, suffix };
}

/** The extension of the new file: TypeScript for TypeScript sources, the source's own for JavaScript. */
export function extensionFor(siteRel: string): string {
  const ext = path.posix.extname(siteRel);
  if (ext === ".mts" || ext === ".cts" || ext === ".mjs" || ext === ".cjs" || ext === ".js") return ext;
  if (ext === ".jsx") return ".js";
  return ".ts";
}

/**
 * The environment variables an eval of this site needs (any one of them), from the provider, or for
 * the AI SDK and LangChain the package that builds the model or client; the opt-in variable when
 * the provider needs no credentials (a local Ollama).
 */
export function apiKeyEnv(data: EvalRunners, site: DetectedSite, checks: CheckContext): { vars: string[]; optIn: boolean } {
  const keys = data.apiKeys;
  const inner = checks.innermost(site);
  const pkg = modelPackage(inner, checks);
  if (pkg === "gateway") return { vars: keys.gateway, optIn: false };
  if (pkg && keys.packages[pkg]) return { vars: keys.packages[pkg]!, optIn: false };
  const byProvider = keys.providers[inner.provider];
  if (byProvider) return { vars: byProvider, optIn: false };
  // A framework site whose model package we could not see: the file's imports may name it.
  for (const s of importsOf(inner.file.sf)) if (keys.packages[s]) return { vars: keys.packages[s]!, optIn: false };
  return { vars: [keys.optIn], optIn: true };
}

/** The package of the model an AI SDK call names (`openai("gpt-4o")` → `@ai-sdk/openai`), or of a LangChain client's constructor. */
function modelPackage(site: DetectedSite, checks: CheckContext): string | "gateway" | undefined {
  const ws = checks.workspace;
  const finder = checks.finder;
  const origin = site.client?.origin;
  if (origin && (ts.isNewExpression(origin) || ts.isCallExpression(origin))) {
    const pe = packageExportOf(ws, origin.expression);
    if (pe) return pe.pkg;
  }
  for (const a of site.call.arguments) {
    const obj = finder.objectLiteral(a);
    let e: ts.Expression | null | undefined = obj && finder.propertyExpr(obj, "model");
    for (let i = 0; e && ts.isIdentifier(e) && i < 3; i++) e = finder.strings.initializerOf(e);
    if (!e) continue;
    if (ts.isStringLiteralLike(e)) return e.text.includes("/") ? "gateway" : undefined;
    if (ts.isCallExpression(e)) {
      const pe = packageExportOf(ws, e.expression);
      if (pe) return pe.pkg;
    }
  }
  return undefined;
}
