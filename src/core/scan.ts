/** scanWorkspace(root, options, signal) → ScanReport: the single entry point of the analysis core. */
import fs from "node:fs";
import path from "node:path";
import { loadCatalog, type Catalog } from "./catalog/load";
import { SiteFinder, type DetectedSite } from "./callSites/detect";
import { discoverFiles, readSourceFile, DEFAULT_MAX_FILE_BYTES } from "./discover";
import { parseSource, Workspace } from "./project";
import { buildReport } from "./buildReport";
import { testFileMatcher } from "./testFiles";
import { createContext, DEFAULT_CHECK_SETTINGS } from "./checks/context";
import { judgeSite } from "./checks";
import type { ScanError, ScanOptions, ScanReport, SkippedFile } from "./types";

export interface Analysis {
  catalog: Catalog;
  isTestFile: (rel: string) => boolean;
  workspace: Workspace;
  finder: SiteFinder;
  sites: DetectedSite[];
  skipped: SkippedFile[];
  errors: ScanError[];
}

/** Discovers, reads and parses the workspace, then finds its call sites (no checks yet). */
export async function analyzeWorkspace(root: string, options: ScanOptions = {}, signal?: AbortSignal, catalog: Catalog = loadCatalog()): Promise<Analysis> {
  const absRoot = path.resolve(root);
  const discovery = await discoverFiles(absRoot, options, signal);
  const skipped = [...discovery.skipped];
  const errors = [...discovery.errors];
  const ws = new Workspace(fs.statSync(absRoot).isFile() ? path.dirname(absRoot) : absRoot);
  const total = discovery.files.length;
  let done = 0;
  for (const f of discovery.files) {
    signal?.throwIfAborted();
    const overlay = options.overlay?.get(f.abs);
    const read = overlay !== undefined ? { text: overlay } : await readSourceFile(f, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    if ("skipped" in read) skipped.push(read.skipped);
    else if ("error" in read) errors.push(read.error);
    else {
      try {
        const sf = parseSource(f.abs, read.text);
        ws.add({ abs: f.abs, rel: f.rel, sf });
        // The parser recovers from syntax errors; say so, and go on with what it could read.
        const diag = (sf as unknown as { parseDiagnostics?: { start?: number; messageText: unknown }[] }).parseDiagnostics;
        if (diag?.length) {
          const d = diag[0]!;
          const line = d.start !== undefined ? sf.getLineAndCharacterOfPosition(d.start).line + 1 : 1;
          const msg = typeof d.messageText === "string" ? d.messageText : "syntax error";
          errors.push({ file: f.rel, message: `syntax error at line ${line}: ${msg}; the rest of the file was analysed as far as it parses` });
        }
      } catch (e) {
        errors.push({ file: f.rel, message: `could not parse (${(e as Error).message}); file skipped, the scan went on` });
      }
    }
    options.onProgress?.({ done: ++done, total });
  }
  ws.indexPackages();
  const finder = new SiteFinder(ws, catalog);
  const isTest = testFileMatcher();
  const sites: DetectedSite[] = [];
  for (const file of ws.files.values()) {
    signal?.throwIfAborted();
    try {
      sites.push(...finder.sitesIn(file, isTest(file.rel)));
    } catch (e) {
      options.logger?.error(`${file.rel}: analysis failed: ${(e as Error).stack ?? e}`);
      errors.push({ file: file.rel, message: `analysis failed (${(e as Error).message}); file skipped, the scan went on` });
    }
  }
  return { catalog, isTestFile: isTest, workspace: ws, finder, sites, skipped, errors };
}

/** Scans a folder (or one file) and returns the report of ../shared/CHECKS.md (`version: 1`). */
export async function scanWorkspace(root: string, options: ScanOptions = {}, signal?: AbortSignal): Promise<ScanReport> {
  const analysis = await analyzeWorkspace(root, options, signal);
  const ctx = createContext(analysis.workspace, analysis.finder, analysis.catalog, analysis.sites, DEFAULT_CHECK_SETTINGS, analysis.isTestFile);
  return buildReport(root, analysis, (site) => judgeSite(site, ctx, analysis.catalog));
}
