/** Configuration changes re-run the analysis: .llm-readiness.json (valid and invalid) and the llmReadiness.* settings. */
import assert from "node:assert/strict";
import fs from "node:fs";
import * as vscode from "vscode";
import { api, codeOf, ours, ranges, uri, waitFor } from "./helpers";

const usageCount = () => ["src/lib/classify.ts", "src/lib/translate.ts", "src/routes/answer.ts"].reduce((n, f) => n + ranges(f, "usage").length, 0);

describe("configuration", () => {
  const configFile = () => uri(".llm-readiness.json").fsPath;
  before(async () => (await api()).idle());
  afterEach(() => fs.rmSync(configFile(), { force: true }));

  it("picks up .llm-readiness.json: a check turned off loses its diagnostics, and they return when the file goes", async () => {
    assert.ok(usageCount() > 0);
    fs.writeFileSync(configFile(), JSON.stringify({ severity: { usage: "off" } }, null, 2));
    await waitFor("usage diagnostics to go", () => usageCount() === 0);
    assert.equal(ranges("src/lib/summarize.ts", "timeout").length, 1);
    fs.rmSync(configFile());
    await waitFor("usage diagnostics to return", () => usageCount() > 0);
  });

  it("applies a configured severity", async () => {
    fs.writeFileSync(configFile(), JSON.stringify({ severity: { timeout: "hint" } }));
    await waitFor("the timeout finding to become a hint", () =>
      ours("src/lib/translate.ts").some((d) => codeOf(d) === "timeout" && d.severity === vscode.DiagnosticSeverity.Hint),
    );
  });

  it("shows an invalid configuration in the file and as a status bar warning, never an exception", async () => {
    const a = await api();
    fs.writeFileSync(configFile(), '{\n  "severity": {\n    "timeout": "loud"\n  }\n}\n');
    const problems = await waitFor("a diagnostic in .llm-readiness.json", () => {
      const d = vscode.languages.getDiagnostics(uri(".llm-readiness.json")).filter((x) => x.source === "LLM Readiness");
      return d.length ? d : undefined;
    });
    assert.equal(problems[0]!.range.start.line, 2);
    assert.match(problems[0]!.message, /timeout/);
    assert.match(a.statusText(), /\$\(warning\)/);
    fs.rmSync(configFile());
    await waitFor("the status bar to recover", () => /Readiness \d+/.test(a.statusText()));
    await waitFor("the diagnostics to return", () => ranges("src/lib/summarize.ts", "timeout").length === 1);
  });

  it("re-renders on the llmReadiness.diagnostics.severity setting", async () => {
    const config = vscode.workspace.getConfiguration("llmReadiness");
    await config.update("diagnostics.severity", { timeout: "off" }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor("timeout diagnostics to go", () => ranges("src/lib/summarize.ts", "timeout").length === 0);
    } finally {
      await config.update("diagnostics.severity", undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor("timeout diagnostics to return", () => ranges("src/lib/summarize.ts", "timeout").length === 1);
  });

  it("makes a check an error only when the settings ask, and shows unknowns only when turned on", async () => {
    const config = vscode.workspace.getConfiguration("llmReadiness");
    const timeoutIs = (s: vscode.DiagnosticSeverity) => ours("src/lib/summarize.ts").some((d) => codeOf(d) === "timeout" && d.severity === s);
    assert.ok(timeoutIs(vscode.DiagnosticSeverity.Warning));
    await config.update("diagnostics.severity", { timeout: "error" }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor("the timeout finding to become an error", () => timeoutIs(vscode.DiagnosticSeverity.Error));
    } finally {
      await config.update("diagnostics.severity", undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor("the timeout finding to be a warning again", () => timeoutIs(vscode.DiagnosticSeverity.Warning));
  });

  it("re-runs the analysis on the llmReadiness.exclude setting", async () => {
    const config = vscode.workspace.getConfiguration("llmReadiness");
    await config.update("exclude", ["src/lib/translate.ts"], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor("translate.ts to be left out", () => ours("src/lib/translate.ts").length === 0);
    } finally {
      await config.update("exclude", undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor("translate.ts to come back", () => ours("src/lib/translate.ts").length > 0);
  });
});
