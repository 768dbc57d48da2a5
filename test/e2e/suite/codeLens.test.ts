/** CodeLens above call sites: off by default, `Readiness n/6 · missing ...` when llmReadiness.codeLens.enabled is on. */
import assert from "node:assert/strict";
import * as vscode from "vscode";
import { CHECK_IDS } from "../../../src/core/types";
import { api, eventually, uri } from "./helpers";

const lenses = async (rel: string) => {
  // The provider command needs the document open (it reads the editor model).
  await vscode.workspace.openTextDocument(uri(rel));
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", uri(rel))).filter((l) => l.command?.title.startsWith("Readiness"));
};

describe("CodeLens", () => {
  before(async () => (await api()).idle());

  it("is off by default", async () => {
    assert.deepEqual(await lenses("src/lib/translate.ts"), []);
  });

  it("shows each site's passed checks and what is missing when enabled", async () => {
    const config = vscode.workspace.getConfiguration("llmReadiness");
    await config.update("codeLens.enabled", true, vscode.ConfigurationTarget.Workspace);
    try {
      const l = await eventually("a lens", async () => {
        const found = await lenses("src/lib/translate.ts");
        return found.length ? found : undefined;
      });
      assert.equal(l.length, 1);
      assert.match(l[0]!.command!.title, new RegExp(`^Readiness \\d/${CHECK_IDS.length} · missing timeout, retry`));
      assert.equal(l[0]!.command!.command, "llmReadiness.showPanel");
      assert.equal(l[0]!.range.start.line, 2);
    } finally {
      await config.update("codeLens.enabled", undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
