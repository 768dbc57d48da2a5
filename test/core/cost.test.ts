/** The worst-case cost per call: output from the cap or the model's limit, input from the constant prompt plus allowances, unpriced with why. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { scanWorkspace } from "../../src/core/scan";
import { ScanReportSchema } from "../../src/core/report";

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function scan(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-cost-"));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const report = await scanWorkspace(dir);
  ScanReportSchema.parse(report);
  return report;
}

describe("cost per call", () => {
  it("uncapped: the model's output limit, the constant prompt and one allowance per growing input", async () => {
    const r = await scan({
      "src/a.ts": `import OpenAI from "openai";\nconst openai = new OpenAI();\nexport async function ask(question: string) {\n  const res = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: \`Answer briefly: \${question}\` }] });\n  return res.choices[0]?.message.content;\n}\n`,
    });
    const c = r.sites[0]!.cost!;
    assert.equal(c.model, "gpt-4o-mini");
    assert.equal(c.outputTokens, 16_384);
    // "Answer briefly: " is 16 characters: 4 tokens, plus 2,000 for the question.
    assert.equal(c.inputTokens, 4 + 2_000);
    assert.equal(c.usd, (2_004 * 0.15 + 16_384 * 0.6) / 1e6);
    assert.equal(c.capped, false);
    assert.match(c.basis, /^worst case: no max_tokens, model limit 16,384; input 2,004/);
  });

  it("capped: the cap's number", async () => {
    const r = await scan({
      "src/a.ts": `import Anthropic from "@anthropic-ai/sdk";\nconst anthropic = new Anthropic();\nexport async function tag() {\n  return anthropic.messages.create({ model: "claude-haiku-4-5", max_tokens: 300, messages: [{ role: "user", content: "Name a colour." }] });\n}\n`,
    });
    const c = r.sites[0]!.cost!;
    assert.equal(c.outputTokens, 300);
    assert.equal(c.inputTokens, 4);
    assert.equal(c.capped, true);
    assert.equal(c.usd, (4 * 1 + 300 * 5) / 1e6);
  });

  it("unpriced, with why: a model chosen at run time, an image model", async () => {
    const r = await scan({
      "src/a.ts": `import OpenAI from "openai";\nconst openai = new OpenAI();\nexport async function ask(model: string) {\n  return openai.chat.completions.create({ model, messages: [{ role: "user", content: "hi" }] });\n}\nexport async function draw() {\n  return openai.images.generate({ model: "gpt-image-1", prompt: "a cat" });\n}\n`,
    });
    const [chat, image] = r.sites;
    assert.equal(chat!.cost!.usd, null);
    assert.match(chat!.cost!.basis, /^unpriced: the model is not known in code/);
    assert.equal(image!.cost!.usd, null);
    assert.match(image!.cost!.basis, /^unpriced: images, audio and moderation/);
  });
});
