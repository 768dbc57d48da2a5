/**
 * Activation is quiet: no warning or error about the extension in the extension host's log (VS Code warns there
 * when a setting is read per resource without a resource scope, or a command or view is missing).
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { api, ours, waitFor } from "./helpers";

/** The extension host's log files: beside the extension's own log folder (`context.logUri`), or one level up. */
function hostLogs(logDir: string): string[] {
  const parent = path.dirname(logDir);
  const isDir = (p: string) => fs.existsSync(p) && fs.statSync(p).isDirectory();
  const files = (dir: string) => (isDir(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".log")).map((f) => path.join(dir, f)) : []);
  const up = path.dirname(parent);
  const around = isDir(up) ? fs.readdirSync(up).flatMap((d) => files(path.join(up, d))) : [];
  // The host's log: beside our folder (desktop `exthost.log`), or in the session's folder (code-server `remoteexthost.log`).
  return [...new Set([...files(parent), ...files(up), ...around])].filter((f) => /exthost/i.test(path.basename(f)));
}

describe("activation", () => {
  it("logs no warning or error about the extension in the extension host's log", async function () {
    this.timeout(120_000);
    const a = await api();
    await waitFor("the first diagnostics", () => ours("src/lib/summarize.ts").length > 0, 90_000);
    await a.idle();
    // The host writes its log asynchronously: give it a moment to flush what activation logged.
    await new Promise((r) => setTimeout(r, 1500));
    const logs = hostLogs(a.logUri.fsPath);
    assert.ok(logs.length > 0, `no extension host log near ${a.logUri.fsPath}`);
    const lines = logs.flatMap((f) => fs.readFileSync(f, "utf8").split("\n").map((l) => `${path.basename(f)}: ${l}`));
    const ours_ = lines.filter((l) => /\[(warning|error)\]/i.test(l) && /llmReadiness|llm-readiness|LLM Readiness/.test(l));
    assert.deepEqual(ours_, [], `read ${logs.map((f) => path.basename(f)).join(", ")}`);
  });
});
