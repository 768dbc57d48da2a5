/** usage: fixtures for every way token usage gets recorded, and for the look-alikes that record nothing. */
import { describe } from "node:test";
import usage from "../../src/core/checks/usage/check";
import { DEFAULT_CHECK_SETTINGS } from "../../src/core/checks/checkContext";
import { runCheckCases } from "../harness/runCheckCases";

const meteringHelper = { ...DEFAULT_CHECK_SETTINGS.wrappers, usage: ["withMetering"] };

describe("usage", () => {
  runCheckCases(usage, {
    valid: [
      { fixture: "usage/openai-usage-logged.ts", value: "present", evidence: "openai-usage-logged.ts:10" },
      { fixture: "usage/usage-stored-per-user.ts", value: "present", evidence: "usage-stored-per-user.ts:19" },
      { fixture: "usage/module-token-counter.ts", value: "present", evidence: "module-token-counter.ts:13" },
      { fixture: "usage/ai-sdk-destructured-usage.ts", value: "present", evidence: "ai-sdk-destructured-usage.ts:9" },
      { fixture: "usage/ai-sdk-on-finish-records.ts", value: "present", evidence: "ai-sdk-on-finish-records.ts:11" },
      { fixture: "usage/ai-sdk-usage-promise.ts", value: "present", evidence: "ai-sdk-usage-promise.ts:9" },
      { fixture: "usage/ai-sdk-telemetry.ts", value: "present", evidence: "ai-sdk-telemetry.ts:8" },
      // Telemetry options built by a helper and spread in only when tracing is set up.
      { fixture: "usage/telemetry-helper-spread/", file: "provider.ts", value: "present", evidence: "provider.ts:9" },
      // AI SDK 7 `telemetry` is on unless `isEnabled: false`.
      { fixture: "usage/telemetry-option-default-on.ts", value: "present", evidence: "telemetry-option-default-on.ts:8" },
      { fixture: "usage/gemini-usage-metadata.ts", value: "present", evidence: "gemini-usage-metadata.ts:11" },
      { fixture: "usage/stream-include-usage-read.ts", value: "present", evidence: "stream-include-usage-read.ts:13" },
      { fixture: "usage/langfuse-observe-openai.ts", value: "present", evidence: "langfuse-observe-openai.ts:4" },
      { fixture: "usage/traceable-function.ts", value: "present", evidence: "traceable-function.ts:6" },
      { fixture: "usage/traceable-named-function.ts", value: "present", evidence: "traceable-named-function.ts:14" },
      { fixture: "usage/helicone-base-url.ts", value: "present", evidence: "helicone-base-url.ts:4" },
      { fixture: "usage/helicone-header-only.ts", value: "present", evidence: "helicone-header-only.ts:5" },
      { fixture: "usage/langfuse-langchain-handler.ts", value: "present", evidence: "langfuse-langchain-handler.ts:6" },
      { fixture: "usage/usage-callback-handler/", value: "present", evidence: "usage.ts:14" },
      { fixture: "usage/langchain-usage-metadata.ts", value: "present", evidence: "langchain-usage-metadata.ts:7" },
      { fixture: "usage/raw-fetch-usage.ts", value: "present", evidence: "raw-fetch-usage.ts:13" },
      { fixture: "usage/fetch-inside-p-retry.ts", value: "present", evidence: "fetch-inside-p-retry.ts:21" },
      { fixture: "usage/ollama-eval-count.ts", value: "present", evidence: "ollama-eval-count.ts:10" },
      { fixture: "usage/bedrock-converse-usage.ts", value: "present", evidence: "bedrock-converse-usage.ts:12" },
      { fixture: "usage/usage-helper-function.ts", value: "present", evidence: "usage-helper-function.ts:6" },
      { fixture: "usage/openllmetry-initialize/", value: "present", evidence: "instrumentation.ts:4" },
      { fixture: "usage/returned-to-caller-that-logs/", file: "complete.ts", value: "present", evidence: "digest.ts:5" },
      { fixture: "usage/returned-to-caller-that-logs/", file: "digest.ts", value: "present", evidence: "digest.ts:5" },
      { fixture: "usage/wrapper-logs-usage/", file: "routes.ts", value: "present", evidence: "llm.ts:10" },
      // Token counts summed into a local of the helper and returned under its name; the caller meters the sum.
      { fixture: "usage/batch-tokens-returned-summed/", line: 13, value: "present", evidence: "embed.ts:29" },
      { fixture: "usage/batch-tokens-returned-summed/", line: 25, value: "present", evidence: "embed.ts:29" },
      { fixture: "usage/configured-usage-helper.ts", value: "present", settings: { wrappers: meteringHelper }, evidence: "configured-usage-helper.ts:7" },
    ],
    invalid: [
      { fixture: "usage/no-usage-read.ts", value: "none" },
      { fixture: "usage/usage-compared-only.ts", value: "none" },
      { fixture: "usage/on-finish-ignores-usage.ts", value: "none" },
      { fixture: "usage/telemetry-disabled.ts", value: "none" },
      // `experimental_telemetry` without `isEnabled` stays off in the AI SDK versions that have only that name.
      { fixture: "usage/telemetry-experimental-no-enable.ts", value: "none" },
      { fixture: "usage/request-counter-only.ts", value: "none" },
      { fixture: "usage/tracing-from-env-only.ts", value: "none" },
      { fixture: "usage/traceable-wraps-parser-only.ts", value: "none" },
      { fixture: "usage/answer-fed-to-second-call.ts", value: "none", line: 6 },
      { fixture: "usage/answer-fed-to-second-call.ts", value: "present", line: 11 },
      { fixture: "usage/stream-include-usage-unread.ts", value: "none" },
      { fixture: "usage/embedding-usage-ignored.ts", value: "none" },
      { fixture: "usage/instrumentation-other-provider/", value: "none" },
      { fixture: "usage/returned-usage-ignored/", file: "complete.ts", value: "none" },
      { fixture: "usage/returned-usage-ignored/", file: "digest.ts", value: "none" },
      { fixture: "usage/batch-tokens-returned-ignored/", line: 10, value: "none" },
      { fixture: "usage/batch-tokens-returned-ignored/", line: 18, value: "none" },
      { fixture: "usage/configured-usage-helper.ts", value: "none" },
    ],
  });
});
