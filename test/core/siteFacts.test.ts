/** siteFacts: the callee's end and the request's defaults, on the sample workspace's sites. */
import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { buildReport } from "../../src/core/buildReport";
import { analyzeWorkspace } from "../../src/core/scan";
import { withSiteFacts } from "../../src/core/siteFacts";

const SAMPLE = path.resolve("test/workspaces/sample");

describe("withSiteFacts", async () => {
  const analysis = await analyzeWorkspace(SAMPLE);
  const report = withSiteFacts(buildReport(SAMPLE, analysis), analysis.sites, analysis.catalog);
  const at = (file: string, line: number) => report.sites.find((s) => s.file === file && s.line === line)!;

  it("ends the callee before the arguments", () => {
    // `await anthropic.messages.create({` at 15:26: the callee is 25 characters.
    assert.deepEqual(at("src/lib/summarize.ts", 15).calleeEnd, { line: 15, column: 51 });
    assert.deepEqual(at("src/routes/tickets.ts", 43).calleeEnd, { line: 43, column: 44 });
  });

  it("gives an SDK call its SDK's defaults", () => {
    const { options, ...defaults } = at("src/lib/summarize.ts", 15).defaults!;
    assert.deepEqual(defaults, { sender: "Anthropic", provider: "Anthropic", timeoutMs: 600_000, maxRetries: 2 });
    assert.deepEqual(options?.timeout, [{ name: "timeout", on: "request" }, { name: "timeout", on: "client" }]);
    assert.equal(options?.signal, "signal");
  });

  it("gives raw HTTP no default timeout and no retries, naming the call and the provider", () => {
    const { options, ...defaults } = at("src/lib/translate.ts", 3).defaults!;
    assert.deepEqual(defaults, { sender: "`fetch`", provider: "OpenAI", timeoutMs: null, maxRetries: 0 });
    assert.deepEqual(options, { timeout: [], signal: "signal", retry: [] });
  });

  it("names the options that apply to the call's method: `abortSignal` for the AI SDK's generateObject", () => {
    const options = at("src/lib/classify.ts", 13).defaults?.options;
    assert.deepEqual(options, { timeout: [], signal: "abortSignal", retry: [{ name: "maxRetries", on: "request" }], noClient: true });
  });

  it("names the vendor, not a multi-vendor SDK, as the provider: the AI SDK with @ai-sdk/openai is OpenAI", () => {
    const d = at("src/lib/classify.ts", 13).defaults!;
    assert.equal(d.sender, "Vercel AI SDK");
    assert.equal(d.provider, "OpenAI");
  });

  it("gives a wrapper call the defaults of the request it reaches", () => {
    assert.deepEqual(at("src/routes/answer.ts", 62).defaults, at("src/lib/translate.ts", 3).defaults);
    assert.equal(at("src/routes/tickets.ts", 43).defaults?.sender, "Anthropic");
  });

  it("covers every site", () => {
    for (const s of report.sites) assert.ok(s.calleeEnd && s.defaults, `${s.file}:${s.line}`);
  });
});
