/** Finding identities: the same under inserted lines, reformatting and moved functions; new when the value or the target changes. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { scanWorkspace } from "../../src/core/scan";
import { scopeOf } from "../../src/core/scopePath";
import { parseSource } from "../../src/core/project";
import ts from "typescript";

const CLIENT = `import OpenAI from "openai";

export const openai = new OpenAI({ timeout: 20_000 });
`;

const CHAT = `import { openai } from "./client";

export async function summarize(text: string) {
  const res = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: text }] });
  return res.choices[0].message.content;
}

export class Support {
  async reply(question: string) {
    const first = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: question }] });
    const second = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: question }] });
    return [first.choices[0].message.content, second.choices[0].message.content];
  }
}
`;

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-fingerprint-"));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

/** `scope#line → fingerprint of each finding`, and the site fingerprints, of a scan of the two files. */
async function prints(chat: string, client = CLIENT) {
  const dir = project({ "src/client.ts": client, "src/chat.ts": chat });
  try {
    const report = await scanWorkspace(dir);
    const sites = report.sites.filter((s) => s.file === "src/chat.ts");
    assert.equal(sites.length, 3, "the three calls are found (the test cannot pass on nothing)");
    return {
      scopes: sites.map((s) => s.scope),
      sites: sites.map((s) => s.fingerprint),
      findings: sites.map((s) => s.fingerprints),
      lines: sites.map((s) => s.line),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("fingerprints", async () => {
  const base = await prints(CHAT);

  it("name the scopes around each call and tell the two calls of one method apart", () => {
    assert.deepEqual(base.scopes, ["summarize", "Support.reply", "Support.reply"]);
    assert.equal(new Set(base.sites).size, 3);
    for (const f of base.findings) assert.match(f?.timeout ?? "", /^[0-9a-f]{16}$/);
  });

  it("stay the same when lines are inserted above", async () => {
    const moved = await prints(`// a header comment\n// and another\n\nimport { z } from "zod";\n${CHAT}`);
    assert.notDeepEqual(moved.lines, base.lines);
    assert.deepEqual(moved.sites, base.sites);
    assert.deepEqual(moved.findings, base.findings);
  });

  it("stay the same when the call is reformatted over several lines", async () => {
    const reformatted = CHAT.replace(
      `openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: text }] })`,
      `openai.chat\n    .completions\n    .create({\n      model: "gpt-4o-mini",\n      messages: [{ role: "user", content: text }],\n    })`,
    );
    assert.notEqual(reformatted, CHAT);
    const r = await prints(reformatted);
    assert.deepEqual(r.findings, base.findings);
  });

  it("stay the same when a function moves within its file", async () => {
    const [head, rest] = CHAT.split("export async function summarize");
    const [fn, cls] = rest!.split("export class Support");
    const swapped = `${head}export class Support${cls}\nexport async function summarize${fn}`;
    const r = await prints(swapped);
    assert.deepEqual(r.scopes, ["Support.reply", "Support.reply", "summarize"]);
    assert.deepEqual(r.findings, [base.findings[1], base.findings[2], base.findings[0]]);
  });

  it("change when the check's value changes", async () => {
    const r = await prints(CHAT, CLIENT.replace("{ timeout: 20_000 }", ""));
    assert.deepEqual(r.sites, base.sites, "the sites are the same");
    for (let i = 0; i < 3; i++) {
      assert.notEqual(r.findings[i]?.timeout, base.findings[i]?.timeout, "timeout went from explicit to none");
      assert.equal(r.findings[i]?.retry, base.findings[i]?.retry, "retry did not change");
    }
  });

  it("change when the call's target changes", async () => {
    const r = await prints(CHAT.replace("openai.chat.completions.create({ model: \"gpt-4o-mini\", messages: [{ role: \"user\", content: text }] })", "openai.responses.create({ model: \"gpt-4o-mini\", input: text })"));
    assert.notEqual(r.sites[0], base.sites[0]);
    assert.deepEqual(r.sites.slice(1), base.sites.slice(1));
  });

  it("change when the function is renamed (the scope is part of the identity)", async () => {
    const r = await prints(CHAT.replace("async reply(", "async answer("));
    assert.equal(r.sites[0], base.sites[0]);
    assert.notEqual(r.sites[1], base.sites[1]);
  });
});

describe("scope paths", () => {
  const scopeAt = (code: string, marker = "openai.") => {
    const sf = parseSource("/x.ts", code);
    let found: ts.Node | undefined;
    const visit = (n: ts.Node) => {
      if (!found && ts.isCallExpression(n) && n.expression.getText(sf).startsWith(marker)) found = n;
      ts.forEachChild(n, visit);
    };
    visit(sf);
    assert.ok(found, "the call is in the code");
    return scopeOf(found, sf);
  };

  it("names anonymous functions by what they are bound or passed to, not by the variables of values", () => {
    assert.equal(scopeAt(`const r = await openai.x();`), "<module>");
    assert.equal(scopeAt(`export const handler = async (q) => { const out = { data: await openai.x(q) }; return out; };`), "handler");
    assert.equal(scopeAt(`app.post("/api/chat", async (req, res) => { res.json(await openai.x()); });`), `app.post("/api/chat")`);
    assert.equal(scopeAt(`export const routes = { chat: async () => openai.x(), ping() { return 1; } };`), "routes.chat");
    assert.equal(scopeAt(`export const tools = { async run() { return openai.x(); } };`), "tools.run");
    assert.equal(scopeAt(`export default async function (req) { return openai.x(); }`), "default");
    assert.equal(scopeAt(`(async () => { await openai.x(); })();`), "<anonymous>");
    assert.equal(scopeAt(`export default async (req) => openai.x();`), "default");
    assert.equal(scopeAt(`class A { private client = new X(); constructor() { openai.x(); } }`), "A.constructor");
    assert.equal(scopeAt(`module.exports.ask = function () { return openai.x(); };`), "module.exports.ask");
    assert.equal(scopeAt(`namespace Bot { export function ask() { return openai.x(); } }`), "Bot.ask");
  });
});
