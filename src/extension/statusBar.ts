/** The status bar item: the workspace's score and grade, a tooltip by check, a warning when analysis failed; a click opens the panel. */
import * as vscode from "vscode";
import { CommandId } from "./commands";
import { statusText, statusTooltip, type CheckRules, type Overall } from "./present";

export class ReadinessStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("llmReadiness.status", vscode.StatusBarAlignment.Left, 10);

  constructor(private readonly rules: CheckRules) {
    this.item.name = "LLM Readiness";
    this.item.command = CommandId.showPanel;
    this.busy();
    this.item.show();
  }

  /** The text shown now (the e2e tests read it through the extension's API). */
  get text(): string {
    return this.item.text;
  }

  busy(detail = "analysing the workspace"): void {
    this.item.text = "$(sync~spin) Readiness";
    this.item.tooltip = `LLM Readiness: ${detail}…`;
    this.item.backgroundColor = undefined;
  }

  /** The analysis worker died and is restarting: the folders are analysed again. */
  restarting(reason: string): void {
    this.item.text = "$(sync~spin) Readiness";
    this.item.tooltip = `LLM Readiness: the analysis worker stopped (${reason}); restarting it and analysing the workspace again…`;
    this.item.backgroundColor = new vscode.ThemeColor("statusBarItem.warningBackground");
    this.item.command = CommandId.showLog;
  }

  /** `newFindings`: findings new against the baseline files (absent without one): "N new" after the score. */
  show(o: Overall | undefined, newFindings?: { count: number; files: string[] }): void {
    if (!o) return this.busy();
    this.item.text = statusText(o) + (newFindings && o.sites > 0 ? ` · ${newFindings.count} new` : "");
    const baseline = newFindings
      ? `\n\n${newFindings.count} finding${newFindings.count === 1 ? " is" : "s are"} new against ${newFindings.files.map((f) => `\`${f}\``).join(", ")}`
      : "";
    const md = new vscode.MarkdownString(statusTooltip(o, this.rules) + baseline, true);
    this.item.tooltip = md;
    this.item.backgroundColor = undefined;
    this.item.command = CommandId.showPanel;
  }

  /** No folder is open: nothing to analyse. */
  noFolder(): void {
    this.item.text = "$(checklist) Readiness";
    this.item.tooltip = "LLM Readiness analyses the folders of the workspace: open a folder.";
    this.item.backgroundColor = undefined;
    this.item.command = CommandId.showPanel;
  }

  /** The scan was cancelled before any report: a click rescans. */
  cancelled(): void {
    this.item.text = "$(circle-slash) Readiness";
    this.item.tooltip = "LLM Readiness: the scan was cancelled. Click to scan the workspace.";
    this.item.backgroundColor = undefined;
    this.item.command = CommandId.scanWorkspace;
  }

  /** Analysis failed: a warning until the next success; the click opens the log. */
  failed(message: string): void {
    this.item.text = "$(warning) Readiness";
    this.item.tooltip = new vscode.MarkdownString(`**LLM Readiness**: analysis failed\n\n${message.replace(/\n/g, "  \n")}\n\nClick to open the log.`, true);
    this.item.backgroundColor = new vscode.ThemeColor("statusBarItem.warningBackground");
    this.item.command = CommandId.showLog;
  }

  dispose(): void {
    this.item.dispose();
  }
}
