/** The latest report of each workspace folder, indexed by file, for the hover, CodeLens and status bar. */
import * as vscode from "vscode";
import type { ScanReport, SiteReport } from "../core/types";
import { fileUri } from "./convert";

export interface FolderReport {
  folder: vscode.Uri;
  report: ScanReport;
}

export class SiteIndex {
  private readonly byFolder = new Map<string, FolderReport>();
  private byFile = new Map<string, { folder: vscode.Uri; site: SiteReport }[]>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after a folder's report is set or removed. */
  readonly onDidChange = this.changed.event;

  set(folder: vscode.Uri, report: ScanReport): void {
    this.byFolder.set(folder.toString(), { folder, report });
    this.reindex();
  }

  delete(folder: vscode.Uri): void {
    if (this.byFolder.delete(folder.toString())) this.reindex();
  }

  reports(): FolderReport[] {
    return [...this.byFolder.values()];
  }

  get(folder: vscode.Uri): ScanReport | undefined {
    return this.byFolder.get(folder.toString())?.report;
  }

  /** The sites in a file, with the folder whose report has them. */
  sitesIn(uri: vscode.Uri): readonly { folder: vscode.Uri; site: SiteReport }[] {
    return this.byFile.get(uri.toString()) ?? [];
  }

  dispose(): void {
    this.changed.dispose();
  }

  private reindex(): void {
    const byFile = new Map<string, { folder: vscode.Uri; site: SiteReport }[]>();
    for (const { folder, report } of this.byFolder.values()) {
      for (const site of report.sites) {
        const key = fileUri(folder, site.file).toString();
        const list = byFile.get(key) ?? [];
        list.push({ folder, site });
        byFile.set(key, list);
      }
    }
    this.byFile = byFile;
    this.changed.fire();
  }
}
