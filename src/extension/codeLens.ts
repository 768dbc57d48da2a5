/** CodeLens above each call site (`Readiness 3/6 · missing timeout, usage`), off unless `llmReadiness.codeLens.enabled`. */
import * as vscode from "vscode";
import { CommandId } from "./commands";
import { callRange } from "./convert";
import { lensTitle, type Overrides } from "./present";
import type { SiteIndex } from "./sites";

export class ReadinessCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly sites: SiteIndex,
    private readonly enabledFor: (uri: vscode.Uri) => boolean,
    private readonly overridesFor: (folder: vscode.Uri) => Overrides,
  ) {
    this.subscription = sites.onDidChange(() => this.changed.fire());
  }

  /** Settings changed: lenses appear or go. */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.enabledFor(doc.uri)) return [];
    return this.sites.sitesIn(doc.uri).map(
      ({ folder, site }) =>
        new vscode.CodeLens(callRange(site), { title: lensTitle(site, this.overridesFor(folder)), command: CommandId.showPanel, tooltip: "Open the readiness panel" }),
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
