/** timeout: fixtures for every place a deadline can be set, and for the look-alikes that are not one. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import timeout from "../../src/core/checks/timeout/check";
import { evaluateFixture, runCheckCases } from "../harness/runCheckCases";

describe("timeout", () => {
  runCheckCases(timeout, {
    valid: [
      { fixture: "timeout/openai-request-timeout.ts", value: "explicit", evidence: "openai-request-timeout.ts:11" },
      { fixture: "timeout/anthropic-client-in-other-file/", value: "explicit", evidence: "client.ts:3" },
      { fixture: "timeout/ai-sdk-abort-signal-timeout.ts", value: "explicit", evidence: "ai-sdk-abort-signal-timeout.ts:7" },
      { fixture: "timeout/options-spread-from-constant.ts", value: "explicit", evidence: "options-spread-from-constant.ts:3" },
      { fixture: "timeout/with-options-timeout.ts", value: "explicit" },
      { fixture: "timeout/timeout-from-env.ts", value: "explicit", evidence: "timeout-from-env.ts:3" },
      { fixture: "timeout/google-http-options-timeout.ts", value: "explicit" },
      { fixture: "timeout/google-request-abort-signal.ts", value: "explicit", evidence: "google-request-abort-signal.ts:9" },
      { fixture: "timeout/bedrock-request-handler.ts", value: "explicit", evidence: "bedrock-request-handler.ts:5" },
      { fixture: "timeout/langchain-call-option-timeout.ts", value: "explicit" },
      { fixture: "timeout/langchain-constructor-timeout.ts", value: "explicit" },
      { fixture: "timeout/controller-aborted-by-timer.ts", value: "explicit", evidence: "controller-aborted-by-timer.ts:7" },
      { fixture: "timeout/abort-signal-any.ts", value: "explicit" },
      { fixture: "timeout/promise-race-with-timer.ts", value: "explicit" },
      { fixture: "timeout/inside-p-timeout.ts", value: "explicit" },
      { fixture: "timeout/opossum-breaker-timeout.ts", value: "explicit", evidence: "opossum-breaker-timeout.ts:6" },
      { fixture: "timeout/cockatiel-timeout-policy.ts", value: "explicit" },
      { fixture: "timeout/workspace-timeout-helper/", value: "explicit", evidence: "titles.ts:7" },
      { fixture: "timeout/caller-passes-timer-signal/", file: "digest.ts", value: "explicit", evidence: "digest.ts:4" },
      { fixture: "timeout/fetch-abort-signal-timeout.ts", value: "explicit" },
      { fixture: "timeout/axios-timeout.ts", value: "explicit" },
      { fixture: "timeout/axios-instance-default-export/", file: "rerank.ts", value: "explicit", evidence: "http.ts:7" },
      // A controller handed to an SSE helper: armed by a timer in the helper, or by the caller that owns it.
      { fixture: "timeout/sse-helper-arms-controller/", file: "chat.ts", value: "explicit", evidence: "sse.ts:5" },
      { fixture: "timeout/controller-armed-by-caller/", file: "chat.ts", line: 7, value: "explicit", evidence: "chat.ts:5" },
      // A fetch helper that builds an https.Agent from options a settings helper returns, with a socket timeout.
      { fixture: "timeout/agent-timeout-in-fetch-helper/", file: "provider.ts", value: "explicit", evidence: "agent.ts:11" },
      { fixture: "timeout/https-request-timeout.ts", value: "explicit", evidence: "https-request-timeout.ts:19" },
      { fixture: "timeout/ollama-custom-fetch.ts", value: "explicit" },
      { fixture: "timeout/configured-timeout-wrapper.ts", value: "explicit", settings: { wrappers: { timeout: ["guarded"], retry: [], fallback: [], usage: [] } } },
      { fixture: "timeout/streaming-total-timeout.ts", value: "explicit" },
      { fixture: "timeout/ai-sdk-stream-chunk-timeout.ts", value: "explicit" },
      { fixture: "timeout/client-parameter-from-caller/", file: "summarize.ts", value: "explicit", evidence: "jobs.ts:4" },
      { fixture: "timeout/client-parameter-from-caller/", file: "jobs.ts", value: "explicit" },
      { fixture: "timeout/lazy-singleton-client.ts", value: "explicit", evidence: "lazy-singleton-client.ts:6" },
    ],
    invalid: [
      { fixture: "timeout/openai-sdk-default-only.ts", value: "none", evidence: "openai-sdk-default-only.ts:3" },
      { fixture: "timeout/gemini-no-default.ts", value: "none" },
      { fixture: "timeout/signal-from-cancel-button.ts", value: "none", evidence: "signal-from-cancel-button.ts:10" },
      { fixture: "timeout/ai-sdk-request-signal-only.ts", value: "none" },
      { fixture: "timeout/axios-timeout-zero.ts", value: "none" },
      { fixture: "timeout/fallback-model-timeout-only.ts", value: "none" },
      { fixture: "timeout/raw-fetch-no-signal.ts", value: "none" },
      { fixture: "timeout/race-without-timer.ts", value: "none" },
      { fixture: "timeout/configured-timeout-wrapper.ts", value: "none" },
      { fixture: "timeout/caller-passes-timer-signal/", file: "llm.ts", value: "none" },
      { fixture: "timeout/controller-armed-by-caller/", file: "chat.ts", line: 14, value: "none" },
      { fixture: "timeout/agent-without-timeout/", value: "none" },
      { fixture: "timeout/client-parameter-no-caller.ts", value: "unknown" },
    ],
  });

  // CHECKS.md: a stream needs a chunk or inactivity bound; a total alone passes, with a note saying so.
  test("timeout: a stream bounded only by a total timeout says so in its note", async () => {
    const { outcome } = await evaluateFixture(timeout, { fixture: "timeout/streaming-total-timeout.ts", value: "explicit" });
    assert.match(outcome.note ?? "", /only a total timeout/);
  });
  test("timeout: a per-chunk bound leaves no streaming note", async () => {
    const { outcome } = await evaluateFixture(timeout, { fixture: "timeout/ai-sdk-stream-chunk-timeout.ts", value: "explicit" });
    assert.doesNotMatch(outcome.note ?? "", /only a total timeout/);
  });
  test("timeout: the note of a client without a default timeout says the request can hang forever", async () => {
    const { outcome } = await evaluateFixture(timeout, { fixture: "timeout/gemini-no-default.ts", value: "none" });
    assert.match(outcome.note ?? "", /hang forever/);
  });
});
