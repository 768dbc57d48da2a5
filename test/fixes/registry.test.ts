/** The registry's choice of findings: a passing value (retry `sdk-default`) is no finding, so neither the lightbulb nor fix-all offers a fix. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fixesForSite } from "../../src/core/fixes";
import { fixAll } from "../../src/core/fixes/fixAll";
import { DEFAULT_FIX_OPTIONS } from "../../src/core/fixes/types";
import { AnalysisSession } from "../../src/core/session";

test("retry sdk-default (a pass, not reported): no fix offered, none in fix-all", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-registry-"));
  try {
    fs.mkdirSync(path.join(dir, "src"));
    fs.writeFileSync(
      path.join(dir, "src/summarize.ts"),
      [
        'import Anthropic from "@anthropic-ai/sdk";',
        "",
        "const anthropic = new Anthropic();",
        "",
        "export async function summarize(text: string): Promise<string> {",
        "  const msg = await anthropic.messages.create({",
        '    model: "claude-haiku-4-5",',
        "    max_tokens: 300,",
        '    messages: [{ role: "user", content: text }],',
        "  });",
        '  return msg.content[0]?.type === "text" ? msg.content[0].text : "";',
        "}",
        "",
      ].join("\n"),
    );
    const session = await AnalysisSession.open(dir);
    const [site] = session.report().sites;
    assert.equal(site?.checks.retry.value, "sdk-default");
    const offered = fixesForSite({ report: session.report(), checks: session.checkContext() }, session.sites()[0]!, DEFAULT_FIX_OPTIONS, ["retry"]);
    // The noise budget: relying on the SDK's retries is a pass, shown nowhere (rules/checks/retry.json severity `none`).
    assert.deepEqual(offered, []);
    const all = await fixAll(session, DEFAULT_FIX_OPTIONS, { checks: ["retry"], safeOnly: true });
    assert.deepEqual(all.applied, [], "fix-all leaves a passing check alone");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
