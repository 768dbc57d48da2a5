/**
 * An analysis that stays open and takes edits (the extension's worker): after the first scan,
 * a change re-parses the changed files and re-judges only the sites it can reach (the files that
 * import them, and what a changed test exercises), not the whole workspace. A comment typed between
 * top-level statements (triviaEdit.ts) re-parses nothing: the file's tree is shifted in place and
 * only its own sites are judged again.
 */
import path from "node:path";
import ts from "typescript";
import { analyzeWorkspace, budgetsFor, firstSyntaxError, judgeWithin, overBudget, parseFailure, type Analysis } from "./scan";
import { BudgetExceeded } from "./budget";
import { buildReport } from "./buildReport";
import { SiteFinder, type DetectedSite } from "./callSites/detect";
import { knownPackageMatcher } from "./catalog/packages";
import { judgeSite } from "./checks";
import { costOf } from "./cost";
import { createContext, type CheckContext } from "./checks/checkContext";
import { testIndexOf } from "./checks/eval/testIndex";
import { checkSettingsOf } from "./config";
import { classifyText, DEFAULT_EXCLUDED_DIRS, DEFAULT_MAX_FILE_BYTES, SOURCE_EXTENSIONS } from "./discover";
import { parseSource } from "./project";
import { closure, importGraph, relevantFiles, sameSummary, summarize, summarizeAfresh, updateGraph, type ImportGraph } from "./relevance";
import { applyTriviaEdit, triviaOnlyEdit, type TriviaEdit } from "./triviaEdit";
import type { CheckId, CheckResult, ScanOptions, ScanReport, SiteCost, SkippedFile } from "./types";

/** A file's new text, or null when it was deleted. Paths are absolute. */
export interface FileChange {
  abs: string;
  text: string | null;
}

/** What an update learnt before it could be cancelled: a file appeared or vanished, and the files the old import edges reach. */
interface ApplyFlags {
  added: boolean;
  removed: boolean;
  reach?: string[];
}

export class AnalysisSession {
  /** Verdicts by site: sites of files a change does not reach keep theirs. */
  private judged = new WeakMap<DetectedSite, Record<CheckId, CheckResult>>();
  private costed = new WeakMap<DetectedSite, SiteCost>();
  private sitesByFile = new Map<string, DetectedSite[]>();
  private readonly isKnown;
  private current: ScanReport;
  private graph: ImportGraph;
  private ctx: CheckContext | undefined;
  private anyTests: boolean | undefined;
  /**
   * The changes of an update that was cancelled midway (the session is then partly updated): the
   * next update applies them again under its own, so a cancelled update never leaves the session wrong.
   */
  private replay: { changes: Map<string, string | null> } & ApplyFlags | undefined;
  private last: "trivia" | "full" | "none" = "none";

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

  /** How the last update went: `trivia` when only comments and spaces between top-level statements changed (nothing re-detected), else `full`. */
  get lastUpdate(): "trivia" | "full" | "none" {
    return this.last;
  }

  /** The call sites as detected (nodes and resolution), for adapters that need more than the report. */
  sites(): readonly DetectedSite[] {
    return this.analysis.sites;
  }

  /** What the checks of the current report saw (fixes resolve clients and wrappers the same way). */
  checkContext(): CheckContext {
    return this.ctx!;
  }

  /** The analysis behind the report (catalog, workspace), read-only for adapters. */
  get state(): Readonly<Analysis> {
    return this.analysis;
  }

  /** Applies edits (unsaved buffers, files created, changed or deleted) and returns the new report. */
  async update(changes: readonly FileChange[], signal?: AbortSignal): Promise<ScanReport> {
    const replay = this.replay;
    const merged = new Map(replay?.changes);
    for (const c of changes) merged.set(c.abs, c.text);
    const flags: ApplyFlags = { added: replay?.added ?? false, removed: replay?.removed ?? false, ...(replay?.reach ? { reach: replay.reach } : {}) };
    this.replay = undefined;
    try {
      return this.apply([...merged].map(([abs, text]) => ({ abs, text })), flags, signal);
    } catch (e) {
      // Cancelled (or failed) midway: remember everything so far for the next update.
      this.replay = { changes: merged, ...flags };
      throw e;
    }
  }

  private apply(changes: readonly FileChange[], flags: ApplyFlags, signal?: AbortSignal): ScanReport {
    signal?.throwIfAborted();
    const quick = this.applyTrivia(changes, flags);
    if (quick) {
      this.last = "trivia";
      return quick;
    }
    this.last = "full";
    const a = this.analysis;
    const ws = a.workspace;
    const changed = new Set<string>();
    const trees = new Map<string, ts.SourceFile>();
    // Each update has budgets of its own: a file's time counts from this edit.
    const budgets = budgetsFor(a.options);
    a.budgets = budgets;
    const overTime = (rel: string) => (x: SkippedFile) => !(x.reason === "time-budget" && x.file === rel);
    for (const c of changes) {
      signal?.throwIfAborted();
      const rel = this.relOf(c.abs);
      if (rel === undefined) continue;
      const known = a.summaries.has(c.abs);
      ws.remove(c.abs);
      a.summaries.delete(c.abs);
      this.sitesByFile.delete(c.abs);
      a.errors = a.errors.filter((e) => e.file !== rel);
      // The file is read anew: whatever skipped it before (size, binary, time) is judged again.
      a.skipped = a.skipped.filter((x) => x.file !== rel);
      changed.add(c.abs);
      let analysed = false;
      if (c.text !== null) {
        // The guards of a read from disk, so the session sees what a fresh scan of the saved file would.
        const read = classifyText(rel, c.text, a.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
        if ("skipped" in read) a.skipped.push(read.skipped);
        else if ("error" in read) a.errors.push(read.error);
        else {
          const text = read.text;
          try {
            const { sf, summary } = budgets.run(rel, () => {
              const sf = parseSource(c.abs, text);
              return { sf, summary: summarize(sf, text, this.isKnown) };
            });
            a.summaries.set(c.abs, summary);
            ws.addDormant({ abs: c.abs, rel, text, implements: summary.implements });
            trees.set(c.abs, sf);
            const syntax = firstSyntaxError(sf);
            if (syntax) a.errors.push({ file: rel, message: `${syntax}; the rest of the file was analysed as far as it parses` });
            analysed = true;
          } catch (e) {
            if (e instanceof BudgetExceeded) a.skipped.push(overBudget(rel, e));
            else a.errors.push({ file: rel, message: parseFailure(e) });
          }
        }
      }
      // A file that appears or vanishes changes where imports resolve.
      if (analysed && !known) flags.added = true;
      if (!analysed && known) {
        ws.forgetResolution();
        flags.removed = true;
      }
    }
    if (!changed.size) return this.current;
    const { added, removed } = flags;
    if (added) ws.forgetResolution();

    // Which files the change reaches: importers (a client or wrapper changed under them), and
    // what a changed test exercises (its coverage of other files' sites).
    // The import graph changes only at the changed files, unless a file appeared or vanished (imports elsewhere may resolve anew).
    // Values travel both ways along imports: the files that import a changed one (up), and then
    // everything those import (down), which they may hand a changed value to (a client passed to a
    // class in a third file; what a changed test exercises). Both before and after the edit: a file
    // that stopped importing (a test that no longer calls the code, an importer of a deleted module)
    // is reached only through the old edges.
    const reach = (g: ImportGraph) => [...closure(closure(changed, g.importers), g.imports)];
    flags.reach = [...new Set([...(flags.reach ?? []), ...reach(this.graph)])];
    if (added || removed) this.graph = importGraph(ws, a.summaries);
    else updateGraph(this.graph, ws, a.summaries, changed);
    const graph = this.graph;
    const relevant = relevantFiles(ws, a.summaries, graph);
    const affected = new Set([...flags.reach, ...reach(graph)]);

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
    const finder = new SiteFinder(ws, a.catalog);
    a.finder = finder;
    for (const abs of affected) {
      signal?.throwIfAborted();
      const file = ws.files.get(abs);
      if (!file) {
        this.sitesByFile.delete(abs);
        continue;
      }
      a.skipped = a.skipped.filter(overTime(file.rel));
      try {
        const found = budgets.run(file.rel, () => finder.sitesIn(file, a.isTestFile(file.rel)));
        this.sitesByFile.set(abs, found);
      } catch (e) {
        this.sitesByFile.delete(abs);
        if (e instanceof BudgetExceeded) {
          a.skipped.push(overBudget(file.rel, e));
          continue;
        }
        a.errors.push({ file: file.rel, message: `analysis failed (${(e as Error).message}); file skipped, the scan went on` });
      }
    }
    a.sites = [...this.sitesByFile.values()].flat();
    this.current = this.build();
    return this.current;
  }

  /**
   * Edits of comments and spaces between top-level statements (triviaEdit.ts): each file's tree is kept
   * and its offsets shifted, so every node, memo and site of the workspace stays valid; only the edited
   * files' sites are found again (the candidate filter reads their text) and judged anew. Undefined when
   * some change is of another kind (nothing is changed then), or when an edited file's sites differ
   * (its tree is patched, and the full update that follows re-parses it).
   */
  private applyTrivia(changes: readonly FileChange[], flags: ApplyFlags): ScanReport | undefined {
    if (flags.added || flags.removed || flags.reach || !changes.length) return undefined;
    const a = this.analysis;
    const ws = a.workspace;
    const maxBytes = a.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const plans: { abs: string; rel: string; text: string; tree?: ts.SourceFile; edit: TriviaEdit }[] = [];
    for (const c of changes) {
      if (c.text === null) return undefined;
      const rel = this.relOf(c.abs);
      const summary = a.summaries.get(c.abs);
      if (rel === undefined || !summary) return undefined;
      if (a.skipped.some((x) => x.file === rel) || a.errors.some((e) => e.file === rel)) return undefined;
      const read = classifyText(rel, c.text, maxBytes);
      if (!("text" in read)) return undefined;
      // The tree the workspace holds (active, or a text-only file parsed for resolution); a text-only file nobody parsed is checked on a parse of its old text.
      const held = ws.get(c.abs)?.sf;
      const dormant = ws.dormant.get(c.abs);
      const probe = held ?? (dormant ? parseSource(c.abs, dormant.text) : undefined);
      if (!probe) return undefined;
      const edit = triviaOnlyEdit(probe, read.text);
      if (!edit || !sameSummary(summarizeAfresh(probe, read.text, this.isKnown), summary)) return undefined;
      plans.push({ abs: c.abs, rel, text: read.text, ...(held ? { tree: held } : {}), edit });
    }
    const budgets = budgetsFor(a.options);
    a.budgets = budgets;
    let same = true;
    for (const p of plans) {
      if (p.tree) applyTriviaEdit(p.tree, p.text, p.edit);
      const d = ws.dormant.get(p.abs);
      // A new entry: what is remembered per text-only file (suppressions read) goes with the old one.
      if (d) ws.dormant.set(p.abs, { ...d, text: p.text });
      const file = ws.files.get(p.abs);
      if (!file) continue;
      let found: DetectedSite[];
      try {
        found = budgets.run(p.rel, () => a.finder.sitesIn(file, a.isTestFile(p.rel)));
      } catch {
        same = false;
        continue;
      }
      const before = this.sitesByFile.get(p.abs) ?? [];
      if (found.length !== before.length || found.some((s, i) => s !== before[i])) same = false;
      for (const s of found) {
        this.judged.delete(s);
        this.costed.delete(s);
      }
    }
    if (!same) return undefined;
    this.current = this.build();
    return this.current;
  }

  /**
   * The report once every file's sites hold nodes of the current trees (fixes edit through nodes). An update
   * here re-detects every file its edit can reach, so nothing is left to settle; kept for the fix worker,
   * which calls it before computing fixes.
   */
  settle(signal?: AbortSignal): ScanReport {
    signal?.throwIfAborted();
    return this.current;
  }

  /** Builds the report, judging only sites without a verdict yet. */
  private build(): ScanReport {
    const a = this.analysis;
    // The checks' tools are kept per context: the same finder and sites (a trivia edit) keep the context, and with it what they built over the workspace.
    const old = this.ctx;
    const ctx = old && old.finder === a.finder && old.sites === a.sites && old.workspace === a.workspace ? old : createContext(a.workspace, a.finder, a.catalog, a.sites, checkSettingsOf(a.config), a.isTestFile);
    this.ctx = ctx;
    // Whether the workspace has any test or eval at all decides every site's eval note: when that flips, judge everything anew.
    const index = testIndexOf(a.workspace, a.finder, a.sites, a.isTestFile, ctx.settings.evalGlobs);
    const anyTests = index.testFiles.length > 0 || index.hasEvalConfigs;
    if (this.anyTests !== undefined && anyTests !== this.anyTests) this.judged = new WeakMap();
    this.anyTests = anyTests;
    // Sites without a verdict are judged file by file under the budgets; a file out of time loses its sites.
    const over: SkippedFile[] = [];
    const { verdicts } = judgeWithin(a.sites.filter((s) => !this.judged.has(s)), a.budgets, (site) => judgeSite(site, ctx, a.catalog), over);
    for (const [site, v] of verdicts) this.judged.set(site, v);
    if (over.length) {
      const files = new Set(over.map((o) => o.file));
      for (const [abs, list] of this.sitesByFile) if (list.some((s) => files.has(s.file.rel))) this.sitesByFile.delete(abs);
      a.sites = a.sites.filter((s) => !files.has(s.file.rel));
      a.skipped.push(...over);
    }
    return buildReport(this.root, a, (site) => this.judged.get(site)!, (site) => {
      let c = this.costed.get(site);
      if (!c) {
        c = costOf(site, ctx);
        this.costed.set(site, c);
      }
      return c;
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
