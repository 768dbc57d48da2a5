/** The incremental session: edits re-judge what they reach and give the same report as a fresh scan. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { AnalysisSession } from "../../src/core/session";
import { scanWorkspace } from "../../src/core/scan";
import type { ScanReport } from "../../src/core/types";

const CLIENT = `import OpenAI from "openai";\nexport const openai = new OpenAI();\n`;
const ASK = `import { openai } from "./client";
export async function ask(q: string) {
  const r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: q }] });
  return r.choices[0].message.content;
}
`;
const ROUTE = `import { ask } from "./ask";\nexport const handler = (q: string) => ask(q);\n`;

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-session-"));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

/** What matters of a report for comparing an updated session with a fresh scan. */
const essence = (r: ScanReport) => ({
  score: r.score,
  sites: r.sites.map((s) => ({ at: `${s.file}:${s.line}:${s.column}`, callee: s.callee, checks: Object.fromEntries(Object.entries(s.checks).map(([k, v]) => [k, v.value])) })),
});

test("an edit of the client module re-judges the sites that import it, as a fresh scan would", async () => {
  const dir = project({ "src/client.ts": CLIENT, "src/ask.ts": ASK, "src/route.ts": ROUTE });
  const session = await AnalysisSession.open(dir);
  const before = session.report();
  assert.deepEqual(before.sites.map((s) => [s.file, s.checks.timeout.value]), [["src/ask.ts", "none"], ["src/route.ts", "none"]]);

  const withTimeout = CLIENT.replace("new OpenAI()", "new OpenAI({ timeout: 20_000 })");
  const after = await session.update([{ abs: path.join(dir, "src/client.ts"), text: withTimeout }]);
  assert.deepEqual(after.sites.map((s) => [s.file, s.checks.timeout.value]), [["src/ask.ts", "explicit"], ["src/route.ts", "explicit"]]);

  fs.writeFileSync(path.join(dir, "src/client.ts"), withTimeout);
  assert.deepEqual(essence(after), essence(await scanWorkspace(dir)));
});

test("unsaved text, new files and deleted files", async () => {
  const dir = project({ "src/client.ts": CLIENT, "src/ask.ts": ASK });
  const session = await AnalysisSession.open(dir);
  assert.equal(session.report().sites.length, 1);

  // A new file that calls the wrapper becomes a site; a syntax error is reported and the rest goes on.
  let r = await session.update([
    { abs: path.join(dir, "src/route.ts"), text: ROUTE },
    { abs: path.join(dir, "src/broken.ts"), text: "export const x = (;\n" },
  ]);
  assert.deepEqual(r.sites.map((s) => `${s.file}:${s.callee}`), ["src/ask.ts:openai.chat.completions.create", "src/route.ts:ask"]);
  assert.ok(r.errors.some((e) => e.file === "src/broken.ts" && /syntax error/.test(e.message)));

  // Deleting the wrapper removes its site and its callers' (the import no longer resolves).
  r = await session.update([{ abs: path.join(dir, "src/ask.ts"), text: null }, { abs: path.join(dir, "src/broken.ts"), text: "export const x = 1;\n" }]);
  assert.deepEqual(r.sites, []);
  assert.ok(!r.errors.some((e) => e.file === "src/broken.ts"));

  // Files outside the scan or in excluded folders are ignored.
  r = await session.update([{ abs: path.join(dir, "node_modules/x/index.js"), text: ASK }]);
  assert.deepEqual(r.sites, []);
});
