/** Diagnostics of the sample workspace: the known call sites, with their codes, ranges, severities, messages and evidence. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import * as vscode from "vscode";
import { api, cliReport, cliSarif, codeOf, extensionPath, ours, ranges, uri, waitFor } from "./helpers";

describe("diagnostics", () => {
  before(async function () {
    this.timeout(120_000);
    const a = await api();
    await waitFor("the first diagnostics", () => ours("src/lib/summarize.ts").length > 0, 90_000);
    await a.idle();
    // activate → first diagnostics, for `npm run bench` (activate_ms).
    const out = path.join(extensionPath(), "test-results", "e2e-timings.json");
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({ ...a.timings(), at: new Date().toISOString(), vscode: vscode.version }, null, 2));
  });

  it("underlines the callee of a call without a timeout, with the SDK's default in the message", () => {
    // src/lib/summarize.ts:15 `const response = await anthropic.messages.create({`
    assert.deepEqual(ranges("src/lib/summarize.ts", "timeout"), ["14:25-14:50"]);
    const d = ours("src/lib/summarize.ts").find((x) => codeOf(x) === "timeout")!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /^No timeout: Anthropic waits up to 10 minutes by default/);
    assert.match(d.message, /`timeout`/);
    const target = (d.code as { target: vscode.Uri }).target;
    assert.ok(target.path.endsWith("/rules/docs/timeout.md"), target.toString());
    // The evidence: the client's construction on line 3.
    assert.equal(d.relatedInformation?.[0]?.location.uri.toString(), uri("src/lib/summarize.ts").toString());
    assert.equal(d.relatedInformation?.[0]?.location.range.start.line, 2);
  });

  it("keeps raw fetch without a timeout a warning (error only where the settings ask), advising `signal`", () => {
    // src/lib/translate.ts:3 `const res = await fetch("https://api.openai.com/...`
    assert.deepEqual(ranges("src/lib/translate.ts", "timeout"), ["2:20-2:25"]);
    const d = ours("src/lib/translate.ts").find((x) => codeOf(x) === "timeout")!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /`fetch` has no default timeout, so a stalled request can hang forever\. Pass `signal: AbortSignal\.timeout\(ms\)`\.$/);
    assert.deepEqual(ranges("src/lib/translate.ts", "retry"), ["2:20-2:25"]);
  });

  it("names the AI SDK's own option (`abortSignal`), not a client it does not have", () => {
    // src/lib/classify.ts:13 `const { object } = await generateObject({`
    const d = ours("src/lib/classify.ts").find((x) => codeOf(x) === "timeout")!;
    assert.match(d.message, /Pass `abortSignal: AbortSignal\.timeout\(ms\)`\.$/);
    assert.doesNotMatch(d.message, /client|`signal/);
  });

  it("keeps the noise budget: one diagnostic per failing check per site, none for a passing one, at the CLI's SARIF level", () => {
    const report = cliReport();
    const sarif = cliSarif();
    const level: Record<string, vscode.DiagnosticSeverity> = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, note: vscode.DiagnosticSeverity.Information };
    let counted = 0;
    for (const site of report.sites) {
      const at = ours(site.file).filter((d) => d.range.start.line === site.line - 1 && d.range.start.character === site.column - 1);
      for (const [check, r] of Object.entries(site.checks)) {
        const mine = at.filter((d) => codeOf(d) === check);
        const where = `${site.file}:${site.line} ${check}=${r.value} (${r.status})`;
        const shown = (r.status === "fail" || r.status === "warn") && !site.suppressed.some((x) => x.check === check);
        assert.equal(mine.length, shown ? 1 : 0, where);
        if (!shown) continue;
        counted++;
        // A fail is a warning and a warn information by default; nothing is an error unless the settings ask.
        assert.equal(mine[0]!.severity, r.status === "fail" ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information, where);
        const result = sarif.find((x) => x.ruleId === check && x.line === site.line && x.column === site.column);
        assert.ok(result, `no SARIF result for ${where}`);
        assert.equal(mine[0]!.severity, level[result.level], `${where}: the editor and SARIF disagree`);
      }
    }
    assert.ok(counted > 20, `${counted} findings`);
    // retry `sdk-default` passes: no diagnostic on an OpenAI call that relies on the SDK's retries.
    assert.ok(report.sites.some((s) => s.checks.retry.value === "sdk-default"));
  });

  it("puts a wrapper call's findings on the wrapper's callee, pointing at the request it reaches", () => {
    // src/routes/tickets.ts:43 `res.json({ summary: await summarizeThread(ticket.messages) });`
    assert.deepEqual(ranges("src/routes/tickets.ts", "timeout"), ["20:23-20:35", "42:28-42:43"]);
    const d = ours("src/routes/tickets.ts").find((x) => codeOf(x) === "timeout" && x.range.start.line === 42)!;
    assert.equal(d.relatedInformation?.[0]?.location.uri.toString(), uri("src/lib/summarize.ts").toString());
  });

  it("shows every failing check of the CLI's report on its call site, and nothing in files without one", () => {
    const report = cliReport();
    for (const site of report.sites) {
      for (const [check, r] of Object.entries(site.checks)) {
        if (r.status !== "fail") continue;
        const at = ours(site.file).filter((d) => codeOf(d) === check && d.range.start.line === site.line - 1 && d.range.start.character === site.column - 1);
        assert.equal(at.length, 1, `${site.file}:${site.line} ${check}=${r.value}`);
      }
    }
    for (const rel of ["src/server.ts", "src/lib/openai.ts", "src/legacy/importer.ts", "test/classify.test.ts"]) assert.deepEqual(ours(rel), [], rel);
    for (const d of ours("src/routes/answer.ts")) assert.equal(d.source, "LLM Readiness");
  });
});
