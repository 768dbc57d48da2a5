/** The status bar item: the workspace's score and grade, the same as the CLI's. */
import assert from "node:assert/strict";
import { api, cliReport } from "./helpers";

describe("status bar", () => {
  it("shows the workspace score and grade the CLI computes for the same files", async () => {
    const a = await api();
    await a.idle();
    const report = cliReport();
    assert.ok(report.sites.length > 0);
    assert.equal(a.statusText(), `$(checklist) Readiness ${Math.round(report.score)} (${report.grade})`);
  });
});
