/** The baseline in the editor: `llmReadiness.baseline.focusOnNew` hides the findings known in .llm-readiness-baseline.json, and the status bar counts the new ones. */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as vscode from "vscode";
import { api, extensionPath, folder, ours, setText, uri, waitFor } from "./helpers";

const FILES = ["src/lib/summarize.ts", "src/lib/translate.ts", "src/lib/classify.ts", "src/routes/answer.ts", "src/routes/tickets.ts"];
const count = () => FILES.reduce((n, f) => n + ours(f).length, 0);

/** A second Anthropic call with no timeout, appended to summarize.ts: a finding the baseline does not know. */
const NEW_CALL = `
export async function titleOf(messages: TicketMessage[]): Promise<string> {
  const response = await anthropic.messages.create({
    model: "claude-haiku-4-5",
    max_tokens: 30,
    messages: [{ role: "user", content: messages.map((m) => m.body).join("\\n") }],
  });
  return response.content.map((b) => (b.type === "text" ? b.text : "")).join("");
}
`;

describe("baseline: focus on new findings", () => {
  const baselineFile = () => uri(".llm-readiness-baseline.json").fsPath;
  const config = () => vscode.workspace.getConfiguration("llmReadiness", folder().uri);
  before(async () => (await api()).idle());
  after(async () => {
    fs.rmSync(baselineFile(), { force: true });
    await config().update("baseline.focusOnNew", undefined, vscode.ConfigurationTarget.Workspace);
  });

  it("hides the findings known in the baseline, shows a new one, and counts it in the status bar", async () => {
    const a = await api();
    const before = count();
    assert.ok(before > 3, `the sample has findings (${before})`);
    const scoreText = a.statusText();
    assert.match(scoreText, /^\$\(checklist\) Readiness \d+ \([A-F]\)$/);

    // The CLI writes the baseline, as a team adopting the tool would.
    execFileSync(process.execPath, [path.join(extensionPath(), "dist", "cli.js"), "baseline", folder().uri.fsPath, "--quiet"]);
    assert.ok(fs.existsSync(baselineFile()));
    await waitFor("the status bar to count 0 new", () => a.statusText() === `${scoreText} · 0 new`);
    assert.equal(count(), before, "without the setting every finding stays");

    await config().update("baseline.focusOnNew", true, vscode.ConfigurationTarget.Workspace);
    await waitFor("the known findings to be hidden", () => count() === 0);

    const edit = await setText("src/lib/summarize.ts", (t) => t + NEW_CALL);
    try {
      const fresh = await waitFor("the new call's findings", () => {
        const d = ours("src/lib/summarize.ts");
        return d.length ? d : undefined;
      });
      const newLine = edit.doc.getText().split("\n").findIndex((l) => l.includes('model: "claude-haiku-4-5"')) - 1;
      assert.ok(fresh.every((d) => d.range.start.line === newLine), `only the new call at line ${newLine + 1}: ${fresh.map((d) => d.range.start.line + 1)}`);
      assert.ok(fresh.some((d) => d.message.includes("timeout") || String((d.code as { value: string }).value) === "timeout"));
      await waitFor("the status bar to count the new findings", () => new RegExp(` · ${fresh.length} new$`).test(a.statusText()));
      assert.equal(FILES.slice(1).reduce((n, f) => n + ours(f).length, 0), 0, "the other files keep their known findings hidden");
    } finally {
      await edit.restore();
    }
    await waitFor("the new findings to go with the call", () => ours("src/lib/summarize.ts").length === 0);

    await config().update("baseline.focusOnNew", undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor("every finding to return when the setting is off", () => count() === before);
    fs.rmSync(baselineFile());
    await waitFor("the status bar to drop the count without a baseline", () => a.statusText() === scoreText);
  });
});
