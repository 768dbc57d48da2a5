/** One DiagnosticCollection "LLM Readiness": the findings of each folder's report, and configuration problems at their line. */
import * as vscode from "vscode";
import type { CheckId, ScanReport, SiteReport } from "../core/types";
import type { ConfigProblem } from "../shared/workerMessages";
import { calleeRange, fileUri, lineLocation, lineStart } from "./convert";
import { findingsOf, type CheckRules, type Finding, type Overrides } from "./present";

export const SOURCE = "LLM Readiness";

const SEVERITY: Record<Finding["severity"], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class ReadinessDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection("llmReadiness");
  /** The files each folder last published to, so a file that lost its findings is cleared. */
  private readonly published = new Map<string, Set<string>>();

  constructor(
    private readonly rules: CheckRules,
    /** The docs page of a check (rules/docs/<id>.md in the extension). */
    private readonly docsOf: (check: CheckId) => vscode.Uri,
  ) {}

  /**
   * Replaces a folder's diagnostics with those of its report, at most one per check per site (nothing when
   * `enabled` is false). Sites in test and eval files get diagnostics only with `showTestSites`
   * (`llmReadiness.diagnostics.showTestSites`); `hide` leaves out findings (known in the baseline, with
   * `llmReadiness.baseline.focusOnNew`).
   */
  show(folder: vscode.Uri, report: ScanReport, override: Overrides, enabled = true, showUnknown = false, showTestSites = false, hide?: (site: SiteReport, check: CheckId) => boolean): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    if (enabled) {
      for (const site of report.sites) {
        if (site.test && !showTestSites) continue;
        const uri = fileUri(folder, site.file).toString();
        const list = byFile.get(uri) ?? [];
        for (const f of findingsOf(site, this.rules, override, showUnknown)) if (!hide?.(site, f.check)) list.push(this.diagnostic(folder, site, f));
        if (list.length) byFile.set(uri, list);
      }
    }
    this.replace(folder.toString(), byFile);
  }

  /** Shows an invalid configuration as errors in its file (the folder's findings are cleared: the scan refused to run). */
  showConfigProblems(folder: vscode.Uri, problems: readonly ConfigProblem[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of problems) {
      const uri = vscode.Uri.file(p.file).toString();
      const d = new vscode.Diagnostic(lineStart(p.line), p.message, vscode.DiagnosticSeverity.Error);
      d.source = SOURCE;
      d.code = "config";
      byFile.set(uri, [...(byFile.get(uri) ?? []), d]);
    }
    this.replace(folder.toString(), byFile);
  }

  clear(folder: vscode.Uri): void {
    this.replace(folder.toString(), new Map());
  }

  dispose(): void {
    this.collection.dispose();
  }

  private diagnostic(folder: vscode.Uri, site: SiteReport, f: Finding): vscode.Diagnostic {
    const d = new vscode.Diagnostic(calleeRange(site), f.message, SEVERITY[f.severity]);
    d.source = SOURCE;
    d.code = { value: f.check, target: this.docsOf(f.check) };
    // Evidence on the call's own line adds nothing: only evidence elsewhere (the client, the wrapper) is linked.
    const at = f.evidence && f.evidence !== `${site.file}:${site.line}` ? lineLocation(folder, f.evidence) : undefined;
    if (at) d.relatedInformation = [new vscode.DiagnosticRelatedInformation(at, `What decided \`${f.check}\` for \`${site.callee}\``)];
    return d;
  }

  private replace(folderKey: string, byFile: Map<string, vscode.Diagnostic[]>): void {
    const before = this.published.get(folderKey) ?? new Set<string>();
    for (const uri of before) if (!byFile.has(uri)) this.collection.delete(vscode.Uri.parse(uri));
    for (const [uri, list] of byFile) this.collection.set(vscode.Uri.parse(uri), list);
    this.published.set(folderKey, new Set(byFile.keys()));
  }
}
