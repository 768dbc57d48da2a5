/** usage fixes: each applied to a fixture, type-checked against the real SDK typings, re-scanned (rules/docs/usage.md "Quick fix"). */
import assert from "node:assert/strict";
import { test } from "node:test";
import vm from "node:vm";
import ts from "typescript";
import { RECORD_USAGE } from "../../src/core/checks/usage/fix/recordUsageHelper";
import { runFixCases, runNoFixCases } from "../harness/runFixCases";

runFixCases("usage", [
  // Issue #11: a monorepo package (rootDir "src", include ["src"], composite, NodeNext): the helper goes inside the package, imported with `.js`.
  { fixture: "usage/monorepo-package", file: "packages/summarizer/src/summarize.ts", after: "present", strategy: "wrapper", safe: true, expect: [/\+\+\+ b\/packages\/summarizer\/src\/llm\/resilience\.ts/, /from "\.\/llm\/resilience\.js"/, /added to packages\/summarizer\/src\/llm\/resilience\.ts/] },
  // Issue #11: a Next.js app with the `@/` alias and no src/: the helper goes to lib/, imported by the alias.
  { fixture: "usage/nextjs-alias", file: "app/api/chat/route.ts", after: "present", strategy: "wrapper", safe: true, expect: [/\+\+\+ b\/lib\/llm\/resilience\.ts/, /from "@\/lib\/llm\/resilience"/] },
  // The response held in a local: the record goes on the next line.
  { fixture: "usage/openai-chat.ts", after: "present", strategy: "wrapper", safe: true },
  { fixture: "usage/openai-embeddings.ts", after: "present", strategy: "wrapper", safe: true },
  { fixture: "usage/anthropic-message.ts", after: "present", strategy: "wrapper", safe: true },
  { fixture: "usage/google-generate-content.ts", after: "present", strategy: "wrapper", safe: true },
  { fixture: "usage/langchain-invoke.ts", after: "present", strategy: "wrapper", safe: true },
  { fixture: "usage/bedrock-converse.ts", after: "present", strategy: "wrapper", safe: true },
  { fixture: "usage/aliased-import.ts", after: "present", strategy: "wrapper", safe: true },
  // Destructured: the usage joins the pattern.
  { fixture: "usage/ai-sdk-generate-text.ts", after: "present", strategy: "wrapper", safe: true },
  // Used in place: the response gets a local first.
  { fixture: "usage/openai-inline-return.ts", after: "present", strategy: "wrapper", safe: true },
  { fixture: "usage/openai-inline-const.ts", after: "present", strategy: "wrapper", safe: true },
  // Raw HTTP: the usage field of the parsed JSON body.
  { fixture: "usage/raw-fetch.ts", after: "present", strategy: "wrapper", safe: true },
  // Streams: OpenAI asks for the usage chunk; Anthropic's message_delta carries it; the AI SDK's end callback gets it.
  { fixture: "usage/openai-stream.ts", after: "present", strategy: "wrapper", safe: false },
  { fixture: "usage/openai-stream-unguarded-choices.ts", after: "present", strategy: "wrapper", safe: false },
  { fixture: "usage/anthropic-stream.ts", after: "present", strategy: "wrapper", safe: true },
  { fixture: "usage/ai-sdk-stream-text.ts", after: "present", strategy: "wrapper", safe: true },
  { fixture: "usage/ai-sdk-stream-callback-ignores-usage.ts", after: "present", strategy: "wrapper", safe: true },
  // Projects: the client in another module, a wrapper's caller, the user's own usage helper, a helper file that exists.
  { fixture: "usage/client-in-other-file/", file: "src/features/summary.ts", after: "present", strategy: "wrapper", safe: true },
  { fixture: "usage/wrapper/", file: "src/routes.ts", after: "present", strategy: "wrapper", safe: true },
  { fixture: "usage/user-logger/", file: "src/summary.ts", pick: /trackTokens/, after: "present", strategy: "wrapper", safe: true },
  { fixture: "usage/helper-file-present/", file: "src/answer.ts", after: "present", strategy: "wrapper", safe: true },
  // JavaScript (CommonJS): the helper file is written as CommonJS JavaScript and required.
  { fixture: "usage/commonjs-openai.js", after: "present", strategy: "wrapper", safe: true },
]);

/**
 * The generated helper, compiled and run: one log line per response with the token counts under common
 * names, from each SDK's usage object as its typings describe it.
 */
for (const [variant, code] of [["TypeScript", RECORD_USAGE.ts], ["JavaScript", RECORD_USAGE.js!]] as const) test(`recordUsage (${variant}) reads the token counts of every SDK's usage object`, () => {
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const lines: string[] = [];
  const module = { exports: {} as { recordUsage?: (r: unknown) => void } };
  vm.runInNewContext(js, { module, exports: module.exports, console: { info: (l: string) => lines.push(l) }, JSON });
  const record = module.exports.recordUsage!;
  const cases: [string, object | undefined, [number | undefined, number | undefined, number | undefined]][] = [
    ["openai chat", { prompt_tokens: 12, completion_tokens: 30, total_tokens: 42 }, [12, 30, 42]],
    ["openai responses", { input_tokens: 12, output_tokens: 30, total_tokens: 42, input_tokens_details: { cached_tokens: 0 } }, [12, 30, 42]],
    ["anthropic", { input_tokens: 9, output_tokens: 20, cache_read_input_tokens: null }, [9, 20, 29]],
    ["ai sdk", { inputTokens: 5, outputTokens: 7, totalTokens: 12 }, [5, 7, 12]],
    ["google", { promptTokenCount: 3, candidatesTokenCount: 4, totalTokenCount: 7 }, [3, 4, 7]],
    ["bedrock", { inputTokens: 8, outputTokens: 2, totalTokens: 10 }, [8, 2, 10]],
    ["langchain", { input_tokens: 1, output_tokens: 2, total_tokens: 3 }, [1, 2, 3]],
    ["none sent", undefined, [undefined, undefined, undefined]],
  ];
  for (const [provider, usage, [input, output, total]] of cases) {
    record({ provider, model: "m", feature: "f", usage });
    const line = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    assert.deepEqual([line.inputTokens, line.outputTokens, line.totalTokens], [input, output, total], provider);
    assert.equal(line.event, "llm.usage");
    assert.equal(line.provider, provider);
  }
  assert.equal(lines.length, cases.length, "one line per response");
});

// Issue #11: a call in a test file (a model as judge) gets no fix: tests are the user's own.
runNoFixCases("usage", [
  { fixture: "usage/call-in-test-file", file: "src/handler.test.ts", why: "a test file" },
  // Found by fix:real with the real typings: reading `.usage` of what may be a Stream does not compile.
  { fixture: "usage/openai-stream-decided-at-run-time.ts", why: "whether the request streams is decided at run time" },
]);
runNoFixCases("timeout", [{ fixture: "usage/call-in-test-file", file: "src/handler.test.ts", why: "a test file" }]);
