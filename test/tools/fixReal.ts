/**
 * fix-real: the safe quick-fixes applied to a copy of a real workspace, and each package they touched
 * type-checked with its own tsconfig before and after. A diagnostic the fixes add is a bug in a fix.
 * Without node_modules (a fresh clone) only the touched files' diagnostics are compared and module
 * resolution errors are ignored; the comparison is by file, code and message, not line (fixes move lines).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { AnalysisSession } from "../../src/core/session";
import { fixAll } from "../../src/core/fixes/fixAll";
import { fixesForSite } from "../../src/core/fixes";
import { DEFAULT_FIX_OPTIONS, type Fix, type FixOptions } from "../../src/core/fixes/types";

export interface PackageResult {
  /** The package folder relative to the workspace ("." for the root). */
  dir: string;
  tsconfig: string | undefined;
  /** Whether the package's SDKs were installed for the check (`--sdks`). */
  sdks: boolean;
  fixes: number;
  files: number;
  before: number;
  after: number;
  /** Diagnostics the fixes added (and rule violations: a write outside the package, into a test file). */
  added: string[];
}

export interface RepoResult {
  name: string;
  packages: PackageResult[];
  fixes: number;
  /** Unsafe fixes still offered on the fixed workspace's sites (left for a person, never applied here). */
  unsafeOffered: number;
  failed: number;
}

/** Errors that only say a dependency is not installed: TS2307, TS2792 (cannot find module), TS7016 (no declaration file). */
const MODULE_NOT_FOUND = new Set([2307, 2792, 7016, 2875]);
const OWN_TYPES = path.resolve("node_modules/@types");
/** Without the package's dependencies, contextual types are missing: a parameter the SDK would type is implicitly `any` (TS7006, TS7031). */
const UNTYPED_WITHOUT_DEPENDENCIES = new Set([7006, 7031]);
const SKIP_DIRS = new Set(["node_modules", ".git", ".next", "dist", "build", ".turbo", "out", "coverage"]);

/** Copies a workspace (without node_modules, VCS and build output) to a fresh temp folder. */
export function copyWorkspace(src: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-fix-real-"));
  fs.cpSync(src, dir, { recursive: true, filter: (p) => !SKIP_DIRS.has(path.basename(p)) || p === src, verbatimSymlinks: true });
  return dir;
}

/** The folder of the package.json nearest to a file (the root when none). */
export function packageDirOf(root: string, rel: string): string {
  for (let dir = path.dirname(path.join(root, rel)); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return path.relative(root, dir) || ".";
    if (dir === root || path.dirname(dir) === dir) return ".";
  }
}

function hasNodeModules(root: string, pkgDir: string): boolean {
  for (let dir = path.join(root, pkgDir); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "node_modules"))) return true;
    if (dir === root || path.dirname(dir) === dir) return false;
  }
}

/** The package's tsconfig.json (or jsconfig.json); undefined when it has none. */
function configOf(root: string, pkgDir: string): string | undefined {
  for (const name of ["tsconfig.json", "jsconfig.json"]) {
    const p = path.join(root, pkgDir, name);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

const DEFAULT_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  skipLibCheck: true,
  jsx: ts.JsxEmit.Preserve,
};

/**
 * Diagnostics of a package's program for the given files (relative to the root), as `file: TScode message`.
 * Files the tsconfig does not include are added as roots, the same before and after.
 */
export function diagnosticsOf(root: string, pkgDir: string, files: readonly string[], installed: boolean, sdkTypes?: string): string[] {
  const config = configOf(root, pkgDir);
  let options: ts.CompilerOptions = DEFAULT_OPTIONS;
  let names: string[] = [];
  let projectReferences: readonly ts.ProjectReference[] | undefined;
  if (config) {
    const host: ts.ParseConfigFileHost = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
    const parsed = ts.getParsedCommandLineOfConfigFile(config, { noEmit: true }, host);
    if (parsed) {
      options = { ...parsed.options, noEmit: true };
      names = parsed.fileNames;
      projectReferences = parsed.projectReferences;
    }
  }
  if (!installed) {
    // Not installed: the Node globals (`AbortSignal`, `process`) come from this project's @types/node, as they would from the package's own.
    const types = options.types;
    if (!types || types.some((t) => /^(node|bun|bun-types|@types\/node|@types\/bun)$/.test(t))) options = { ...options, types: ["node"], typeRoots: [OWN_TYPES] };
  }
  const host = ts.createCompilerHost(options);
  const workspace = installed ? new Map<string, string>() : workspacePackages(root);
  if (sdkTypes || workspace.size) {
    // The SDKs the package declares, installed at its ranges beside the copy: resolved when the package's own resolution finds nothing.
    host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts) =>
      literals.map((lit) => {
        const own = ts.resolveModuleName(lit.text, containingFile, opts, host, undefined, redirected);
        if (own.resolvedModule) return own;
        // A package of the same monorepo: its sources, as the workspace link would give them once installed.
        const local = workspaceSource(workspace, lit.text);
        if (local) return { resolvedModule: { resolvedFileName: local, extension: local.endsWith(".tsx") ? ts.Extension.Tsx : ts.Extension.Ts, isExternalLibraryImport: false } };
        if (!sdkTypes) return own;
        const sdk = ts.resolveModuleName(lit.text, path.join(sdkTypes, "index.ts"), { ...opts, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext }, host);
        return sdk.resolvedModule ? sdk : own;
      });
  }
  const abs = files.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f));
  const roots = [...new Set([...names, ...abs])];
  const program = ts.createProgram({ rootNames: roots, options, host, ...(projectReferences ? { projectReferences } : {}) });
  const wanted = new Set(abs.map((f) => path.resolve(f)));
  const out: string[] = [];
  const add = (d: ts.Diagnostic) => {
    if (d.category !== ts.DiagnosticCategory.Error) return;
    if (!installed && (MODULE_NOT_FOUND.has(d.code) || UNTYPED_WITHOUT_DEPENDENCIES.has(d.code))) return;
    const where = d.file ? path.relative(root, d.file.fileName) : "(program)";
    out.push(`${where}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  };
  program.getOptionsDiagnostics().forEach(add);
  program.getGlobalDiagnostics().forEach(add);
  for (const sf of program.getSourceFiles()) {
    if (!wanted.has(path.resolve(sf.fileName))) continue;
    program.getSyntacticDiagnostics(sf).forEach(add);
    program.getSemanticDiagnostics(sf).forEach(add);
  }
  return out;
}

/**
 * Entries of `after` not matched by one in `before` (a multiset difference). Without node_modules, a
 * diagnostic the file already had (same code and message: `'result' is of type 'unknown'` where an SDK's
 * types are missing) counts once: the fix's code reads the same unresolved value the code already read.
 */
function added(before: readonly string[], after: readonly string[], installed: boolean): string[] {
  if (!installed) return [...new Set(after.filter((d) => !before.includes(d)))].flatMap((d) => after.filter((x) => x === d));
  const left = new Map<string, number>();
  for (const d of before) left.set(d, (left.get(d) ?? 0) + 1);
  const out: string[] = [];
  for (const d of after) {
    const n = left.get(d) ?? 0;
    if (n > 0) left.set(d, n - 1);
    else out.push(d);
  }
  return out;
}

/** Applies every safe fix to a copy of `src`, type-checks each touched package before and after, and cleans up. */
/** The monorepo's packages by name → folder (absolute), from every package.json outside node_modules. */
function workspacePackages(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, depth: number) => {
    if (depth > 5) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory() || SKIP_DIRS.has(e.name) || e.name.startsWith(".")) continue;
      const dir = path.join(d, e.name);
      try {
        const name = (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: unknown }).name;
        if (typeof name === "string") out.set(name, dir);
      } catch {
        // no package.json here
      }
      walk(dir, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

/** The TypeScript source a workspace package's specifier stands for (`@acme/fetch` → packages/fetch/src/index.ts). */
function workspaceSource(packages: Map<string, string>, spec: string): string | undefined {
  const parts = spec.split("/");
  const name = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  const dir = packages.get(name);
  if (!dir) return undefined;
  const sub = spec.slice(name.length).replace(/^\//, "");
  const stems: string[] = [];
  if (sub) stems.push(path.join(dir, "src", sub), path.join(dir, sub));
  else {
    try {
      const pj = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Record<string, unknown>;
      for (const k of ["source", "types", "typings", "main"]) {
        const v = pj[k];
        if (typeof v === "string") stems.push(path.join(dir, v.replace(/^\.\//, "").replace(/^(dist|build|out|lib)\//, "src/").replace(/(\.d)?\.[cm]?[jt]sx?$/, "")));
      }
    } catch {
      // unreadable: the usual places
    }
    stems.push(path.join(dir, "src", "index"), path.join(dir, "index"));
  }
  for (const stem of stems) for (const ext of [".ts", ".tsx", "/index.ts", "/index.tsx"]) if (fs.existsSync(stem + ext)) return stem + ext;
  return undefined;
}

/**
 * LLM SDK packages (the catalog's and the AI SDK's and LangChain's families), the HTTP clients whose calls fixes
 * wrap (a wrapped `axios.post<T>()` without axios's types infers `unknown`), and what the generated helpers import.
 */
function isSdk(name: string): boolean {
  return /^(openai|axios|got|ky|ollama|groq-sdk|cohere-ai|together-ai|ai|zod|p-retry|@anthropic-ai\/sdk|@google\/genai|@google\/generative-ai|@mistralai\/mistralai|@ai-sdk\/.+|@langchain\/.+|langchain|@aws-sdk\/client-bedrock-runtime|@azure\/openai)$/.test(name);
}

/**
 * Installs the SDKs a package declares (at its own ranges, scripts off) into a folder of their own,
 * so the before and after type-checks see the real SDK types (a wrapper's result type is inferred
 * from them) even where the repository's node_modules are absent. Undefined when none or npm fails.
 */
function installSdks(root: string, pkgDir: string, cacheDir: string, log: (line: string) => void): string | undefined {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(fs.readFileSync(path.join(root, pkgDir, "package.json"), "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const wanted = new Map<string, string>();
  for (const key of ["dependencies", "devDependencies", "peerDependencies"]) {
    const d = json[key];
    if (d && typeof d === "object") for (const [k, v] of Object.entries(d)) if (typeof v === "string" && isSdk(k) && !/^(workspace|catalog|file|link):/.test(v)) wanted.set(k, v);
  }
  if (!wanted.size) return undefined;
  const dir = path.join(cacheDir, pkgDir.replace(/[/.]/g, "_") || "_root");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "sdk-types", private: true }));
  try {
    execFileSync("npm", ["install", "--no-save", "--no-package-lock", "--ignore-scripts", "--no-audit", "--no-fund", "--legacy-peer-deps", "--loglevel=error", ...[...wanted].map(([k, v]) => `${k}@${v}`)], { cwd: dir, stdio: "pipe", timeout: 300_000 });
    return path.join(dir, "node_modules");
  } catch (e) {
    log(`  note ${pkgDir}: could not install its SDKs (${(e as Error).message.split("\n")[0]}); checked without them`);
    return undefined;
  }
}

export async function fixReal(src: string, options: FixOptions = DEFAULT_FIX_OPTIONS, log: (line: string) => void = () => {}, withSdks = false): Promise<RepoResult> {
  const dir = copyWorkspace(src);
  const sdkCache = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-fix-real-sdks-"));
  try {
    const session = await AnalysisSession.open(dir, { logger: { info: () => {}, warn: (m) => log(`  warn ${m}`), error: (m) => log(`  error ${m}`) } });
    const isTest = session.checkContext().isTestFile;
    const result = await fixAll(session, options, { safeOnly: true }, true);
    const unsafe = unsafeOffered(session, options);
    const byPackage = new Map<string, { files: string[]; fixes: Fix[]; violations: string[] }>();
    const entry = (pkg: string) => byPackage.get(pkg) ?? byPackage.set(pkg, { files: [], fixes: [], violations: [] }).get(pkg)!;
    for (const fix of result.applied) {
      const pkg = packageDirOf(dir, fix.site.file);
      entry(pkg).fixes.push(fix);
      // A fix may edit a wrapper in another package that the site calls; a file it creates belongs to a package it edits.
      const edited = new Set([pkg, ...fix.edits.map((e) => packageDirOf(dir, e.file))]);
      for (const c of fix.create) {
        if (!edited.has(packageDirOf(dir, c.file))) entry(pkg).violations.push(`${c.file}: created outside the package of the files the fix edits (${fix.title})`);
      }
      for (const f of [...fix.edits.map((e) => e.file), ...fix.create.map((c) => c.file)]) {
        if (isTest(f)) entry(pkg).violations.push(`${f}: a test or eval file edited (${fix.title})`);
      }
    }
    for (const file of result.files.keys()) {
      const pkg = packageDirOf(dir, file);
      entry(pkg).files.push(file);
    }
    const packages: PackageResult[] = [];
    for (const [pkg, e] of [...byPackage].sort(([a], [b]) => a.localeCompare(b))) {
      const installed = hasNodeModules(dir, pkg);
      const sdkTypes = !installed && withSdks ? installSdks(dir, pkg, sdkCache, log) : undefined;
      const existing = e.files.filter((f) => result.files.get(f)?.before !== null);
      // Before: the original texts (files the fixes created do not exist yet).
      for (const f of e.files) {
        const t = result.files.get(f)!;
        if (t.before === null) fs.rmSync(path.join(dir, f), { force: true });
        else fs.writeFileSync(path.join(dir, f), t.before);
      }
      const before = diagnosticsOf(dir, pkg, existing, installed, sdkTypes);
      for (const f of e.files) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), result.files.get(f)!.after);
      }
      const after = diagnosticsOf(dir, pkg, e.files, installed, sdkTypes);
      const cfg = configOf(dir, pkg);
      packages.push({ dir: pkg, tsconfig: cfg && path.relative(dir, cfg), sdks: !!sdkTypes, fixes: e.fixes.length, files: e.files.length, before: before.length, after: after.length, added: [...added(before, after, installed), ...e.violations] });
    }
    return { name: path.basename(src), packages, fixes: result.applied.length, unsafeOffered: unsafe, failed: result.failed.length };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(sdkCache, { recursive: true, force: true });
  }
}

/** Unsafe fixes the fixed workspace still offers (each needs a person's decision). */
function unsafeOffered(session: AnalysisSession, options: FixOptions): number {
  const src = { report: session.report(), checks: session.checkContext() };
  let n = 0;
  for (const site of src.checks.sites) n += fixesForSite(src, site, options).filter((f) => !f.safe).length;
  return n;
}
