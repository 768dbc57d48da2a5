/** The analysis worker cannot take the editor with it: killed, it is restarted once and the diagnostics come back. */
import assert from "node:assert/strict";
import * as vscode from "vscode";
import { api, folder, ours, ranges, waitFor } from "./helpers";

describe("worker restart", () => {
  before(async () => (await api()).idle());

  it("restarts a killed worker, analyses the workspace again and shows the diagnostics again", async () => {
    const a = await api();
    const before = ranges("src/lib/translate.ts", "timeout");
    assert.equal(before.length, 1);
    const sitesBefore = a.report(folder().uri)!.sites.length;
    const deaths = a.worker().deaths;

    // The test-only command (not in package.json) ends the worker thread as a crash would.
    assert.equal(await vscode.commands.executeCommand("llmReadiness.test.killWorker"), true);
    await waitFor("the death to be noticed", () => a.worker().deaths === deaths + 1);
    assert.equal(a.worker().stopped, false, "one death restarts the worker");
    await a.idle();
    await waitFor("a report from the new worker", () => a.report(folder().uri)?.sites.length === sitesBefore);
    assert.deepEqual(ranges("src/lib/translate.ts", "timeout"), before, "the diagnostics are back where they were");
    assert.ok(ours("src/routes/answer.ts").length > 0);
    assert.match(a.statusText(), /^\$\(checklist\) Readiness \d+ \([A-F]\)$/, "the status bar shows the score again");
  });
});
