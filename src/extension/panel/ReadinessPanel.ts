/**
 * The readiness panel's host: the webview panel (one at a time, restored after a reload), its
 * messages (src/shared/panelMessages.ts), the score trend of each folder, and the export commands.
 */
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import { z } from "zod";
import { CHECK_IDS, type Logger, type ScanReport } from "../../core/types";
import { insideFolder, insideFolderOnDisk } from "../../panel/insideFolder";
import { panelHtml } from "../../panel/html";
import { TrendStore } from "../../panel/trendStore";
import { FromWebview, type FolderState, type ToWebview } from "../../shared/panelMessages";
import { calleeRange } from "../convert";
import type { CheckRules } from "../present";
import type { SiteIndex } from "../sites";

export const enum PanelCommand {
  /** Writes a folder's report as Markdown: `(target?: Uri, folder?: Uri)`; without a target, a save dialog asks. */
  exportReport = "llmReadiness.exportReport",
  /** Copies a folder's report as Markdown to the clipboard: `(folder?: Uri)`. */
  copyReport = "llmReadiness.copyReport",
  /** Test only (not in production mode): the text of the panel's `data-testid` elements, read from its DOM. */
  testSnapshot = "llmReadiness.test.panelSnapshot",
  /** Test only: clicks the panel element with a `data-testid` (the click goes through the webview's own handler). */
  testClick = "llmReadiness.test.panelClick",
}

/** What the panel needs from the extension. */
export interface PanelDeps {
  sites: SiteIndex;
  rules: CheckRules;
  log: Logger;
  /** Why a folder has no report, when its analysis failed. */
  failure(folder: vscode.Uri): string | undefined;
  /** The CLI's `--format markdown` text of a report. */
  markdown(report: ScanReport): Promise<string>;
  rescan(): Promise<void>;
}

const VIEW_TYPE = "llmReadiness.panel";
/** How long a test probe waits for the webview's answer. */
const PROBE_MS = 5_000;

export class ReadinessPanel implements vscode.Disposable {
  static readonly viewType = VIEW_TYPE;
  private panel: vscode.WebviewPanel | undefined;
  /** The webview posted `webview/ready` since its page last loaded: messages reach it. */
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly trend: TrendStore;
  /** The last report whose score the trend recorded, by folder. */
  private readonly recorded = new Map<string, ScanReport>();
  private postTimer: ReturnType<typeof setTimeout> | undefined;
  private nextProbe = 1;
  private readonly probes = new Map<number, (answer: unknown) => void>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: PanelDeps,
  ) {
    this.trend = new TrendStore(context.workspaceState, (m) => deps.log.warn(m));
    this.disposables.push(
      deps.sites.onDidChange(() => this.onReports()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        deserializeWebviewPanel: async (panel) => this.adopt(panel),
      }),
      vscode.commands.registerCommand(PanelCommand.exportReport, (target: unknown, folder: unknown) => this.exportReport(target, folder)),
      vscode.commands.registerCommand(PanelCommand.copyReport, (folder: unknown) => this.copyReport(folder)),
    );
    if (context.extensionMode !== vscode.ExtensionMode.Production) {
      this.disposables.push(
        vscode.commands.registerCommand(PanelCommand.testSnapshot, () => this.probe((id) => ({ type: "test/probe", id }))),
        vscode.commands.registerCommand(PanelCommand.testClick, (testId: unknown) =>
          typeof testId === "string" && testId ? this.probe((id) => ({ type: "test/click", id, testId })) : Promise.resolve(undefined),
        ),
      );
    }
  }

  /** Opens the panel, or brings it to the front. */
  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, "LLM Readiness", vscode.ViewColumn.Active, this.webviewOptions());
    this.adopt(panel);
  }

  /** Sends the reports again (a folder failed, was cancelled or added: nothing in the site index changed). */
  refresh(): void {
    this.schedulePost();
  }

  dispose(): void {
    if (this.postTimer) clearTimeout(this.postTimer);
    for (const resolve of this.probes.values()) resolve(undefined);
    this.probes.clear();
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    const root = this.context.extensionUri;
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(root, "media"), vscode.Uri.joinPath(root, "dist")],
    };
  }

  /** Takes charge of a panel: a new one, or one VS Code restores after a reload. */
  private adopt(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    this.ready = false;
    const media = vscode.Uri.joinPath(this.context.extensionUri, "media");
    panel.iconPath = { light: vscode.Uri.joinPath(media, "panel-icon-light.svg"), dark: vscode.Uri.joinPath(media, "panel-icon-dark.svg") };
    panel.webview.options = this.webviewOptions();
    const dist = vscode.Uri.joinPath(this.context.extensionUri, "dist", "webview");
    panel.webview.html = panelHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(18).toString("base64"),
      script: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, "panel.js")).toString(),
      style: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, "panel.css")).toString(),
    });
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(panel, raw)),
      // A hidden webview's page is unloaded; it posts `webview/ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    ];
    panel.onDidDispose(() => {
      for (const s of subs) s.dispose();
      if (this.panel === panel) {
        this.panel = undefined;
        this.ready = false;
      }
    });
  }

  private onReports(): void {
    for (const { folder, report } of this.deps.sites.reports()) {
      const key = folder.toString();
      if (this.recorded.get(key) === report) continue;
      this.recorded.set(key, report);
      this.trend.record(key, Math.round(report.score));
    }
    this.schedulePost();
  }

  /** Many reports can land at once (a multi-root scan, typing): one message for all of them. */
  private schedulePost(): void {
    if (!this.panel || this.postTimer) return;
    this.postTimer = setTimeout(() => {
      this.postTimer = undefined;
      this.postState();
    }, 50);
  }

  private postState(): void {
    if (!this.panel || !this.ready) return;
    const folders: FolderState[] = (vscode.workspace.workspaceFolders ?? []).map((f) => {
      const key = f.uri.toString();
      const report = this.deps.sites.get(f.uri);
      const failure = report ? undefined : this.deps.failure(f.uri);
      return {
        uri: key,
        name: f.name,
        status: report ? "ready" : failure ? "failed" : "analysing",
        report: report ?? null,
        ...(failure ? { message: failure } : {}),
        trend: report ? this.trend.get(key) : [],
      };
    });
    const checks = Object.fromEntries(
      CHECK_IDS.map((c) => [c, { title: this.deps.rules[c].title, consequence: this.deps.rules[c].consequence, weight: this.deps.rules[c].weight }]),
    ) as Extract<ToWebview, { type: "panel/state" }>["checks"];
    this.post({ type: "panel/state", folders, checks });
  }

  private post(msg: ToWebview): void {
    void this.panel?.webview.postMessage(msg).then(undefined, (e: unknown) => this.deps.log.warn(`panel: could not post ${msg.type}: ${String(e)}`));
  }

  private onMessage(panel: vscode.WebviewPanel, raw: unknown): void {
    const parsed = FromWebview.safeParse(raw);
    if (!parsed.success) {
      this.deps.log.error(`panel: dropped a malformed message from the webview: ${z.prettifyError(parsed.error)}`);
      return;
    }
    const msg = parsed.data;
    const fail = (what: string) => (e: unknown) => this.deps.log.error(`panel: ${what} failed: ${e instanceof Error ? e.message : String(e)}`);
    switch (msg.type) {
      case "webview/ready":
        if (panel !== this.panel) return;
        this.ready = true;
        this.postState();
        return;
      case "site/reveal":
        void this.reveal(msg).catch(fail(`opening ${msg.file}`));
        return;
      case "check/docs": {
        const doc = vscode.Uri.joinPath(this.context.extensionUri, "rules", "docs", `${msg.check}.md`);
        void Promise.resolve(vscode.commands.executeCommand("markdown.showPreview", doc)).catch(fail("opening the docs"));
        return;
      }
      case "report/export":
        void this.exportReport(undefined, vscode.Uri.parse(msg.folder)).catch(fail("export"));
        return;
      case "report/copy":
        void this.copyReport(vscode.Uri.parse(msg.folder)).catch(fail("copy"));
        return;
      case "scan/rerun":
        void this.deps.rescan().catch(fail("rescan"));
        return;
      case "test/snapshot":
        this.probes.get(msg.id)?.(msg.texts);
        this.probes.delete(msg.id);
        return;
      case "test/clicked":
        this.probes.get(msg.id)?.(msg.found);
        this.probes.delete(msg.id);
        return;
      default:
        msg satisfies never;
    }
  }

  /** The workspace folder a message or an argument names; undefined for anything else. */
  private workspaceFolder(uri: string): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === uri);
  }

  /** Opens a call site in the main editor group (wide: no line start cut off), centred, its callee selected. */
  private async reveal(msg: Extract<FromWebview, { type: "site/reveal" }>): Promise<void> {
    const folder = this.workspaceFolder(msg.folder);
    if (!folder) {
      this.deps.log.warn(`panel: not opening ${msg.file}: ${msg.folder} is not a folder of this workspace`);
      return;
    }
    // The webview is not trusted with paths: only a file inside the folder is opened (on disk: not through a symlink that leads out).
    const inside = folder.uri.scheme === "file" ? insideFolderOnDisk(folder.uri.fsPath, msg.file) : insideFolder(folder.uri.fsPath, msg.file);
    if (!inside) {
      this.deps.log.warn(`panel: not opening ${JSON.stringify(msg.file)}: it is not inside ${folder.name}`);
      return;
    }
    const site = this.deps.sites.get(folder.uri)?.sites.find((s) => s.file === msg.file && s.line === msg.line && s.column === msg.column);
    const at = new vscode.Position(msg.line - 1, msg.column - 1);
    const selection = site ? calleeRange(site) : new vscode.Range(at, at);
    const editor = await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, ...msg.file.split("/")), { selection, viewColumn: vscode.ViewColumn.One, preview: true });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenter);
  }

  /**
   * The folder whose report to export: the one named (a workspace folder), else the only folder with a
   * report, else the user picks. Undefined when there is none or the pick was dismissed.
   */
  private async reportFolder(named: unknown): Promise<{ folder: vscode.WorkspaceFolder; report: ScanReport } | undefined> {
    const withReports = (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
      const report = this.deps.sites.get(folder.uri);
      return report ? [{ folder, report }] : [];
    });
    if (named instanceof vscode.Uri) {
      const found = withReports.find((x) => x.folder.uri.toString() === named.toString());
      if (!found) void vscode.window.showWarningMessage(`LLM Readiness has no report of ${named.fsPath} yet.`);
      return found;
    }
    if (withReports.length <= 1) {
      if (!withReports.length) void vscode.window.showWarningMessage("LLM Readiness has no report yet: the workspace is still being analysed, or its analysis failed (see the log).");
      return withReports[0];
    }
    const picked = await vscode.window.showQuickPick(
      withReports.map((x) => ({ label: x.folder.name, description: `score ${Math.round(x.report.score)} (${x.report.grade})`, x })),
      { placeHolder: "The report of which folder?" },
    );
    return picked?.x;
  }

  /** Writes the CLI's Markdown report of a folder to `target`, or to a file the user picks (default `<folder>/llm-readiness-report.md`). */
  private async exportReport(target: unknown, folder: unknown): Promise<vscode.Uri | undefined> {
    const chosen = await this.reportFolder(folder);
    if (!chosen) return undefined;
    const text = await this.deps.markdown(chosen.report);
    const dest =
      target instanceof vscode.Uri
        ? target
        : await vscode.window.showSaveDialog({
            defaultUri: vscode.Uri.joinPath(chosen.folder.uri, "llm-readiness-report.md"),
            filters: { Markdown: ["md"] },
            saveLabel: "Export",
            title: "Export the LLM Readiness report",
          });
    if (!dest) return undefined;
    await vscode.workspace.fs.writeFile(dest, new TextEncoder().encode(text));
    this.deps.log.info(`panel: wrote the report of ${chosen.folder.name} to ${dest.fsPath}`);
    if (!(target instanceof vscode.Uri)) {
      void vscode.window.showInformationMessage(`Wrote the readiness report to ${vscode.workspace.asRelativePath(dest)}.`, "Open").then((open) => {
        if (open) void vscode.window.showTextDocument(dest);
      });
    }
    return dest;
  }

  private async copyReport(folder: unknown): Promise<void> {
    const chosen = await this.reportFolder(folder);
    if (!chosen) return;
    await vscode.env.clipboard.writeText(await this.deps.markdown(chosen.report));
    void vscode.window.showInformationMessage(`Copied the readiness report of ${chosen.folder.name} as Markdown.`);
  }

  /** Test only: posts a probe to the webview and resolves with its answer, or undefined when no webview answers in time. */
  private probe(make: (id: number) => ToWebview): Promise<unknown> {
    if (!this.panel || !this.ready) return Promise.resolve(undefined);
    const id = this.nextProbe++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.probes.delete(id);
        resolve(undefined);
      }, PROBE_MS);
      this.probes.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.post(make(id));
    });
  }
}
