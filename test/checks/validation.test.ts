/** validation: structured outputs and schema checks, guarded parses, text use, unchecked data, non-text outputs, and wrappers. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import validation from "../../src/core/checks/validation/check";
import { evaluateFixture, runCheckCases } from "../harness/runCheckCases";

describe("validation", () => {
  runCheckCases(validation, {
    valid: [
      { fixture: "validation/openai-zod-response-format.ts", value: "schema", evidence: "openai-zod-response-format.ts:13" },
      { fixture: "validation/openai-json-schema-response-format.ts", value: "schema", evidence: "openai-json-schema-response-format.ts:11" },
      { fixture: "validation/responses-zod-text-format.ts", value: "schema", evidence: "responses-zod-text-format.ts:12" },
      { fixture: "validation/ai-sdk-generate-object.ts", value: "schema", evidence: "ai-sdk-generate-object.ts:8" },
      // Schemas travel: a config variable with a conditional spread, a helper returning Output.object, a schema a wrapper forwards.
      { fixture: "validation/schema-in-config-variable.ts", value: "schema", evidence: "schema-in-config-variable.ts:9" },
      { fixture: "validation/output-object-helper.ts", value: "schema" },
      { fixture: "validation/schema-forwarded-by-wrapper/", file: "summary.ts", value: "schema" },
      // A request inside a repair callback: what it returns goes back through the SDK's schema check.
      { fixture: "validation/repair-callback-request.ts", line: 13, value: "schema", evidence: "repair-callback-request.ts:12" },
      { fixture: "validation/ai-sdk-tools-input-schema.ts", value: "schema", evidence: "ai-sdk-tools-input-schema.ts:7" },
      { fixture: "validation/gemini-response-schema.ts", value: "schema", evidence: "gemini-response-schema.ts:11" },
      { fixture: "validation/langchain-with-structured-output.ts", value: "schema", evidence: "langchain-with-structured-output.ts:7" },
      { fixture: "validation/zod-safe-parse-after-json-parse.ts", value: "schema", evidence: "zod-safe-parse-after-json-parse.ts:14" },
      { fixture: "validation/anthropic-tool-input-safe-parse.ts", value: "schema", evidence: "anthropic-tool-input-safe-parse.ts:22" },
      { fixture: "validation/ajv-validate.ts", value: "schema", evidence: "ajv-validate.ts:20" },
      { fixture: "validation/schema-checking-wrapper/", file: "publish.ts", value: "schema", evidence: "llm.ts:13" },
      { fixture: "validation/json-parse-in-try.ts", value: "guarded-parse", evidence: "json-parse-in-try.ts:12" },
      { fixture: "validation/json-parse-shape-check.ts", value: "guarded-parse", evidence: "json-parse-shape-check.ts:11" },
      { fixture: "validation/tool-args-parse-in-try.ts", value: "guarded-parse" },
      { fixture: "validation/caller-catches-wrapper-parse/", file: "tickets.ts", value: "guarded-parse", evidence: "tickets.ts:4" },
      // The answer parsed into a number or parts under a guard (isNaN, a fallback, a presence check), here or in a helper.
      { fixture: "validation/score-parsed-with-default.ts", value: "guarded-parse", evidence: "score-parsed-with-default.ts:14" },
      { fixture: "validation/tags-parsed-in-helper.ts", value: "guarded-parse", evidence: "tags-parsed-in-helper.ts:11" },
      { fixture: "validation/text-split-for-display.ts", line: 7, value: "text" },
      { fixture: "validation/text-split-for-display.ts", line: 17, value: "text" },
      { fixture: "validation/tag-extracted-as-text.ts", value: "text" },
      // A runner that calls `provider[serviceType](params)`: the method named at the call decides.
      { fixture: "validation/service-dispatched-by-name/", file: "services.ts", line: 12, value: "text" },
      { fixture: "validation/service-dispatched-by-name/", file: "services.ts", line: 16, value: "schema", evidence: "provider.ts:18" },
      // The schema travels inside an options object (`let schema = options.schema`).
      { fixture: "validation/schema-in-options-object/", file: "pages.ts", line: 11, value: "schema", evidence: "complete.ts:18" },
      { fixture: "validation/text-returned.ts", value: "text" },
      { fixture: "validation/streamed-text.ts", value: "text" },
      { fixture: "validation/transcription-as-text.ts", value: "text" },
      { fixture: "validation/invoke-model-envelope.ts", value: "text" },
      { fixture: "validation/tools-wrapper-caller-text/", file: "bot.ts", value: "text" },
      { fixture: "validation/tools-wrapper-caller-text/", file: "llm.ts", value: "schema" },
      { fixture: "validation/embedding.ts", value: "n/a" },
      { fixture: "validation/image-generation.ts", value: "n/a" },
      // A generic InvokeModel to a model chosen at run time: helpers named for embeddings, or a rerank body.
      { fixture: "validation/invoke-model-embedding-helpers.ts", value: "n/a", evidence: "invoke-model-embedding-helpers.ts:19" },
      { fixture: "validation/invoke-model-rerank-body.ts", value: "guarded-parse" },
      // A URL chosen at run time between a chat and an image path sends chat requests: judged as chat.
      { fixture: "validation/chat-or-image-path.ts", value: "text" },
      { fixture: "validation/sse-helper-tools-in-try/", file: "assistant.ts", value: "guarded-parse", evidence: "sse.ts:21" },
    ],
    invalid: [
      { fixture: "validation/bare-json-parse.ts", value: "unchecked", evidence: "bare-json-parse.ts:15" },
      { fixture: "validation/json-parse-field-access.ts", value: "unchecked", evidence: "json-parse-field-access.ts:7" },
      { fixture: "validation/tool-call-arguments-bare.ts", value: "unchecked", evidence: "tool-call-arguments-bare.ts:12" },
      { fixture: "validation/langchain-tool-args-returned.ts", value: "unchecked", evidence: "langchain-tool-args-returned.ts:10" },
      { fixture: "validation/langchain-json-output-parser.ts", value: "unchecked", evidence: "langchain-json-output-parser.ts:6" },
      { fixture: "validation/wrapper-bare-parse/", file: "routes.ts", value: "unchecked", evidence: "llm.ts:11" },
      { fixture: "validation/caller-parses-wrapper-text/", file: "plan.ts", value: "unchecked", evidence: "plan.ts:5" },
      // A generic SSE helper that runs the model's tools on arguments parsed bare (the .catch chained after never sees the throw).
      { fixture: "validation/sse-helper-runs-tools/", file: "assistant.ts", value: "unchecked", evidence: "sse.ts:26" },
      // The same wrapper called without a schema: it asks for `no-schema` JSON, which the caller uses as data.
      { fixture: "validation/schema-in-options-object/", file: "pages.ts", line: 16, value: "unchecked", evidence: "complete.ts:18" },
    ],
  });

  // Two wrapper levels above a schema check: the note says where the check is once, not once per level.
  test("validation: a wrapper of a wrapper says 'the wrapper checks the answer' once", async () => {
    const { outcome } = await evaluateFixture(validation, { fixture: "validation/wrapper-of-wrapper-schema/", file: "feed.ts", value: "schema" });
    assert.equal(outcome.value, "schema");
    assert.equal((outcome.note ?? "").split("the wrapper checks the answer").length - 1, 1, outcome.note);
  });
});
