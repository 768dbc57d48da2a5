/** scanWorkspace(root, options, signal) → ScanReport: the single entry point of the analysis core. */
import fs from "node:fs";
import path from "node:path";
import { loadCatalog, type Catalog } from "./catalog/load";
import { SiteFinder, type DetectedSite } from "./callSites/detect";
import { classifyText, discoverFiles, readSourceFile, DEFAULT_MAX_FILE_BYTES } from "./discover";
import { parseSource, Workspace } from "./project";
import { buildReport } from "./buildReport";
import { TestFiles } from "./testFiles";
import { createContext } from "./checks/checkContext";
import { checkSettingsOf, loadConfig, scanOptionsWith, type ResolvedConfig } from "./config";
import { judgeSite } from "./checks";
import { costOf } from "./cost";
import type { ScanError, ScanOptions, ScanReport, SkippedFile } from "./types";
import ts from "typescript";
import type { Analysis } from "./analysis";
export type { Analysis } from "./analysis";
import { knownPackageMatcher } from "./catalog/packages";
import { relevantFiles, summarize, type ModuleSummary } from "./relevance";
import { BudgetExceeded, DEFAULT_FILE_BUDGET_MS, FileBudgets, slowestFiles } from "./budget";
import type { CheckId, CheckResult } from "./types";

/** Files read concurrently: enough to overlap I/O, few enough to bound memory. */
const READ_BATCH = 32;

/** The parser's first syntax error as `syntax error at line N: message`, if any. */
export function firstSyntaxError(sf: ts.SourceFile): string | undefined {
  const diag = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics;
  const d = diag?.[0];
  if (!d) return undefined;
  const line = sf.getLineAndCharacterOfPosition(d.start).line + 1;
  return `syntax error at line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
}

/** The error of a file the parser could not read (nesting past the stack, or a parser bug). */
export function parseFailure(e: unknown): string {
  const why = e instanceof RangeError ? `too deeply nested to parse (${e.message})` : `could not parse (${(e as Error).message})`;
  return `${why}; file skipped, the scan went on`;
}

/** The budgets a scan runs with (options, then the configuration, then the default). */
export function budgetsFor(options: ScanOptions): FileBudgets {
  return new FileBudgets(options.fileBudgetMs ?? DEFAULT_FILE_BUDGET_MS, options.clock);
}

/** The skipped entry of a file whose analysis ran out of time. */
export function overBudget(rel: string, e: BudgetExceeded): SkippedFile {
  return { file: rel, reason: "time-budget", detail: `analysis stopped after the ${e.budgetMs} ms budget per file (fileBudgetMs)` };
}

/**
 * Judges sites file by file, each file under its budget: a file that runs out of time loses its
 * sites and is added to `skipped`. Verdicts by site, for the report.
 */
export function judgeWithin(
  sites: readonly DetectedSite[],
  budgets: FileBudgets,
  judge: (site: DetectedSite) => Record<CheckId, CheckResult>,
  skipped: SkippedFile[],
): { kept: DetectedSite[]; verdicts: Map<DetectedSite, Record<CheckId, CheckResult>> } {
  const verdicts = new Map<DetectedSite, Record<CheckId, CheckResult>>();
  const over = new Set<string>();
  for (const site of sites) {
    const rel = site.file.rel;
    if (over.has(rel)) continue;
    try {
      verdicts.set(site, budgets.run(rel, () => judge(site)));
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      over.add(rel);
      skipped.push(overBudget(rel, e));
    }
  }
  return { kept: sites.filter((s) => !over.has(s.file.rel)), verdicts };
}

/** Discovers, reads and parses the workspace, then finds its call sites (no checks yet). */
export async function analyzeWorkspace(root: string, options: ScanOptions = {}, signal?: AbortSignal, catalog: Catalog = loadCatalog()): Promise<Analysis> {
  const absRoot = path.resolve(root);
  // Throws ConfigError on an invalid configuration: the scan refuses to guess.
  const config = loadConfig(fs.existsSync(absRoot) && fs.statSync(absRoot).isFile() ? path.dirname(absRoot) : absRoot, options);
  options = scanOptionsWith(options, config);
  const budgets = budgetsFor(options);
  const discovery = await discoverFiles(absRoot, options, signal);
  const skipped = [...discovery.skipped];
  const errors = [...discovery.errors];
  const isKnown = knownPackageMatcher(catalog);
  const ws = new Workspace(fs.statSync(absRoot).isFile() ? path.dirname(absRoot) : absRoot, isKnown);
  const total = discovery.files.length;
  const summaries = new Map<string, ModuleSummary>();
  // Every tree is kept until relevance is known (parsing twice costs more than the memory).
  const trees = new Map<string, ts.SourceFile>();
  let done = 0;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // Reads a batch at a time (I/O overlaps) and parses each file once; only files that can reach an LLM keep their tree.
  for (let i = 0; i < discovery.files.length; i += READ_BATCH) {
    signal?.throwIfAborted();
    const batch = discovery.files.slice(i, i + READ_BATCH);
    const reads = await Promise.all(batch.map((f) => {
      const overlay = options.overlay?.get(f.abs);
      return overlay !== undefined ? classifyText(f.rel, overlay, maxBytes) : readSourceFile(f, maxBytes);
    }));
    batch.forEach((f, k) => {
      const read = reads[k]!;
      if ("skipped" in read) skipped.push(read.skipped);
      else if ("error" in read) errors.push(read.error);
      else {
        try {
          const { sf, summary } = budgets.run(f.rel, () => {
            const sf = parseSource(f.abs, read.text);
            return { sf, summary: summarize(sf, read.text, isKnown) };
          });
          const syntax = firstSyntaxError(sf);
          // The parser recovers from syntax errors; say so, and go on with what it could read.
          if (syntax) errors.push({ file: f.rel, message: `${syntax}; the rest of the file was analysed as far as it parses` });
          summaries.set(f.abs, summary);
          ws.addDormant({ abs: f.abs, rel: f.rel, text: read.text, implements: summary.implements });
          trees.set(f.abs, sf);
        } catch (e) {
          if (e instanceof BudgetExceeded) skipped.push(overBudget(f.rel, e));
          else errors.push({ file: f.rel, message: parseFailure(e) });
        }
      }
      options.onProgress?.({ done: ++done, total });
    });
  }
  ws.indexPackages();
  for (const abs of relevantFiles(ws, summaries)) {
    const d = ws.dormant.get(abs)!;
    ws.dormant.delete(abs);
    ws.add({ abs, rel: d.rel, sf: trees.get(abs) ?? parseSource(abs, d.text) });
  }
  trees.clear();
  analysisPhases.length = 0;
  analysisPhases.push(["parse", budgets.snapshot()]);
  const finder = new SiteFinder(ws, catalog);
  // Tests and evals by name and by how the package runs them: the same recognition as the eval check's.
  const isTest = new TestFiles(ws, config.config.evalGlobs ?? []).isTest;
  const sites: DetectedSite[] = [];
  for (const file of ws.files.values()) {
    signal?.throwIfAborted();
    try {
      sites.push(...budgets.run(file.rel, () => finder.sitesIn(file, isTest(file.rel))));
    } catch (e) {
      if (e instanceof BudgetExceeded) {
        skipped.push(overBudget(file.rel, e));
        continue;
      }
      options.logger?.error(`${file.rel}: analysis failed: ${(e as Error).stack ?? e}`);
      errors.push({ file: file.rel, message: `analysis failed (${(e as Error).message}); file skipped, the scan went on` });
    }
  }
  analysisPhases.push(["detect", budgets.snapshot()]);
  return { catalog, isTestFile: isTest, workspace: ws, finder, sites, skipped, errors, config, summaries, budgets, options };
}

/** Per-file times after each phase of the last analysis (for LLMR_PROFILE_FILES). */
const analysisPhases: Array<[string, Map<string, number>]> = [];

/** With LLMR_PROFILE_FILES=<n> (1 means 20) set, prints the n slowest files of the scan on stderr. */
function profileFiles(budgets: FileBudgets): void {
  const env = typeof process !== "undefined" ? process.env.LLMR_PROFILE_FILES : undefined;
  if (!env) return;
  const n = Number(env) > 1 ? Number(env) : 20;
  const lines = slowestFiles([...analysisPhases, ["judge", budgets.snapshot()]], n);
  process.stderr.write(`slowest files (ms: total, then per phase):\n${lines.join("\n")}\n`);
}

/** Scans a folder (or one file) and returns the report of ../shared/CHECKS.md (`version: 1`). */
export async function scanWorkspace(root: string, options: ScanOptions = {}, signal?: AbortSignal): Promise<ScanReport> {
  const analysis = await analyzeWorkspace(root, options, signal);
  const ctx = createContext(analysis.workspace, analysis.finder, analysis.catalog, analysis.sites, checkSettingsOf(analysis.config), analysis.isTestFile);
  const { kept, verdicts } = judgeWithin(analysis.sites, analysis.budgets, (site) => judgeSite(site, ctx, analysis.catalog), analysis.skipped);
  analysis.sites = kept;
  profileFiles(analysis.budgets);
  return buildReport(root, analysis, (site) => verdicts.get(site)!, (site) => costOf(site, ctx));
}
