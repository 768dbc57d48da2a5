/** The hover on a call site's callee: its readiness card. */
import assert from "node:assert/strict";
import * as vscode from "vscode";
import { CHECK_IDS } from "../../../src/core/types";
import { api, ours, uri } from "./helpers";

async function hoverText(rel: string, line: number, character: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri(rel), new vscode.Position(line, character));
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : "value" in c ? c.value : ""))
    .join("\n---\n");
}

describe("hover", () => {
  before(async () => (await api()).idle());

  it("shows the readiness card of the call under the cursor, first and compact, without the diagnostics' texts", async () => {
    // On `messages` of `anthropic.messages.create` (src/lib/summarize.ts:15).
    // Ours among the hovers of every provider (TypeScript's too): the card is one content of its own.
    const text = (await hoverText("src/lib/summarize.ts", 14, 36)).split("\n---\n").find((c) => c.startsWith("**LLM Readiness**")) ?? "";
    assert.match(text, /^\*\*LLM Readiness\*\* · `anthropic\.messages\.create` · Anthropic · `claude-sonnet-4-5`  \n/);
    assert.match(text, new RegExp(`Score \\*\\*\\d+\\*\\*/100 \\([A-F]\\) · \\d of ${CHECK_IDS.length} checks missing`));
    assert.match(text, /\$\(error\) \*\*Request timeout\*\* `none` · \[src\/lib\/summarize\.ts:3\]\(command:llmReadiness\.openLocation\?[^)]*\) · \[docs\]\([^)]*timeout\.md\)/);
    assert.match(text, /\$\(pass\) .*Retry on transient errors `sdk-default`/);
    assert.doesNotMatch(text, /\n\n/, "one block");
    for (const d of ours("src/lib/summarize.ts")) assert.ok(!text.includes(d.message), `repeats: ${d.message}`);
  });

  it("shows nothing away from call sites", async () => {
    const text = await hoverText("src/lib/summarize.ts", 4, 5);
    assert.doesNotMatch(text, /LLM Readiness/);
  });

  it("names the request a wrapper call reaches", async () => {
    const text = await hoverText("src/routes/tickets.ts", 42, 32);
    assert.match(text, /`summarizeThread`/);
    assert.match(text, /The request is sent at \[src\/lib\/summarize\.ts:15\]/);
  });
});
