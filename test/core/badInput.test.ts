/** Bad input through the whole scan: each case gives an error or skipped entry (or a clear throw) and the scan goes on. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { scanWorkspace } from "../../src/core/scan";
import { ScanReportSchema } from "../../src/core/report";

const GOOD = `import OpenAI from "openai";
const openai = new OpenAI();
export async function ask(q: string) {
  const r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: q }] });
  return r.choices[0].message.content;
}
`;

function workspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-bad-"));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

/** Scans, validates the report against the contract, and checks the good file's site is still found. */
async function scanWithGood(files: Record<string, string | Buffer>) {
  const dir = workspace({ "src/good.ts": GOOD, ...files });
  const report = await scanWorkspace(dir);
  ScanReportSchema.parse(report);
  assert.deepEqual(report.sites.map((s) => `${s.file}:${s.line}`), ["src/good.ts:4"], "the good file is still scanned");
  return report;
}

describe("bad input", () => {
  test("a syntax error is reported and the file's parseable part still counts", async () => {
    const r = await scanWithGood({ "src/broken.ts": "export function f( {\n  return 1 +;\n" });
    const e = r.errors.find((x) => x.file === "src/broken.ts");
    assert.ok(e, "an errors[] entry names the broken file");
    assert.match(e.message, /syntax error at line \d+/);
  });

  test("a 5 MB minified bundle is skipped as too large", async () => {
    const big = "var a=" + "1+".repeat(2_500_000) + "1;";
    const r = await scanWithGood({ "public/app.bundle-5mb.js": big });
    assert.deepEqual(r.skipped.map((s) => [s.file, s.reason]), [["public/app.bundle-5mb.js", "too-large"]]);
  });

  test("a minified file under the size limit is skipped as minified", async () => {
    const line = "var x=function(){return fetch('https://api.openai.com/v1/chat/completions',{method:'POST'})};".repeat(400);
    const r = await scanWithGood({ "static/vendor.js": line });
    assert.equal(r.skipped.find((s) => s.file === "static/vendor.js")?.reason, "minified");
  });

  test("a binary file named .js is skipped as binary", async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) % 256;
    const r = await scanWithGood({ "src/logo.js": bytes });
    assert.equal(r.skipped.find((s) => s.file === "src/logo.js")?.reason, "binary");
  });

  test("a few invalid UTF-8 bytes in a comment do not stop the file", async () => {
    const text = Buffer.concat([Buffer.from("// caf"), Buffer.from([0xe9]), Buffer.from(" menu\n" + GOOD.replace("ask", "askAgain"))]);
    const dir = workspace({ "src/latin1.ts": text });
    const r = await scanWorkspace(dir);
    assert.equal(r.sites.length, 1);
    assert.equal(r.sites[0]!.line, 5, "positions count the comment line");
  });

  test("BOM and CRLF: positions are those an editor shows", async () => {
    const crlf = "\uFEFF" + GOOD.replace(/\n/g, "\r\n");
    const dir = workspace({ "src/windows.ts": crlf });
    const r = await scanWorkspace(dir);
    assert.equal(r.sites.length, 1);
    assert.deepEqual([r.sites[0]!.line, r.sites[0]!.column], [4, 19]);
  });

  test("10,000-deep nested expressions do not overflow the stack", async () => {
    // One level a line, so the files are not taken for minified ones; importing an SDK makes the
    // detector walk and evaluate them, not only parse them.
    const head = 'import OpenAI from "openai";\nconst a = new OpenAI();\nconst f = (x: unknown) => x;\n';
    const r = await scanWithGood({
      "src/parens.ts": head + "export const x = " + "(\n".repeat(10_000) + "1" + ")".repeat(10_000) + ";\n",
      "src/calls.ts": head + "export const z = " + "f(\n".repeat(10_000) + "1" + ")".repeat(10_000) + ";\n",
      "src/chain.ts": head + "export const y = a" + "\n  .b".repeat(10_000) + "();\n",
      "src/sum.ts": head + "export const w = " + "1 +\n".repeat(10_000) + "1;\n",
    });
    assert.deepEqual(r.skipped, []);
    // The TypeScript parser itself recurses per level: where it gives up, the file gets a clear error.
    for (const e of r.errors) {
      assert.ok(["src/parens.ts", "src/calls.ts"].includes(e.file), `unexpected error in ${e.file}`);
      assert.match(e.message, /too deeply nested/);
    }
  });

  test("a symlink loop is reported and the walk ends", async () => {
    const dir = workspace({ "src/good.ts": GOOD });
    fs.symlinkSync(path.join(dir, "src"), path.join(dir, "src", "loop"), "dir");
    const r = await scanWorkspace(dir);
    assert.equal(r.sites.length, 1);
    assert.ok(r.skipped.some((s) => s.reason === "symlink-loop"), JSON.stringify(r.skipped));
  });

  test("an empty folder gives an empty, valid report", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-empty-"));
    const r = await scanWorkspace(dir);
    ScanReportSchema.parse(r);
    assert.equal(r.sites.length, 0);
    assert.equal(r.summary.files, 0);
  });

  test("a path that does not exist throws a clear one-line error", async () => {
    await assert.rejects(scanWorkspace(path.join(os.tmpdir(), "llmr-no-such-dir-" + process.pid)), /does not exist/);
  });

  test("an unreadable file is skipped (when permissions apply)", async (t) => {
    if (process.getuid?.() === 0) return t.skip("running as root: every file is readable");
    const dir = workspace({ "src/good.ts": GOOD, "src/secret.ts": GOOD });
    fs.chmodSync(path.join(dir, "src/secret.ts"), 0o000);
    const r = await scanWorkspace(dir);
    assert.equal(r.skipped.find((s) => s.file === "src/secret.ts")?.reason, "unreadable");
  });
});
