/** Command ids (package.json `contributes.commands`) and their registration. */
import * as vscode from "vscode";

export const enum CommandId {
  /** {@link Handlers.scanWorkspace}: "Rescan Workspace". */
  scanWorkspace = "llmReadiness.scanWorkspace",
  /** {@link Handlers.showPanel}: opens the readiness panel (src/extension/panel/ReadinessPanel.ts). */
  showPanel = "llmReadiness.showPanel",
  /** {@link Handlers.showLog}: the "LLM Readiness" output channel. */
  showLog = "llmReadiness.showLog",
  /** Internal (hidden from the palette): opens `uri` at a 1-based line, for links in the hover card. */
  openLocation = "llmReadiness.openLocation",
  /** "Fix All in Workspace" (registered in ./codeActions.ts): every safe quick-fix, previewed as a refactoring first. */
  fixAllInWorkspace = "llmReadiness.fixAllInWorkspace",
  /** Internal (hidden from the palette): a check's docs page, for the code actions' "Open <check> docs" (./codeActions.ts). */
  openDocs = "llmReadiness.openDocs",
  /** Internal (hidden from the palette): the lightbulb's "Disable a check for this line…" (./codeActions.ts). */
  disableForLine = "llmReadiness.disableForLine",
}

export interface Handlers {
  scanWorkspace(): Promise<void>;
  showPanel(): Promise<void>;
  showLog(): void;
}

export function registerCommands(h: Handlers): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.scanWorkspace, () => h.scanWorkspace()),
    vscode.commands.registerCommand(CommandId.showPanel, () => h.showPanel()),
    vscode.commands.registerCommand(CommandId.showLog, () => h.showLog()),
    vscode.commands.registerCommand(CommandId.openLocation, async (uri: unknown, line: unknown) => {
      if (typeof uri !== "string" || typeof line !== "number" || !Number.isInteger(line) || line < 1) return;
      const pos = new vscode.Position(line - 1, 0);
      await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: new vscode.Range(pos, pos) });
    }),
  ];
}
