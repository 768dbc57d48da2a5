/** fallback: degraded paths (defaults, other models, skipped items, fallback helpers), catches that only log or rethrow, and calls nothing catches. */
import { describe } from "node:test";
import fallback from "../../src/core/checks/fallback/check";
import { runCheckCases } from "../harness/runCheckCases";

const named = { wrappers: { retry: [], timeout: [], fallback: ["withDefault"], usage: [] } };

describe("fallback", () => {
  runCheckCases(fallback, {
    valid: [
      { fixture: "fallback/catch-returns-default.ts", value: "present", evidence: "catch-returns-default.ts:13" },
      { fixture: "fallback/catch-calls-another-provider.ts", line: 9, value: "present", evidence: "catch-calls-another-provider.ts:11" },
      { fixture: "fallback/promise-catch-default.ts", value: "present", evidence: "promise-catch-default.ts:5" },
      { fixture: "fallback/loop-catch-skips-item.ts", value: "present", evidence: "loop-catch-skips-item.ts:10" },
      { fixture: "fallback/catch-logs-and-goes-on.ts", value: "present" },
      { fixture: "fallback/with-fallbacks.ts", value: "present", evidence: "with-fallbacks.ts:5" },
      { fixture: "fallback/model-list-loop.ts", value: "present" },
      { fixture: "fallback/cockatiel-fallback-policy.ts", value: "present", evidence: "cockatiel-fallback-policy.ts:8" },
      { fixture: "fallback/ai-fallback-model.ts", value: "present", evidence: "ai-fallback-model.ts:12" },
      { fixture: "fallback/opossum-breaker-fallback.ts", value: "present", evidence: "opossum-breaker-fallback.ts:6" },
      { fixture: "fallback/promise-all-settled.ts", value: "present", evidence: "promise-all-settled.ts:6" },
      { fixture: "fallback/degraded-answer-response.ts", value: "present" },
      { fixture: "fallback/helper-returns-fallback/", file: "headline.ts", value: "present", evidence: "headline.ts:7" },
      { fixture: "fallback/configured-fallback-helper.ts", value: "present", settings: named },
      { fixture: "fallback/wrapper-returns-default/", file: "page.ts", value: "present", evidence: "translate.ts:12" },
      { fixture: "fallback/caller-catch-default/", file: "app.ts", value: "present", evidence: "app.ts:8" },
      { fixture: "fallback/next-model-continue.ts", value: "present", evidence: "next-model-continue.ts:11" },
      // A neutral score that carries the error as metadata; a model cascade that keeps the last error for the end.
      { fixture: "fallback/neutral-score-with-error-metadata.ts", value: "present" },
      { fixture: "fallback/model-cascade-keeps-last-error.ts", value: "present" },
      // A try that also reads the stream sees its failure.
      { fixture: "fallback/stream-start-awaited-in-try.ts", value: "present", evidence: "stream-start-awaited-in-try.ts:10" },
      // A role loop whose catch throws only for one error and otherwise goes on to the next role.
      { fixture: "fallback/role-loop-conditional-throw.ts", value: "present", evidence: "role-loop-conditional-throw.ts:12" },
      // A generic HTTP helper that fails over to the next server: better than the caller's error reply.
      { fixture: "fallback/server-failover-helper/", file: "command.ts", value: "present", evidence: "render.ts:14" },
      { fixture: "fallback/stream-dispatch-by-name/", file: "runner.ts", line: 18, value: "present", evidence: "runner.ts:10" },
    ],
    invalid: [
      { fixture: "fallback/try-returns-unawaited-promise.ts", value: "none" },
      { fixture: "fallback/no-catch.ts", value: "none" },
      { fixture: "fallback/configured-fallback-helper.ts", value: "none" },
      { fixture: "fallback/catch-around-parse-only.ts", value: "none" },
      { fixture: "fallback/call-inside-catch.ts", line: 12, value: "none" },
      { fixture: "fallback/main-catch-outside-function.ts", value: "none" },
      { fixture: "fallback/caller-catch-default/", file: "recipes.ts", value: "none" },
      { fixture: "fallback/catch-logs-and-rethrows.ts", value: "log-only", evidence: "catch-logs-and-rethrows.ts:9" },
      { fixture: "fallback/catch-http-error-response.ts", value: "log-only", evidence: "catch-http-error-response.ts:11" },
      { fixture: "fallback/catch-returns-error-object.ts", value: "log-only" },
      { fixture: "fallback/stream-error-chunk.ts", value: "log-only" },
      // A repair callback spread into the options of a call is run by that call: its handling (another model) counts.
      { fixture: "fallback/repair-callback-spread-into-options.ts", line: 11, value: "present", evidence: "repair-callback-spread-into-options.ts:24" },
      { fixture: "fallback/retry-loop-then-throw.ts", value: "log-only" },
      // A loop over settings none of which reaches the request sends it again: retries that give up, not a failover.
      { fixture: "fallback/settings-loop-then-throw.ts", value: "log-only" },
      { fixture: "fallback/express-next-err.ts", value: "log-only" },
      { fixture: "fallback/stream-read-in-try-rethrow.ts", value: "log-only", evidence: "stream-read-in-try-rethrow.ts:13" },
      { fixture: "fallback/wrapper-rethrows/", file: "worker.ts", value: "log-only", evidence: "summarize.ts:11" },
      // A retry helper whose catch goes round again and rethrows the last error is retry, not fallback.
      { fixture: "fallback/retry-helper-continue/", file: "embed.ts", value: "none" },
      // streamText returns before the request fails: the try around it never sees the failure; onError is the channel.
      { fixture: "fallback/stream-start-try-blind.ts", value: "none" },
      // An error result: a verdict whose reason is the error message.
      { fixture: "fallback/error-verdict-object.ts", value: "log-only" },
      { fixture: "fallback/stream-start-on-error-logs.ts", value: "log-only", evidence: "stream-start-on-error-logs.ts:8" },
      // A generic SSE helper: its catch around a chunk's parse and the `.catch` on other work never see the request fail; its onerror only reports.
      { fixture: "fallback/sse-helper-parse-catch/", file: "client.ts", value: "log-only", evidence: "sse.ts:26" },
      // The answer is a helper's, and the helper handles only a malformed answer and rethrows every other error.
      { fixture: "fallback/recover-helper-parse-only.ts", value: "log-only", evidence: "recover-helper-parse-only.ts:21" },
      // A retry loop's catch: placeholders filled in before giving up with the error, and a return only for a 402.
      { fixture: "fallback/retry-loop-placeholders-then-throw.ts", value: "log-only" },
      // A closure whose `.catch` tries it again text-only for a rejected input only, rethrowing the rest; the second use is the attempt itself.
      { fixture: "fallback/closure-degraded-attempt-in-catch.ts", line: 8, value: "log-only", evidence: "closure-degraded-attempt-in-catch.ts:10" },
      // The model loop's catch never sees a stream's failure: the wrapper dispatches "streamText" by name.
      { fixture: "fallback/stream-dispatch-by-name/", file: "runner.ts", line: 22, value: "none" },
    ],
  });
});
