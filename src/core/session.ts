/**
 * An analysis that stays open and takes edits (the extension's worker): after the first scan,
 * a change re-parses the changed files and re-judges only the sites it can reach (the files that
 * import them, and what a changed test exercises), not the whole workspace.
 */
import path from "node:path";
import ts from "typescript";
import { analyzeWorkspace, type Analysis } from "./scan";
import { buildReport } from "./buildReport";
import { SiteFinder, type DetectedSite } from "./callSites/detect";
import { knownPackageMatcher } from "./catalog/packages";
import { judgeSite } from "./checks";
import { testIndexOf } from "./checks/eval/testIndex";
import { createContext, type CheckContext } from "./checks/checkContext";
import { checkSettingsOf } from "./config";
import { DEFAULT_EXCLUDED_DIRS, SOURCE_EXTENSIONS } from "./discover";
import { parseSource } from "./project";
import { exportSignature } from "./exportSignature";
import { closure, importGraph, relevantFiles, summarize, updateGraph, type ImportGraph } from "./relevance";
import type { CheckId, CheckResult, ScanOptions, ScanReport } from "./types";

/** A file's new text, or null when it was deleted. Paths are absolute. */
export interface FileChange {
  abs: string;
  text: string | null;
}

export class AnalysisSession {
  /** Verdicts by site: sites of files a change does not reach keep theirs. */
  private judged = new WeakMap<DetectedSite, Record<CheckId, CheckResult>>();
  /** Whether a test or eval reached a site at the last build (see build()). */
  private anyTests: boolean | undefined;
  private sitesByFile = new Map<string, DetectedSite[]>();
  private readonly isKnown;
  private current: ScanReport;
  private graph: ImportGraph;
  private ctx!: CheckContext;
  /** Export signatures by file (exportSignature.ts), computed when a file is first edited. */
  private readonly signatures = new Map<string, string>();
  /**
   * Files that import an edited file whose signature stayed the same, not re-detected since: their
   * report is exact, but their sites hold nodes of the edited file's old tree. settle() re-detects them.
   */
  private readonly unsettled = new Set<string>();

  private constructor(
    readonly root: string,
    private readonly analysis: Analysis,
  ) {
    this.isKnown = knownPackageMatcher(analysis.catalog);
    this.graph = importGraph(analysis.workspace, analysis.summaries);
    for (const s of analysis.sites) {
      const list = this.sitesByFile.get(s.file.abs) ?? [];
      list.push(s);
      this.sitesByFile.set(s.file.abs, list);
    }
    this.current = this.build();
  }

  /** Scans the workspace once and keeps what it learnt for later updates. */
  static async open(root: string, options: ScanOptions = {}, signal?: AbortSignal): Promise<AnalysisSession> {
    return new AnalysisSession(root, await analyzeWorkspace(root, options, signal));
  }

  report(): ScanReport {
    return this.current;
  }

  /** The call sites as detected (nodes and resolution), for adapters that need more than the report. */
  sites(): readonly DetectedSite[] {
    return this.analysis.sites;
  }

  /** What the checks of the current report saw (fixes resolve clients and wrappers the same way). */
  checkContext(): CheckContext {
    return this.ctx;
  }

  /** The analysis behind the report (catalog, workspace), read-only for adapters. */
  get state(): Readonly<Analysis> {
    return this.analysis;
  }

  /** Applies edits (unsaved buffers, files created, changed or deleted) and returns the new report. */
  async update(changes: readonly FileChange[], signal?: AbortSignal): Promise<ScanReport> {
    const a = this.analysis;
    const ws = a.workspace;
    const changed = new Set<string>();
    /** Changed files whose signature changed (or that appeared or vanished): their importers may see it. */
    const reshaped = new Set<string>();
    const trees = new Map<string, ts.SourceFile>();
    let added = false;
    let removed = false;
    /** A class's `implements` changed: interface calls anywhere may reach other implementations. */
    let implementsChanged = false;
    for (const c of changes) {
      signal?.throwIfAborted();
      const rel = this.relOf(c.abs);
      if (rel === undefined) continue;
      const known = a.summaries.has(c.abs);
      const before = known ? (ws.files.get(c.abs)?.sf.text ?? ws.dormant.get(c.abs)?.text) : undefined;
      const oldSig = before === undefined ? undefined : (this.signatures.get(c.abs) ?? exportSignature(c.abs, before));
      const newSig = c.text === null ? undefined : exportSignature(c.abs, c.text);
      if (oldSig === undefined || newSig !== oldSig) reshaped.add(c.abs);
      if (newSig === undefined) this.signatures.delete(c.abs);
      else this.signatures.set(c.abs, newSig);
      const implementedBefore = a.summaries.get(c.abs)?.implements.join("\n") ?? "";
      ws.remove(c.abs);
      a.summaries.delete(c.abs);
      this.sitesByFile.delete(c.abs);
      a.errors = a.errors.filter((e) => e.file !== rel);
      changed.add(c.abs);
      if (c.text === null) {
        if (implementedBefore) implementsChanged = true;
        if (known) {
          ws.forgetResolution();
          removed = true;
        }
        continue;
      }
      if (!known) added = true;
      try {
        const sf = parseSource(c.abs, c.text);
        const summary = summarize(sf, c.text, this.isKnown);
        a.summaries.set(c.abs, summary);
        if (summary.implements.join("\n") !== implementedBefore) implementsChanged = true;
        ws.addDormant({ abs: c.abs, rel, text: c.text, implements: summary.implements });
        trees.set(c.abs, sf);
        const d = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
        if (d) {
          const line = sf.getLineAndCharacterOfPosition(d.start).line + 1;
          a.errors.push({ file: rel, message: `syntax error at line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}; the rest of the file was analysed as far as it parses` });
        }
      } catch (e) {
        a.errors.push({ file: rel, message: `could not parse (${(e as Error).message}); file skipped, the scan went on` });
      }
    }
    if (!changed.size) return this.current;
    if (added) ws.forgetResolution();

    // Which files the change reaches. Re-detected: the importers of a reshaped file (a client or wrapper
    // changed under them), as they were and as they are (a deleted file has no edges in the new graph).
    // Re-judged, with their sites kept: what a reshaped file or a changed test imports, transitively (its
    // verdicts read callers and tests through it: eval coverage, handling in callers).
    const changedTests = [...changed].filter((abs) => a.isTestFile(this.relOf(abs) ?? ""));
    const importersBefore = closure(reshaped, this.graph.importers);
    const reachedBefore = closure([...reshaped, ...changedTests], this.graph.imports);
    // The import graph changes only at the changed files, unless a file appeared or vanished (imports elsewhere may resolve anew).
    if (added || removed) this.graph = importGraph(ws, a.summaries);
    else updateGraph(this.graph, ws, a.summaries, changed);
    const graph = this.graph;
    const relevant = relevantFiles(ws, a.summaries, graph);
    const affected = new Set([...closure([...reshaped, ...importersBefore], graph.importers), ...changed]);
    if (implementsChanged) for (const abs of ws.files.keys()) affected.add(abs);
    // A file whose signature held: its importers cannot see the edit; the tests that import it are re-read.
    for (const abs of changed) {
      if (reshaped.has(abs)) continue;
      for (const imp of graph.importers.get(abs) ?? []) if (a.isTestFile(this.relOf(imp) ?? "")) affected.add(imp);
      for (const imp of closure([abs], graph.importers)) if (!affected.has(imp)) this.unsettled.add(imp);
    }
    for (const abs of affected) this.unsettled.delete(abs);

    // Files move between active and dormant as their imports change.
    for (const abs of [...ws.files.keys()]) {
      if (!relevant.has(abs)) {
        const f = ws.files.get(abs)!;
        ws.remove(abs);
        ws.addDormant({ abs, rel: f.rel, text: f.sf.text, implements: a.summaries.get(abs)?.implements ?? [] });
        this.sitesByFile.delete(abs);
      }
    }
    for (const abs of relevant) {
      const d = ws.dormant.get(abs);
      if (!d) continue;
      ws.remove(abs);
      ws.add({ abs, rel: d.rel, sf: trees.get(abs) ?? parseSource(abs, d.text) });
      affected.add(abs);
    }

    // Memo tables hold answers about the old text: a new finder, re-detecting only affected files.
    a.finder = new SiteFinder(ws, a.catalog);
    this.detect(affected, signal);
    for (const abs of [...reachedBefore, ...closure([...reshaped, ...changedTests], graph.imports)]) {
      if (affected.has(abs)) continue;
      for (const site of this.sitesByFile.get(abs) ?? []) this.judged.delete(site);
    }
    this.current = this.build(reshaped.size > 0);
    return this.current;
  }

  /**
   * Re-detects the files left unsettled by edits that kept a file's signature (their sites still hold
   * nodes of its old tree; their verdicts are the same). Fixes call this first: they edit through nodes.
   */
  settle(signal?: AbortSignal): ScanReport {
    if (!this.unsettled.size) return this.current;
    const files = [...this.unsettled];
    this.unsettled.clear();
    this.detect(files, signal);
    this.current = this.build();
    return this.current;
  }

  /** Detects the sites of `files` with the current finder, replacing what they had. */
  private detect(files: Iterable<string>, signal?: AbortSignal): void {
    const a = this.analysis;
    for (const abs of files) {
      signal?.throwIfAborted();
      const file = a.workspace.files.get(abs);
      if (!file) {
        this.sitesByFile.delete(abs);
        continue;
      }
      a.errors = a.errors.filter((e) => !(e.file === file.rel && e.message.startsWith("analysis failed")));
      try {
        this.sitesByFile.set(abs, a.finder.sitesIn(file, a.isTestFile(file.rel)));
      } catch (e) {
        this.sitesByFile.delete(abs);
        a.errors.push({ file: file.rel, message: `analysis failed (${(e as Error).message}); file skipped, the scan went on` });
      }
    }
    a.sites = [...this.sitesByFile.values()].flat();
  }

  /** Builds the report, judging only sites without a verdict yet. */
  private build(importsChanged = true): ScanReport {
    const a = this.analysis;
    const ctx = createContext(a.workspace, a.finder, a.catalog, a.sites, checkSettingsOf(a.config), a.isTestFile);
    this.ctx = ctx;
    // Whether any test or eval reaches a site decides every site's eval note: when it flips, all are judged anew.
    // It can flip only when some file's imports or tokens changed (not for a comment typed).
    if (importsChanged && a.sites.length) {
      const index = testIndexOf(ctx.workspace, ctx.finder, ctx.sites, ctx.isTestFile, ctx.settings.evalGlobs);
      const anyTests = index.testFiles.length > 0 || index.hasEvalConfigs;
      if (this.anyTests !== undefined && anyTests !== this.anyTests) this.judged = new WeakMap();
      this.anyTests = anyTests;
    }
    return buildReport(this.root, a, (site) => {
      let v = this.judged.get(site);
      if (!v) {
        v = judgeSite(site, ctx, a.catalog);
        this.judged.set(site, v);
      }
      return v;
    });
  }

  /** The path relative to the root, or undefined when the file is not one the scan would read. */
  private relOf(abs: string): string | undefined {
    const rel = path.relative(this.analysis.workspace.root, abs);
    if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
    if (!SOURCE_EXTENSIONS.has(path.extname(abs)) || /\.d\.[mc]?ts$/.test(abs) || abs.endsWith(".min.js")) return undefined;
    const parts = rel.split(path.sep);
    if (parts.slice(0, -1).some((p) => DEFAULT_EXCLUDED_DIRS.has(p))) return undefined;
    return parts.join("/");
  }
}
