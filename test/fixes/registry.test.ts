/** The registry's choice of findings: the lightbulb offers fixes for information-level findings too; fix-all does not. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fixesForSite } from "../../src/core/fixes";
import { fixAll } from "../../src/core/fixes/fixAll";
import { DEFAULT_FIX_OPTIONS } from "../../src/core/fixes/types";
import { AnalysisSession } from "../../src/core/session";

test("retry sdk-default (an information finding): a fix in the lightbulb, none in fix-all", async () => {
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
    assert.match(offered[0]?.title ?? "", /maxRetries: 3/);
    const all = await fixAll(session, DEFAULT_FIX_OPTIONS, { checks: ["retry"], safeOnly: true });
    assert.deepEqual(all.applied, [], "fix-all leaves a choice the rule only reports as information");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
