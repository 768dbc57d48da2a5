/**
 * The extension: owns every disposable, one FolderAnalysis per workspace folder, and wires editor
 * events (edits, file watchers, settings, folders) to analysis, and reports to the UI.
 */
import fs from "node:fs/promises";
import path from "node:path";
import * as vscode from "vscode";
import type { CheckId, ScanReport } from "../core/types";
import { AnalysisClient, type AnalysisFailed } from "./analysisClient";
import { loadCheckRules } from "./checkRules";
import { ReadinessCodeLens } from "./codeLens";
import { registerFixes } from "./codeActions";
import { CommandId, registerCommands } from "./commands";
import { ReadinessDiagnostics } from "./diagnostics";
import { CONFIG_FILE, LANGUAGES, SKIPPED_DIR, SOURCE_FILE, SOURCE_GLOB } from "./files";
import { FolderAnalysis } from "./folderAnalysis";
import { ReadinessHover } from "./hover";
import { createLog } from "./log";
import { ReadinessPanel } from "./panel/ReadinessPanel";
import { overallOf, type CheckRules, type Overrides } from "./present";
import { ANALYSIS_KEYS, fixOptionsOf, readSettings, scanOptionsOf, severityOverride, type Settings } from "./settings";
import { SiteIndex } from "./sites";
import { newFindings, readFolderBaseline, type FolderBaseline } from "./baseline";
import { ReadinessStatusBar } from "./statusBar";

/** What `activate` returns: for the e2e tests and the bench. */
export interface ReadinessApi {
  /** Resolves when no analysis is queued, debounced or running in any folder. */
  idle(): Promise<void>;
  /** The status bar's text now. */
  statusText(): string;
  /** A folder's latest report. */
  report(folder: vscode.Uri): ScanReport | undefined;
  /** ms from the start of activate() to its return, and to the first diagnostics shown. */
  timings(): { activateMs?: number; firstDiagnosticsMs?: number };
  /** The analysis worker's deaths since the last reset, and whether it is stopped (after a second one). */
  worker(): { deaths: number; stopped: boolean };
  /** The extension's log folder (`context.logUri`): the extension host's own log is in its parent. */
  logUri: vscode.Uri;
}

export class ReadinessExtension implements vscode.Disposable {
  readonly api: ReadinessApi;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly folders = new Map<string, { folder: vscode.WorkspaceFolder; analysis: FolderAnalysis; watchers: vscode.Disposable[] }>();
  private readonly settings = new Map<string, Settings>();
  /** Each folder's baseline file (`llmReadiness.baseline.file`), and the watcher of that file. */
  private readonly baselines = new Map<string, { value: FolderBaseline; watcher: vscode.Disposable; file: string }>();
  /** Files whose unsaved text was sent: on close they go back to their disk content. */
  private readonly buffered = new Set<string>();
  private readonly rules: CheckRules;
  private readonly log;
  private readonly channel: vscode.LogOutputChannel;
  private readonly client: AnalysisClient;
  private readonly sites = new SiteIndex();
  private readonly diagnostics: ReadinessDiagnostics;
  private readonly status: ReadinessStatusBar;
  private readonly codeLens: ReadinessCodeLens;
  /** The readiness panel (issue #6): its webview, commands and score trend live in ./panel/. */
  private readonly panel: ReadinessPanel;
  private startup: Promise<void> | undefined;
  private activateMs: number | undefined;
  private firstDiagnosticsMs: number | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    /** performance.now() when activate() started. */
    private readonly activatedAt: number,
  ) {
    const { channel, logger } = createLog();
    this.channel = channel;
    this.log = logger;
    this.rules = loadCheckRules();
    this.client = new AnalysisClient(path.join(context.extensionPath, "dist", "worker.js"), logger, {
      // The worker died once (out of memory, a crash): a new one, and every folder analysed again.
      restarted: (reason) => {
        void this.rescanAll("the analysis worker restarted", false);
        this.status.restarting(reason); // after the rescan's own "busy"
      },
      // A second death: no loop. The user sees why and can look at the log or rescan.
      stopped: (reason) => {
        this.status.failed(`the analysis worker stopped twice (${reason}); analysis is paused until "Rescan Workspace"`);
        void vscode.window.showErrorMessage(`LLM Readiness: the analysis worker stopped twice (${reason}). Analysis is paused until you rescan.`, "Show log", "Rescan Workspace").then((pick) => {
          if (pick === "Show log") channel.show();
          else if (pick === "Rescan Workspace") void vscode.commands.executeCommand(CommandId.scanWorkspace);
        });
      },
    });
    const docsOf = (check: CheckId) => vscode.Uri.joinPath(context.extensionUri, "rules", "docs", `${check}.md`);
    this.diagnostics = new ReadinessDiagnostics(this.rules, docsOf);
    this.status = new ReadinessStatusBar(this.rules);
    this.codeLens = new ReadinessCodeLens(this.sites, (uri) => this.settingsFor(uri)["codeLens.enabled"], (f) => this.overridesFor(f));
    // --- readiness panel (issue #6) ---
    this.panel = new ReadinessPanel(context, {
      sites: this.sites,
      rules: this.rules,
      log: logger,
      failure: (folder) => this.folders.get(folder.toString())?.analysis.failure?.message,
      markdown: (report) => this.client.markdown(report),
      rescan: () => this.rescanAll("rescan requested", true),
    });
    // --- end readiness panel ---
    const selector = LANGUAGES.map((language) => ({ scheme: "file", language }));
    this.disposables.push(
      this.panel,
      channel,
      this.sites,
      this.diagnostics,
      this.status,
      this.codeLens,
      { dispose: () => this.client.dispose() },
      { dispose: () => this.closeAll() },
      vscode.languages.registerHoverProvider(selector, new ReadinessHover(this.sites, this.rules, (f) => this.overridesFor(f), docsOf)),
      vscode.languages.registerCodeLensProvider(selector, this.codeLens),
      // Quick-fixes, fix-all and "Fix All in Workspace" (issue #5): ./codeActions.ts.
      ...registerFixes(selector, {
        client: this.client,
        fixOptions: (uri) => fixOptionsOf(this.settingsFor(uri)),
        docsOf,
        log: logger,
      }),
      ...registerCommands({
        scanWorkspace: () => {
          // An explicit rescan starts a worker that had stopped after dying twice.
          this.client.reset();
          return this.rescanAll("rescan requested", true);
        },
        showPanel: () => this.panel.show(),
        showLog: () => channel.show(),
      }),
      // Test only (not in production mode, not in package.json): ends the analysis worker as a crash would (test/e2e/suite/worker.test.ts).
      ...(context.extensionMode !== vscode.ExtensionMode.Production ? [vscode.commands.registerCommand("llmReadiness.test.killWorker", () => this.client.killWorkerForTest())] : []),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.onBuffer(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => void this.onClose(doc)),
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) this.closeFolder(f);
        if (e.added.length) void this.rescan(e.added, "folder added", false);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => this.onSettings(e)),
    );
    this.api = {
      worker: () => ({ deaths: this.client.deathCount, stopped: this.client.stopped }),
      logUri: context.logUri,
      idle: () => this.idle(),
      statusText: () => this.status.text,
      report: (folder) => this.sites.get(folder),
      timings: () => ({
        ...(this.activateMs !== undefined ? { activateMs: this.activateMs } : {}),
        ...(this.firstDiagnosticsMs !== undefined ? { firstDiagnosticsMs: this.firstDiagnosticsMs } : {}),
      }),
    };
    // activate() returns before any analysis: the first scan starts on the next turn of the event loop.
    setTimeout(() => void this.rescanAll("startup", true), 0);
    this.activateMs = performance.now() - activatedAt;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (e) {
        this.log.error(`dispose failed: ${(e as Error).message}`);
      }
    }
  }

  /** Scans every folder afresh. */
  private rescanAll(reason: string, notify: boolean): Promise<void> {
    return this.rescan(vscode.workspace.workspaceFolders ?? [], reason, notify);
  }

  /**
   * Scans folders afresh, with progress (files done of total): a cancellable notification for the
   * startup scan and "Rescan Workspace", the status bar's spinner for rescans after a configuration change.
   */
  private rescan(folders: readonly vscode.WorkspaceFolder[], reason: string, notify: boolean): Promise<void> {
    if (folders.length === 0) {
      this.updateStatus();
      return Promise.resolve();
    }
    this.log.info(`scanning ${folders.map((f) => f.uri.fsPath).join(", ")} (${reason})`);
    this.status.busy();
    const run = vscode.window.withProgress(
      { location: notify ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window, title: "LLM Readiness", cancellable: notify },
      async (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          // One folder at a time: the worker runs them one after the other anyway, and the progress reads better.
          for (const folder of folders) {
            if (controller.signal.aborted) break;
            const analysis = this.folderAnalysis(folder);
            let reported = 0;
            await analysis.open({
              signal: controller.signal,
              onProgress: (done, total) => {
                const pct = total ? (done / total) * 100 : 100;
                progress.report({ message: `${folder.name}: ${done} of ${total} files`, increment: folders.length > 1 ? (pct - reported) / folders.length : pct - reported });
                reported = pct;
              },
            });
          }
        } finally {
          sub.dispose();
        }
      },
    );
    const p = Promise.resolve(run).then(
      () => undefined,
      (e: unknown) => this.log.error(`scan failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    );
    this.startup = p;
    return p;
  }

  /** The analysis of a folder, created (with its file watchers) on first use. */
  private folderAnalysis(folder: vscode.WorkspaceFolder): FolderAnalysis {
    const key = folder.uri.toString();
    const existing = this.folders.get(key);
    if (existing) return existing.analysis;
    const root = folder.uri.fsPath;
    const analysis = new FolderAnalysis(
      root,
      this.client,
      {
        report: (report, how, ms, files) => this.onReport(folder, report, how, ms, files),
        failed: (e) => this.onFailed(folder, e),
        cancelled: () => {
          this.log.info(`scan of ${root} cancelled`);
          this.updateStatus();
        },
      },
      () => scanOptionsOf(this.settingsFor(folder.uri)),
      () => this.overlayOf(folder),
      () => this.settingsFor(folder.uri)["analysis.debounceMs"],
      this.log,
    );
    const sources = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, SOURCE_GLOB));
    const onDisk = (uri: vscode.Uri) => void this.onDisk(analysis, uri);
    // The configuration lives in .llm-readiness.json or the root package.json's `llmReadiness` key.
    const config = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `{${CONFIG_FILE},package.json}`));
    let configTimer: ReturnType<typeof setTimeout> | undefined;
    const onConfig = (uri: vscode.Uri) => {
      this.log.info(`${path.basename(uri.fsPath)} changed: re-running the analysis of ${root}`);
      if (configTimer) clearTimeout(configTimer);
      configTimer = setTimeout(() => void this.rescan([folder], "configuration changed", false), 100);
    };
    const watchers: vscode.Disposable[] = [
      sources,
      sources.onDidCreate(onDisk),
      sources.onDidChange(onDisk),
      sources.onDidDelete((uri) => {
        if (!SKIPPED_DIR.test(uri.fsPath)) analysis.change(uri.fsPath, null);
      }),
      config,
      config.onDidCreate(onConfig),
      config.onDidChange(onConfig),
      config.onDidDelete(onConfig),
      { dispose: () => configTimer && clearTimeout(configTimer) },
    ];
    this.folders.set(key, { folder, analysis, watchers });
    this.watchBaseline(folder);
    return analysis;
  }

  /** Reads the folder's baseline file now and whenever it changes (a new setting makes a new watcher). */
  private watchBaseline(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    const file = this.settingsFor(folder.uri)["baseline.file"];
    const existing = this.baselines.get(key);
    if (existing?.file === file) return;
    existing?.watcher.dispose();
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, file));
    const reload = () => void this.loadBaseline(folder, file);
    const watcher = vscode.Disposable.from(w, w.onDidCreate(reload), w.onDidChange(reload), w.onDidDelete(reload));
    this.baselines.set(key, { value: undefined, watcher, file });
    reload();
  }

  private async loadBaseline(folder: vscode.WorkspaceFolder, file: string): Promise<void> {
    let text: string | undefined;
    try {
      text = await fs.readFile(path.resolve(folder.uri.fsPath, file), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") this.log.warn(`${folder.name}/${file}: cannot read the baseline (${(e as Error).message})`);
    }
    const entry = this.baselines.get(folder.uri.toString());
    if (!entry || entry.file !== file) return;
    entry.value = readFolderBaseline(file, text);
    if (entry.value && "error" in entry.value) this.log.warn(`${folder.name}: baseline not used: ${entry.value.error}`);
    else if (entry.value) this.log.info(`${folder.name}: baseline ${file} read (${entry.value.baseline.findings.length} known findings)`);
    this.renderDiagnostics(folder);
    this.updateStatus();
  }

  /** The findings new against the folder's baseline, when it has a valid one. */
  private newFindingsOf(folder: vscode.Uri, report: ScanReport) {
    const b = this.baselines.get(folder.toString())?.value;
    return b && "baseline" in b ? { file: b.file, ...newFindings(report, b.baseline, b.file) } : undefined;
  }

  /** A file created or changed on disk: its new text, unless an unsaved buffer wins. */
  private async onDisk(analysis: FolderAnalysis, uri: vscode.Uri): Promise<void> {
    if (SKIPPED_DIR.test(uri.fsPath) || !SOURCE_FILE.test(uri.fsPath)) return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) return;
    try {
      analysis.change(uri.fsPath, await fs.readFile(uri.fsPath, "utf8"));
    } catch (e) {
      // Gone again before we read it (a rename, a build step): a deletion.
      if ((e as NodeJS.ErrnoException).code === "ENOENT") analysis.change(uri.fsPath, null);
      else this.log.warn(`${vscode.workspace.asRelativePath(uri)}: cannot read it (${(e as Error).message})`);
    }
  }

  /** An edit in an open document: its unsaved text is analysed (debounced). */
  private onBuffer(doc: vscode.TextDocument): void {
    if (doc.uri.scheme !== "file" || !SOURCE_FILE.test(doc.uri.fsPath)) return;
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const entry = folder && this.folders.get(folder.uri.toString());
    if (!entry) return;
    this.buffered.add(doc.uri.fsPath);
    entry.analysis.change(doc.uri.fsPath, doc.getText());
  }

  /** A closed document whose unsaved text was analysed goes back to what is on disk. */
  private async onClose(doc: vscode.TextDocument): Promise<void> {
    const abs = doc.uri.fsPath;
    if (doc.uri.scheme !== "file" || !this.buffered.delete(abs)) return;
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const entry = folder && this.folders.get(folder.uri.toString());
    if (!entry) return;
    try {
      entry.analysis.change(abs, await fs.readFile(abs, "utf8"));
    } catch {
      entry.analysis.change(abs, null);
    }
  }

  /** Unsaved buffers of the folder's source files, for a fresh scan. */
  private overlayOf(folder: vscode.WorkspaceFolder): Map<string, string> {
    const out = new Map<string, string>();
    for (const doc of vscode.workspace.textDocuments) {
      if (!doc.isDirty || doc.uri.scheme !== "file" || !SOURCE_FILE.test(doc.uri.fsPath)) continue;
      if (vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.toString() !== folder.uri.toString()) continue;
      out.set(doc.uri.fsPath, doc.getText());
      this.buffered.add(doc.uri.fsPath);
    }
    return out;
  }

  private onReport(folder: vscode.WorkspaceFolder, report: ScanReport, how: "open" | "update", ms: number, files: number): void {
    const s = report.summary;
    this.log.info(
      how === "open"
        ? `${folder.name}: ${s.sites} call sites, ${s.files} files scanned, score ${Math.round(report.score)} (${report.grade}); ${ms.toFixed(0)} ms in the worker`
        : `${folder.name}: re-analysed ${files} changed file${files === 1 ? "" : "s"} in ${ms.toFixed(0)} ms; ${s.sites} call sites, score ${Math.round(report.score)}`,
    );
    if (how === "open") for (const e of report.errors) this.log.warn(`${folder.name}/${e.file}${e.line ? `:${e.line}` : ""}: ${e.message}`);
    this.sites.set(folder.uri, report);
    this.renderDiagnostics(folder);
    if (this.firstDiagnosticsMs === undefined) {
      this.firstDiagnosticsMs = performance.now() - this.activatedAt;
      this.log.info(`first diagnostics ${this.firstDiagnosticsMs.toFixed(0)} ms after activation (activate() itself took ${this.activateMs?.toFixed(1)} ms)`);
    }
    this.updateStatus();
  }

  private onFailed(folder: vscode.WorkspaceFolder, e: AnalysisFailed): void {
    this.log.error(`${folder.name}: analysis failed: ${e.message}`);
    this.sites.delete(folder.uri);
    if (e.problems.length) this.diagnostics.showConfigProblems(folder.uri, e.problems);
    else this.diagnostics.clear(folder.uri);
    this.updateStatus();
  }

  private renderDiagnostics(folder: vscode.WorkspaceFolder): void {
    const report = this.sites.get(folder.uri);
    if (!report) return;
    const settings = this.settingsFor(folder.uri);
    const news = settings["baseline.focusOnNew"] ? this.newFindingsOf(folder.uri, report) : undefined;
    this.diagnostics.show(folder.uri, report, this.overridesFor(folder.uri), settings["diagnostics.enabled"], settings["diagnostics.showUnknown"], settings["diagnostics.showTestSites"], news && ((site, check) => !news.isNew(site, check)));
  }

  /** A warning when a folder failed; else the score over every analysed folder; busy until there is one. */
  private updateStatus(): void {
    this.panel.refresh(); // the panel shows failed and pending folders too
    if (this.folders.size === 0) return this.status.noFolder();
    const failed = [...this.folders.values()].filter((f) => f.analysis.failure);
    if (failed.length) {
      this.status.failed(failed.map((f) => `${f.folder.name}: ${f.analysis.failure!.message}`).join("\n\n"));
      return;
    }
    const reports = this.sites.reports();
    const overall = overallOf(reports.map((r) => r.report));
    // "N new" over the folders that have a baseline file.
    const news = reports.flatMap((r) => this.newFindingsOf(r.folder, r.report) ?? []);
    const newCount = news.length ? { count: news.reduce((n, x) => n + x.count, 0), files: [...new Set(news.map((x) => x.file))] } : undefined;
    if (overall) this.status.show(overall, newCount);
    else if (this.folders.size && [...this.folders.values()].every((f) => !f.analysis.report)) this.status.cancelled();
  }

  private onSettings(e: vscode.ConfigurationChangeEvent): void {
    if (!e.affectsConfiguration("llmReadiness")) return;
    this.settings.clear();
    const rescan: vscode.WorkspaceFolder[] = [];
    for (const { folder } of this.folders.values()) {
      if (e.affectsConfiguration("llmReadiness.baseline.file", folder.uri)) this.watchBaseline(folder);
      if (ANALYSIS_KEYS.some((k) => e.affectsConfiguration(`llmReadiness.${k}`, folder.uri))) rescan.push(folder);
      else this.renderDiagnostics(folder);
    }
    this.codeLens.refresh();
    this.updateStatus();
    if (rescan.length) void this.rescan(rescan, "settings changed", false);
  }

  private settingsFor(uri: vscode.Uri): Settings {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = folder?.uri.toString() ?? "";
    let s = this.settings.get(key);
    if (!s) {
      s = readSettings(vscode.workspace.getConfiguration("llmReadiness", folder?.uri ?? null), this.log);
      this.settings.set(key, s);
    }
    return s;
  }

  private overridesFor(folder: vscode.Uri): Overrides {
    const s = this.settingsFor(folder);
    return (check: CheckId) => severityOverride(s, check);
  }

  private closeFolder(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    const entry = this.folders.get(key);
    if (!entry) return;
    entry.analysis.dispose();
    for (const w of entry.watchers) w.dispose();
    this.folders.delete(key);
    this.baselines.get(key)?.watcher.dispose();
    this.baselines.delete(key);
    this.sites.delete(folder.uri);
    this.diagnostics.clear(folder.uri);
    this.updateStatus();
  }

  private closeAll(): void {
    for (const { folder } of [...this.folders.values()]) this.closeFolder(folder);
  }

  private async idle(): Promise<void> {
    // Settle repeatedly: an update may queue a reopen, a rescan may start while we wait.
    for (let i = 0; i < 20; i++) {
      await this.startup;
      const pending = [...this.folders.values()].map((f) => f.analysis.idle());
      await Promise.all(pending);
      if ([...this.folders.values()].every((f) => f.analysis.isIdle())) return;
    }
  }
}
