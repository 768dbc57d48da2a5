/**
 * Runs quick-fix cases: copies a fixture (a file or a small project under test/fixtures/fixes/) to a
 * temp folder that sees the project's node_modules, type-checks it with the real SDK typings, applies
 * the chosen fix, and then requires: zero type errors, the check's passing value on the same site,
 * no fix for that check any more (applying it twice changes nothing), and the diff as snapshotted.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import ts from "typescript";
import { createTwoFilesPatch } from "diff";
import { AnalysisSession } from "../../src/core/session";
import { location } from "../../src/core/buildReport";
import { fixesForSite } from "../../src/core/fixes";
import { applyEdits, byFile } from "../../src/core/fixes/apply";
import { DEFAULT_FIX_OPTIONS, type Fix, type FixOptions } from "../../src/core/fixes/types";
import type { DetectedSite } from "../../src/core/callSites/detect";
import type { CheckId } from "../../src/core/types";

export const FIX_FIXTURES = path.resolve("test/fixtures/fixes");
const NODE_MODULES = path.resolve("node_modules");

/** The SDKs a single-file fixture's package.json declares, at the versions installed here. */
const FIXTURE_DEPENDENCIES = Object.fromEntries(
  ["openai", "@anthropic-ai/sdk", "ai", "@ai-sdk/openai", "@google/genai", "@langchain/core", "@langchain/openai", "@aws-sdk/client-bedrock-runtime", "zod"]
    .filter((p) => fs.existsSync(path.join(NODE_MODULES, p, "package.json")))
    .map((p) => [p, `^${(JSON.parse(fs.readFileSync(path.join(NODE_MODULES, p, "package.json"), "utf8")) as { version: string }).version}`]),
);

export interface FixCase {
  /** Path under test/fixtures/fixes/: a file, or a folder (a small project). */
  fixture: string;
  /** The site: file within a folder fixture, and 1-based line of the call (when the file has several sites). */
  file?: string;
  line?: number;
  /** Which of the site's fixes for the check to apply: a title pattern (the first one when absent). */
  pick?: RegExp;
  /** The check's value once the fix is applied. */
  after: string;
  /** The fix's strategy: an SDK option or API, or a wrapper. */
  strategy: Fix["strategy"];
  safe?: boolean;
  options?: Partial<FixOptions>;
  /** Patterns the fix's title and diff must match (where a file goes, how it is imported, what the title says). */
  expect?: RegExp[];
}

/** The fixture copied to a fresh folder beside a node_modules link (SDK typings and `@types/node`). */
function materialize(fixture: string): { dir: string; siteFile: string | undefined } {
  const src = path.join(FIX_FIXTURES, fixture);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-fix-"));
  fs.symlinkSync(NODE_MODULES, path.join(dir, "node_modules"), "dir");
  if (fs.statSync(src).isDirectory()) {
    fs.cpSync(src, dir, { recursive: true });
    return { dir, siteFile: undefined };
  }
  const rel = path.join("src", path.basename(src));
  fs.mkdirSync(path.join(dir, "src"));
  // A single file gets the package.json a project using the SDKs would have (fixes read it: p-retry, zod, the test runner).
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "fixture", private: true, type: "module", dependencies: FIXTURE_DEPENDENCIES }, null, 2));
  fs.copyFileSync(src, path.join(dir, rel));
  return { dir, siteFile: rel };
}

/** lib and node_modules declarations parse once for every program of the run. */
const declarations = new Map<string, ts.SourceFile | undefined>();

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  types: ["node"],
  skipLibCheck: true,
  noEmit: true,
  esModuleInterop: true,
  resolveJsonModule: true,
  allowJs: false,
};

/**
 * Type errors of the project's source files, as `file:line: message` relative to it. A folder fixture
 * with tsconfig.json files (a monorepo's packages) is checked per package with that tsconfig's own
 * options (`rootDir`, `include`, `paths`, module resolution: TS6059 and TS6307 show there); files no
 * tsconfig covers are checked with the harness's options.
 */
export function typeErrors(dir: string): string[] {
  const configs: string[] = [];
  const find = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules") continue;
      if (e.isDirectory()) find(path.join(d, e.name));
      else if (e.name === "tsconfig.json") configs.push(path.join(d, e.name));
    }
  };
  find(dir);
  if (!configs.length) return defaultTypeErrors(dir, undefined);
  const out: string[] = [];
  const covered = new Set<string>();
  for (const config of configs) {
    const parsed = ts.getParsedCommandLineOfConfigFile(config, { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => out.push(`${path.relative(dir, config)}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`) });
    if (!parsed) continue;
    parsed.fileNames.forEach((f) => covered.add(path.resolve(f)));
    const options = { skipLibCheck: true, types: ["node"], lib: COMPILER_OPTIONS.lib, ...parsed.options, noEmit: true };
    out.push(...diagnosticsText(dir, ts.createProgram({ rootNames: parsed.fileNames, options, host: sharedHost(options) })));
  }
  return [...out, ...defaultTypeErrors(dir, covered)];
}

function sharedHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const base = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, onError, create) => {
    const shared = file.includes(`${path.sep}node_modules${path.sep}`) || path.basename(file).startsWith("lib.");
    if (!shared) return base(file, lang, onError, create);
    const key = `${file}:${typeof lang === "object" ? lang.languageVersion : lang}`;
    if (!declarations.has(key)) declarations.set(key, base(file, lang, onError, create));
    return declarations.get(key);
  };
  return host;
}

function diagnosticsText(dir: string, program: ts.Program): string[] {
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "(project)";
    return `${where}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
}

function defaultTypeErrors(dir: string, covered: Set<string> | undefined): string[] {
  const roots: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules") continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith(".d.ts") && !covered?.has(path.resolve(p))) roots.push(p);
    }
  };
  walk(dir);
  if (covered && !roots.length) return [];
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const base = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, onError, create) => {
    const shared = file.includes(`${path.sep}node_modules${path.sep}`) || path.basename(file).startsWith("lib.");
    if (!shared) return base(file, lang, onError, create);
    if (!declarations.has(file)) declarations.set(file, base(file, lang, onError, create));
    return declarations.get(file);
  };
  const program = ts.createProgram(roots, COMPILER_OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "(project)";
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
}

function pickSite(session: AnalysisSession, c: FixCase, siteFile: string | undefined): DetectedSite {
  const file = (c.file ?? siteFile)?.split(path.sep).join("/");
  let sites = session.sites().filter((s) => !file || s.file.rel === file);
  if (c.line !== undefined) sites = sites.filter((s) => location(s).line === c.line);
  assert.equal(sites.length, 1, `${c.fixture}: expected one site${c.line ? ` at line ${c.line}` : ""}, found ${sites.map((s) => `${s.file.rel}:${location(s).line} ${s.callee}`).join(", ") || "none"}`);
  return sites[0]!;
}

/**
 * The same site after the fix: same file and callee, same rank among the file's sites with that
 * callee; when the fix changed the callee (`model.withRetry(...).invoke`), the same rank among the file's sites.
 */
function sameSite(session: AnalysisSession, site: DetectedSite, rank: { callee: number; of: number; inFile: number }): DetectedSite | undefined {
  const sameCallee = session.sites().filter((s) => s.file.rel === site.file.rel && s.callee === site.callee);
  if (sameCallee.length === rank.of) return sameCallee[rank.callee];
  return session.sites().filter((s) => s.file.rel === site.file.rel)[rank.inFile];
}

function rankOf(session: AnalysisSession, site: DetectedSite): { callee: number; of: number; inFile: number } {
  const sameCallee = session.sites().filter((s) => s.file.rel === site.file.rel && s.callee === site.callee);
  return { callee: sameCallee.indexOf(site), of: sameCallee.length, inFile: session.sites().filter((s) => s.file.rel === site.file.rel).indexOf(site) };
}

/** Applies a fix's edits and new files to disk under `dir`; returns the unified diff of what changed. */
export function applyToDisk(dir: string, fix: Fix): string {
  let diff = "";
  for (const [file, edits] of byFile(fix.edits)) {
    const abs = path.join(dir, file);
    const before = fs.readFileSync(abs, "utf8");
    const afterText = applyEdits(before, edits);
    fs.writeFileSync(abs, afterText);
    diff += createTwoFilesPatch(`a/${file}`, `b/${file}`, before, afterText, undefined, undefined, { context: 2 }).split("\n").slice(1).join("\n");
  }
  for (const n of fix.create) {
    const abs = path.join(dir, n.file);
    if (fs.existsSync(abs)) continue;
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, n.text);
    diff += createTwoFilesPatch("/dev/null", `b/${n.file}`, "", n.text, undefined, undefined, { context: 2 }).split("\n").slice(1).join("\n");
  }
  return diff;
}

/** Snapshots of one check's fix diffs: test/fixes/__snapshots__/<check>.md, one `## case` with a diff block each. */
class Snapshots {
  private readonly file: string;
  private readonly entries = new Map<string, string>();
  private readonly seen = new Map<string, string>();
  private dirty = false;

  constructor(check: string) {
    this.file = path.resolve("test/fixes/__snapshots__", `${check}.md`);
    if (fs.existsSync(this.file)) {
      const text = fs.readFileSync(this.file, "utf8");
      for (const m of text.matchAll(/^## (.+)\n\n```diff\n([\s\S]*?)\n```$/gm)) this.entries.set(m[1]!, m[2]!);
    }
  }

  match(name: string, diff: string): void {
    const body = diff.trimEnd();
    this.seen.set(name, body);
    const known = this.entries.get(name);
    const update = process.env.LLMR_UPDATE_SNAPSHOTS === "1";
    if (known === undefined || update) {
      // A missing snapshot fails on CI: it must be written and reviewed before it lands.
      if (process.env.CI && !update) assert.fail(`no snapshot for "${name}" in ${path.relative(process.cwd(), this.file)}; run with LLMR_UPDATE_SNAPSHOTS=1 and review it`);
      this.entries.set(name, body);
      this.dirty = true;
      return;
    }
    assert.equal(body, known, `the diff of "${name}" changed; review it and run with LLMR_UPDATE_SNAPSHOTS=1`);
  }

  save(): void {
    if (!this.dirty) return;
    // Entries of cases this run did not reach (`--test-name-pattern`) stay; a case removed for good is deleted by hand.
    const names = [...new Set([...this.entries.keys(), ...this.seen.keys()])].sort();
    const text = names.map((n) => `## ${n}\n\n\`\`\`diff\n${this.entries.get(n)}\n\`\`\`\n`).join("\n");
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, `<!-- Diffs of the ${path.basename(this.file, ".md")} fixes on their fixtures (test/fixes/). Written by LLMR_UPDATE_SNAPSHOTS=1; reviewed by a person. -->\n\n${text}`);
  }
}

/** One `node:test` case per fixture. */
export function runFixCases(check: CheckId, cases: FixCase[]): void {
  const snapshots = new Snapshots(check);
  after(() => snapshots.save());
  for (const c of cases) {
    const name = `${c.fixture}${c.line ? `:${c.line}` : ""}${c.pick ? ` ${c.pick.source}` : ""}`;
    test(`${check} fix: ${name} → ${c.after}`, async () => {
      const { dir, siteFile } = materialize(c.fixture);
      try {
        assert.deepEqual(typeErrors(dir), [], "the fixture must compile before the fix");
        const options = { ...DEFAULT_FIX_OPTIONS, ...c.options };
        const session = await AnalysisSession.open(dir);
        const site = pickSite(session, c, siteFile);
        const rank = rankOf(session, site);
        const src = { report: session.report(), checks: session.checkContext() };
        const fixes = fixesForSite(src, site, options, [check]);
        const fix = c.pick ? fixes.find((f) => c.pick!.test(f.title)) : fixes[0];
        assert.ok(fix, `no ${check} fix${c.pick ? ` matching ${c.pick}` : ""}; offered: ${fixes.map((f) => f.title).join(" | ") || "none"} (value ${src.report.sites.find((s) => s.file === site.file.rel && s.line === location(site).line)?.checks[check].value})`);
        assert.equal(fix.strategy, c.strategy, "strategy");
        if (c.safe !== undefined) assert.equal(fix.safe, c.safe, "safe");
        const diff = applyToDisk(dir, fix);

        assert.deepEqual(typeErrors(dir), [], `the fixed code must compile:\n${diff}`);
        for (const re of c.expect ?? []) assert.match(`${fix.title}\n${diff}`, re, `title and diff:\n${fix.title}\n${diff}`);
        const again = await AnalysisSession.open(dir);
        const fixed = sameSite(again, site, rank);
        assert.ok(fixed, "the site is still found after the fix");
        const report = again.report().sites.find((s) => s.file === fixed.file.rel && s.line === location(fixed).line && s.column === location(fixed).column)!;
        assert.equal(report.checks[check].value, c.after, `value after the fix (note: ${report.checks[check].note ?? "-"})\n${diff}`);
        const second = fixesForSite({ report: again.report(), checks: again.checkContext() }, fixed, options, [check]);
        assert.deepEqual(second.map((f) => f.title), [], "applying the fix twice must change nothing");
        snapshots.match(name, diff);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}

export interface NoFixCase {
  fixture: string;
  file?: string;
  line?: number;
  /** Why the site gets no fix of the check (the test's name). */
  why: string;
}

/** Sites that must get no fix of a check (a test file's call, a call inside a cache): the fixture compiles, and nothing is offered. */
export function runNoFixCases(check: CheckId, cases: NoFixCase[]): void {
  for (const c of cases) {
    test(`${check} fix: ${c.fixture}${c.line ? `:${c.line}` : ""} gets none (${c.why})`, async () => {
      const { dir, siteFile } = materialize(c.fixture);
      try {
        assert.deepEqual(typeErrors(dir), [], "the fixture must compile");
        const session = await AnalysisSession.open(dir);
        const site = pickSite(session, { fixture: c.fixture, ...(c.file ? { file: c.file } : {}), ...(c.line ? { line: c.line } : {}), after: "", strategy: "native" }, siteFile);
        const report = session.report().sites.find((s) => s.file === site.file.rel && s.line === location(site).line)!;
        assert.ok(report.checks[check].status === "fail" || report.checks[check].status === "warn", `the site must have a ${check} finding (value ${report.checks[check].value})`);
        const fixes = fixesForSite({ report: session.report(), checks: session.checkContext() }, site, DEFAULT_FIX_OPTIONS, [check]);
        assert.deepEqual(fixes.map((f) => f.title), []);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}
