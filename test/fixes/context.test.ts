/** context quick-fix: history sent as is gets `.slice(-N)`, only when the setting asks for it; type-checked and re-scanned. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { runFixCases } from "../harness/runFixCases";
import { offered } from "./support/fixOnce";

runFixCases("context", [
  { fixture: "context/openai-history-param.ts", after: "bounded", strategy: "native", safe: false, options: { historyMessages: 20 } },
  { fixture: "context/anthropic-history-shorthand.ts", after: "bounded", strategy: "native", safe: false, options: { historyMessages: 12 } },
]);

describe("context fix: behind a setting", () => {
  it("offers nothing when historyMessages is not set", async () => {
    const text = fs.readFileSync(path.resolve("test/fixtures/fixes/context/openai-history-param.ts"), "utf8");
    const titles = await offered({ "src/reply.ts": text }, "context");
    assert.deepEqual(titles, []);
  });
});
