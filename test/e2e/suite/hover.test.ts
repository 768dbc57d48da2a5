/** The hover on a call site's callee: its readiness card. */
import assert from "node:assert/strict";
import * as vscode from "vscode";
import { api, uri } from "./helpers";

async function hoverText(rel: string, line: number, character: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri(rel), new vscode.Position(line, character));
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : "value" in c ? c.value : ""))
    .join("\n---\n");
}

describe("hover", () => {
  before(async () => (await api()).idle());

  it("shows the readiness card of the call under the cursor", async () => {
    // On `messages` of `anthropic.messages.create` (src/lib/summarize.ts:15).
    const text = await hoverText("src/lib/summarize.ts", 14, 36);
    assert.match(text, /\*\*LLM Readiness\*\* · `anthropic\.messages\.create` · Anthropic · `claude-sonnet-4-5`/);
    assert.match(text, /Readiness score \*\*\d+\*\*\/100 \(grade [A-F]\)/);
    assert.match(text, /\| \$\(error\) \| Request timeout \| `none` \| \[src\/lib\/summarize\.ts:3\]\(command:llmReadiness\.openLocation\?/);
    assert.match(text, /Anthropic waits up to 10 minutes by default/);
    for (const title of ["Request timeout", "Retry on transient errors"]) assert.ok(text.includes(title), title);
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
