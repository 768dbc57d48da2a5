/** fallback fixes: each applied to a fixture, type-checked against the real SDK typings, re-scanned (rules/docs/fallback.md "Quick fix"). */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fixesForSite } from "../../src/core/fixes";
import { DEFAULT_FIX_OPTIONS } from "../../src/core/fixes/types";
import { AnalysisSession } from "../../src/core/session";
import { FIX_FIXTURES, runFixCases, runNoFixCases } from "../harness/runFixCases";

runFixCases("fallback", [
  // Issue #11: an unannotated function returning an array: the placeholder is typed, and the title says its type could not be named.
  { fixture: "fallback/unannotated-array.ts", after: "present", strategy: "native", safe: false, expect: [/const FALLBACK_SUGGEST_TAGS: never\[\] = \[\];/, /result type could not be named/] },
  // A placeholder of the function's declared result type, returned from a new catch.
  { fixture: "fallback/openai-no-catch.ts", after: "present", strategy: "native", safe: false },
  { fixture: "fallback/ai-sdk-generate-text.ts", after: "present", strategy: "native", safe: false },
  { fixture: "fallback/google-nullable-result.ts", after: "present", strategy: "native", safe: false },
  { fixture: "fallback/bedrock-converse.ts", after: "present", strategy: "native", safe: false },
  { fixture: "fallback/raw-fetch.ts", after: "present", strategy: "native", safe: false },
  { fixture: "fallback/interface-result.ts", after: "present", strategy: "native", safe: false },
  { fixture: "fallback/class-method.ts", after: "present", strategy: "native", safe: false },
  { fixture: "fallback/concise-arrow.ts", after: "present", strategy: "native", safe: false },
  // No return type written: the placeholder's type is what the returns obviously are.
  { fixture: "fallback/langchain-unannotated.ts", after: "present", strategy: "native", safe: false },
  // JavaScript: the placeholder has no type annotation.
  { fixture: "fallback/javascript-unannotated.js", after: "present", strategy: "native", safe: false },
  // A catch that logs and rethrows keeps its log line and returns the placeholder.
  { fixture: "fallback/anthropic-logs-and-rethrows.ts", after: "present", strategy: "native", safe: false },
  // No answer to replace: log and go on, or skip the item.
  { fixture: "fallback/void-notifier.ts", after: "present", strategy: "native", safe: false },
  { fixture: "fallback/loop-over-items.ts", after: "present", strategy: "native", safe: false },
  // A stream read in a try that rethrows: the call moves into that try.
  { fixture: "fallback/stream-read-in-try-rethrow.ts", after: "present", strategy: "native", safe: false },
  // A retry loop that gives up with a throw answers with the placeholder instead.
  { fixture: "fallback/retry-loop-then-throw.ts", after: "present", strategy: "native", safe: false },
  // A wrapper that rethrows: the catch goes at the caller, where the answer is used.
  { fixture: "fallback/wrapper-rethrows/", file: "src/meetings.ts", after: "present", strategy: "native", safe: false },
  // With a fallback model in the settings: the same request with that model, in a `.catch`.
  { fixture: "fallback/openai-no-catch.ts", pick: /^Ask/, options: { fallbackModel: "gpt-4o" }, after: "present", strategy: "native", safe: false },
  { fixture: "fallback/anthropic-logs-and-rethrows.ts", pick: /^Ask/, options: { fallbackModel: "claude-3-5-haiku-latest" }, after: "present", strategy: "native", safe: false },
  { fixture: "fallback/ai-sdk-generate-text.ts", pick: /^Ask/, options: { fallbackModel: "gpt-4o" }, after: "present", strategy: "native", safe: false },
  { fixture: "fallback/google-nullable-result.ts", pick: /^Ask/, options: { fallbackModel: "gemini-2.0-flash-lite" }, after: "present", strategy: "native", safe: false },
  { fixture: "fallback/bedrock-converse.ts", pick: /^Ask/, options: { fallbackModel: "amazon.nova-lite-v1:0" }, after: "present", strategy: "native", safe: false },
]);

test("fallback fix: none offered where going on without the answer would leave a request unanswered", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-fix-"));
  try {
    fs.mkdirSync(path.join(dir, "src"));
    fs.copyFileSync(path.join(FIX_FIXTURES, "fallback/express-error-response.ts"), path.join(dir, "src/routes.ts"));
    const session = await AnalysisSession.open(dir);
    const src = { report: session.report(), checks: session.checkContext() };
    const values = src.report.sites.map((s) => s.checks.fallback.value);
    assert.deepEqual(values, ["log-only", "none"], "both handlers are findings");
    for (const site of session.sites()) assert.deepEqual(fixesForSite(src, site, DEFAULT_FIX_OPTIONS, ["fallback"]), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("fallback fix: no second model from another vendor (an Anthropic request never gets a gpt-* model)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-fix-"));
  try {
    fs.mkdirSync(path.join(dir, "src"));
    fs.copyFileSync(path.join(FIX_FIXTURES, "fallback/anthropic-logs-and-rethrows.ts"), path.join(dir, "src/retro.ts"));
    const session = await AnalysisSession.open(dir);
    const src = { report: session.report(), checks: session.checkContext() };
    const [site] = session.sites();
    const titles = (model: string) => fixesForSite(src, site!, { ...DEFAULT_FIX_OPTIONS, fallbackModel: model }, ["fallback"]).map((f) => f.title);
    assert.ok(!titles("gpt-4.1-nano").some((t) => t.startsWith("Ask")), titles("gpt-4.1-nano").join(" | "));
    assert.ok(titles("gpt-4.1-nano").length > 0, "the placeholder fix is still offered");
    assert.ok(titles("claude-haiku-4-5").some((t) => t.startsWith("Ask")), "a Claude model is asked");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Issue #11: inside unstable_cache a placeholder answer would be cached for an hour: no fallback fix there.
runNoFixCases("fallback", [{ fixture: "fallback/unstable-cache", file: "src/summary.ts", why: "inside unstable_cache" }]);
