/** retry: fixtures for SDK options and defaults, retry libraries, loops and helpers, and what is not a retry. */
import { describe } from "node:test";
import retry from "../../src/core/checks/retry/check";
import { runCheckCases } from "../harness/runCheckCases";

describe("retry", () => {
  runCheckCases(retry, {
    valid: [
      { fixture: "retry/openai-max-retries.ts", value: "explicit", evidence: "openai-max-retries.ts:3" },
      { fixture: "retry/openai-sdk-default.ts", value: "sdk-default", evidence: "openai-sdk-default.ts:3" },
      { fixture: "retry/inside-p-retry.ts", value: "explicit" },
      { fixture: "retry/inside-async-retry.ts", value: "explicit", evidence: "inside-async-retry.ts:8" },
      { fixture: "retry/exponential-backoff.ts", value: "explicit" },
      { fixture: "retry/cockatiel-policy.ts", value: "explicit", evidence: "cockatiel-policy.ts:8" },
      { fixture: "retry/hand-written-retry-loop.ts", value: "explicit", evidence: "hand-written-retry-loop.ts:7" },
      { fixture: "retry/status-retry-loop-with-continue.ts", value: "explicit" },
      { fixture: "retry/retry-by-recursion.ts", line: 7, value: "explicit", evidence: "retry-by-recursion.ts:15" },
      // Recursion counted by an option that defaults to 0: the inner call and the caller that passes a count retry.
      { fixture: "retry/recursion-count-option/", file: "structured.ts", line: 15, value: "explicit", evidence: "structured.ts:20" },
      { fixture: "retry/recursion-count-option/", file: "tasks.ts", line: 9, value: "explicit", evidence: "tasks.ts:9" },
      { fixture: "retry/workspace-retry-helper/", value: "explicit", evidence: "translate.ts:7" },
      { fixture: "retry/langchain-with-retry.ts", value: "explicit", evidence: "langchain-with-retry.ts:4" },
      { fixture: "retry/langchain-default-retries.ts", value: "sdk-default" },
      { fixture: "retry/google-retry-options.ts", value: "explicit" },
      { fixture: "retry/bedrock-max-attempts.ts", value: "explicit" },
      { fixture: "retry/bedrock-default-attempts.ts", value: "sdk-default" },
      { fixture: "retry/ai-retry-model.ts", value: "explicit" },
      { fixture: "retry/caller-passes-max-retries/", file: "report.ts", value: "explicit", evidence: "report.ts:5" },
      { fixture: "retry/configured-retry-wrapper.ts", value: "explicit", settings: { wrappers: { retry: ["resilient"], timeout: [], fallback: [], usage: [] } } },
      { fixture: "retry/got-retry-post.ts", value: "explicit" },
      { fixture: "retry/failover-loop-over-models.ts", value: "sdk-default" },
      { fixture: "retry/batch-loop-is-not-retry.ts", value: "sdk-default" },
      { fixture: "retry/queue-loop-is-not-retry.ts", value: "sdk-default" },
      { fixture: "retry/while-loop-retry.ts", value: "explicit" },
      // Each site is judged where it stands: a retry in the caller of a method that holds the request counts for that call, not the request.
      { fixture: "retry/base-class-retries-subclass/", file: "openaiEmbedder.ts", value: "sdk-default" },
      { fixture: "retry/helper-method-in-retry-loop/", file: "summarizer.ts", line: 7, value: "sdk-default" },
      // A loop over settings none of which reaches the request sends the same request again: a retry.
      { fixture: "retry/same-request-per-setting.ts", value: "explicit", evidence: "same-request-per-setting.ts:8" },
      // A retry loop around a stream-starting call sees request failures only when it awaits the stream.
      { fixture: "retry/stream-started-in-retry-loop.ts", value: "sdk-default" },
      { fixture: "retry/stream-awaited-in-retry-loop.ts", value: "explicit", evidence: "stream-awaited-in-retry-loop.ts:5" },
      { fixture: "retry/stream-dispatched-by-name/", file: "service.ts", line: 17, value: "explicit", evidence: "service.ts:6" },
      { fixture: "retry/stream-dispatched-by-name/", file: "service.ts", line: 21, value: "sdk-default" },
      { fixture: "retry/helper-method-in-retry-loop/", file: "summarizer.ts", line: 15, value: "explicit", evidence: "summarizer.ts:13" },
    ],
    invalid: [
      // The caller that passes no count gets no retry from the recursion; the request turns SDK retries off.
      { fixture: "retry/recursion-count-option/", file: "tasks.ts", line: 13, value: "none" },
      { fixture: "retry/max-retries-zero.ts", value: "none", evidence: "max-retries-zero.ts:3" },
      { fixture: "retry/request-overrides-client.ts", value: "none", evidence: "request-overrides-client.ts:8" },
      { fixture: "retry/gemini-no-retry-options.ts", value: "none" },
      { fixture: "retry/bedrock-single-attempt.ts", value: "none" },
      { fixture: "retry/with-fallbacks-is-not-retry.ts", value: "none" },
      { fixture: "retry/configured-retry-wrapper.ts", value: "none" },
      { fixture: "retry/raw-fetch-no-retry.ts", value: "none" },
      { fixture: "retry/agent-loop-is-not-retry.ts", value: "none" },
      { fixture: "retry/client-parameter-no-caller.ts", value: "unknown" },
    ],
  });
});
