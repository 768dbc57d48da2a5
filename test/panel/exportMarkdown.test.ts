/** The panel's "Export report" text is the CLI's `--format markdown`: formatted by dist/worker.js from the report the panel holds. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { after, describe, it } from "node:test";
import { formatMarkdown } from "../../src/report/markdown";
import { scanWorkspace } from "../../src/core/scan";
import { AnalysisClient } from "../../src/extension/analysisClient";
import { FromWorker, ToWorker } from "../../src/shared/workerMessages";

const SAMPLE = path.resolve("test/workspaces/sample");

describe("exporting the report as Markdown", () => {
  const logs: string[] = [];
  const client = new AnalysisClient(path.resolve("dist/worker.js"), { info: () => undefined, warn: (m) => logs.push(m), error: (m) => logs.push(m) });
  after(() => client.dispose());

  it("the worker's text of the editor's report is what `llm-readiness scan <folder> --format markdown` prints", async () => {
    const { report } = await client.open(SAMPLE, {}, new Map());
    assert.ok(report.sites.some((s) => s.calleeEnd), "the editor's report carries editor-only fields, which the text must not depend on");
    const text = await client.markdown(report);
    const cli = spawnSync(process.execPath, [path.resolve("dist/cli.js"), "scan", SAMPLE, "--format", "markdown"], { encoding: "utf8" });
    assert.equal(cli.stderr, "");
    assert.match(text, /^## LLM Readiness: \d+\/100 \(grade [A-F]\)/);
    assert.equal(text, cli.stdout);
    assert.equal(text, formatMarkdown(await scanWorkspace(SAMPLE)));
    assert.deepEqual(logs, []);
  });

  it("the worker protocol carries the request with a whole report, and the text back", () => {
    assert.equal(ToWorker.safeParse({ type: "report/markdown", id: 1, report: { version: 1 } }).success, false);
    assert.ok(FromWorker.safeParse({ type: "report/markdown", id: 1, text: "## x" }).success);
  });
});
