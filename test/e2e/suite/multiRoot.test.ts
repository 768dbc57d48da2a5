/** Multi-root workspaces: one analysis per folder, one status bar score over all of them, a removed folder's diagnostics cleared. */
import assert from "node:assert/strict";
import * as vscode from "vscode";
import type { ScanReport } from "../../../src/core/types";
import { api, cliReport, codeOf, SOURCE, waitFor } from "./helpers";

const diagnosticsIn = (folder: vscode.WorkspaceFolder, rel: string) =>
  vscode.languages.getDiagnostics(vscode.Uri.joinPath(folder.uri, ...rel.split("/"))).filter((d) => d.source === SOURCE);

describe("multi-root workspace", () => {
  const folders = () => vscode.workspace.workspaceFolders ?? [];

  it("analyses each folder on its own", async () => {
    const a = await api();
    assert.equal(folders().length, 2);
    await waitFor("diagnostics in both folders", () => diagnosticsIn(folders()[0]!, "src/lib/summarize.ts").length > 0 && diagnosticsIn(folders()[1]!, "src/releaseNotes.ts").length > 0, 90_000);
    await a.idle();
    const second = a.report(folders()[1]!.uri)!;
    assert.equal(second.sites.length, 1);
    assert.equal(second.sites[0]!.file, "src/releaseNotes.ts");
    assert.ok(diagnosticsIn(folders()[1]!, "src/releaseNotes.ts").some((d) => codeOf(d) === "timeout"));
  });

  it("scores the workspace over every folder's call sites", async () => {
    const a = await api();
    await a.idle();
    const reports: ScanReport[] = folders().map((f) => cliReport(f.uri.fsPath));
    const sites = reports.flatMap((r) => r.sites);
    const score = Math.round(sites.reduce((n, s) => n + s.score, 0) / sites.length);
    assert.match(a.statusText(), new RegExp(`^\\$\\(checklist\\) Readiness ${score} \\([A-F]\\)$`));
  });

  it("clears a removed folder's diagnostics", async () => {
    const second = folders()[1]!;
    assert.ok(vscode.workspace.updateWorkspaceFolders(1, 1));
    await waitFor("the removed folder's diagnostics to go", () => diagnosticsIn(second, "src/releaseNotes.ts").length === 0);
    assert.ok(diagnosticsIn(folders()[0]!, "src/lib/summarize.ts").length > 0);
  });
});
