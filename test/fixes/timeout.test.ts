/** timeout quick-fixes: each fixture is fixed, type-checked against the real SDK typings, re-scanned, and its diff snapshotted. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareVersions, fillValue, lowestVersion } from "../../src/core/fixes/optionPlaces";
import { runFixCases } from "../harness/runFixCases";
import { fixOnce, offered } from "./support/fixOnce";

runFixCases("timeout", [
  // Issue #11, streams: a bound that does not cut a healthy answer, and the title says which kind.
  { fixture: "timeout/openai-stream.ts", after: "explicit", strategy: "native", safe: true, expect: [/until the response starts; the stream is not cut/, /\}, \{ timeout: 30_000 \}\);/] },
  { fixture: "timeout/stream-ai-sdk-v6", file: "src/agent.ts", after: "explicit", strategy: "native", safe: true, expect: [/per-chunk timeout/, /timeout: \{ chunkMs: 30_000 \}/] },
  { fixture: "timeout/stream-route-max-duration", file: "app/api/chat/route.ts", after: "explicit", strategy: "native", safe: true, expect: [/no shorter than the route's maxDuration of 45 s/, /abortSignal: AbortSignal\.timeout\(45_000\)/] },
  { fixture: "timeout/stream-no-max-duration", file: "src/stream.ts", after: "explicit", strategy: "native", safe: false, expect: [/total: cuts a stream that runs longer than 30 s/] },
  // OpenAI-style request options: the second argument, created, extended or spread.
  { fixture: "timeout/openai-no-options.ts", after: "explicit", strategy: "native", safe: true },
  { fixture: "timeout/openai-options-const.ts", after: "explicit", strategy: "native", safe: true },
  { fixture: "timeout/anthropic-options-parameter.ts", after: "explicit", strategy: "native", safe: true },
  { fixture: "timeout/anthropic-multiline-trailing-comma.ts", after: "explicit", strategy: "native", safe: true },
  // AI SDK: `timeout` where the installed version has it (generateText, streamText), else `abortSignal`.
  { fixture: "timeout/ai-sdk-aliased-import.ts", after: "explicit", strategy: "native", safe: true },
  { fixture: "timeout/ai-sdk-stream-text.ts", after: "explicit", strategy: "native", safe: true },
  { fixture: "timeout/ai-sdk-generate-object-request-signal.ts", after: "explicit", strategy: "native", safe: false },
  // Google GenAI: `config.httpOptions.timeout` in the request.
  { fixture: "timeout/google-generate-content-config.ts", after: "explicit", strategy: "native", safe: true },
  { fixture: "timeout/google-chat-send-message.ts", after: "explicit", strategy: "native", safe: true },
  // LangChain: the call option, or the constructor when the call has none (embeddings).
  { fixture: "timeout/langchain-invoke.ts", after: "explicit", strategy: "native", safe: true },
  { fixture: "timeout/langchain-embeddings-client.ts", after: "explicit", strategy: "native", safe: true },
  // Bedrock: `abortSignal` in `send`'s options.
  { fixture: "timeout/bedrock-send.ts", after: "explicit", strategy: "native", safe: true },
  // Raw fetch: `signal`, combined with a cancel signal already there.
  { fixture: "timeout/fetch-no-signal.ts", after: "explicit", strategy: "native", safe: true },
  { fixture: "timeout/fetch-cancel-signal.ts", after: "explicit", strategy: "native", safe: true },
  // A wrapper's caller: fixed at the request inside the wrapper, in its own file.
  { fixture: "timeout/wrapper-in-other-file", file: "src/routes/answer.ts", after: "explicit", strategy: "native", safe: true },
  // CommonJS JavaScript (parsed, not type-checked).
  { fixture: "timeout/openai-commonjs.js", after: "explicit", strategy: "native", safe: true },
]);

/** SDKs whose typings are not installed here: the edit and the value after it, without a type check. */
describe("timeout fix: SDKs without installed typings", () => {
  const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "app", private: true, type: "module", dependencies: deps });

  it("Groq: `timeout` in the request options", async () => {
    const r = await fixOnce(
      {
        "package.json": pkg({ "groq-sdk": "^0.9.0" }),
        "src/ask.ts": `import Groq from "groq-sdk";\n\nconst groq = new Groq();\n\nexport async function ask(q: string) {\n  const res = await groq.chat.completions.create({ model: "llama-3.1-8b-instant", messages: [{ role: "user", content: q }] });\n  return res.choices[0]?.message.content;\n}\n`,
      },
      "timeout",
    );
    assert.equal(r.after, "explicit");
    assert.match(r.texts["src/ask.ts"]!, /content: q \}\] \}, \{ timeout: 30_000 \}\);/);
  });

  it("Mistral: `timeoutMs` in the request options", async () => {
    const r = await fixOnce(
      {
        "package.json": pkg({ "@mistralai/mistralai": "^1.3.0" }),
        "src/ask.ts": `import { Mistral } from "@mistralai/mistralai";\n\nconst mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY });\n\nexport async function ask(q: string) {\n  const res = await mistral.chat.complete({ model: "mistral-small-latest", messages: [{ role: "user", content: q }] });\n  return res.choices?.[0]?.message?.content;\n}\n`,
      },
      "timeout",
    );
    assert.equal(r.after, "explicit");
    assert.match(r.texts["src/ask.ts"]!, /\}\] \}, \{ timeoutMs: 30_000 \}\);/);
  });

  it("Cohere: `timeoutInSeconds`, rounded up from the setting", async () => {
    const r = await fixOnce(
      {
        "package.json": pkg({ "cohere-ai": "^7.14.0" }),
        "src/ask.ts": `import { CohereClientV2 } from "cohere-ai";\n\nconst cohere = new CohereClientV2({ token: process.env.CO_API_KEY });\n\nexport async function ask(q: string) {\n  const res = await cohere.chat({ model: "command-r", messages: [{ role: "user", content: q }] });\n  return res.message;\n}\n`,
      },
      "timeout",
      undefined,
      { timeoutMs: 45_500 },
    );
    assert.equal(r.after, "explicit");
    assert.match(r.texts["src/ask.ts"]!, /\}\] \}, \{ timeoutInSeconds: 46 \}\);/);
  });

  it("axios: `timeout` in the config of a post, created after the body", async () => {
    const r = await fixOnce(
      {
        "package.json": pkg({ axios: "^1.7.0" }),
        "src/ask.ts": `import axios from "axios";\n\nexport async function ask(q: string) {\n  const res = await axios.post("https://api.openai.com/v1/chat/completions", { model: "gpt-4o-mini", messages: [{ role: "user", content: q }] });\n  return res.data;\n}\n`,
      },
      "timeout",
    );
    assert.equal(r.after, "explicit");
    assert.match(r.texts["src/ask.ts"]!, /content: q \}\] \}, \{ timeout: 30_000 \}\);/);
  });

  it("AI SDK before 6.0.14 (no `timeout` option): `abortSignal`", async () => {
    const r = await fixOnce(
      {
        "package.json": pkg({ ai: "^5.0.0" }),
        "src/ask.ts": `import { generateText, type LanguageModel } from "ai";\n\nexport async function ask(model: LanguageModel, q: string) {\n  const { text } = await generateText({ model, prompt: q });\n  return text;\n}\n`,
      },
      "timeout",
    );
    assert.equal(r.after, "explicit");
    assert.match(r.texts["src/ask.ts"]!, /generateText\(\{ model, prompt: q, abortSignal: AbortSignal\.timeout\(30_000\) \}\)/);
  });

  it("Ollama has no timeout option: no fix (the finding stays, with its disable and docs actions)", async () => {
    const titles = await offered(
      {
        "package.json": pkg({ ollama: "^0.5.0" }),
        "src/ask.ts": `import ollama from "ollama";\n\nexport async function ask(q: string) {\n  const res = await ollama.chat({ model: "llama3.2", messages: [{ role: "user", content: q }] });\n  return res.message.content;\n}\n`,
      },
      "timeout",
    );
    assert.deepEqual(titles, []);
  });

  it("a fetch whose init is an object we cannot see (it may carry the caller's signal): no fix", async () => {
    const titles = await offered(
      { "src/ask.ts": `export async function ask(init: RequestInit) {\n  return fetch("https://api.openai.com/v1/chat/completions", init);\n}\n` },
      "timeout",
    );
    assert.deepEqual(titles, []);
  });
});

describe("timeout fix: option data", () => {
  it("reads the lowest version a range allows", () => {
    assert.equal(lowestVersion("^6.0.14"), "6.0.14");
    assert.equal(lowestVersion("~7.1"), "7.1.0");
    assert.equal(lowestVersion(">=5 <7"), "5.0.0");
    assert.equal(lowestVersion("7.x"), "7.0.0");
    assert.equal(lowestVersion("latest"), undefined);
    assert.ok(compareVersions("6.0.14", "6.0.9") > 0);
    assert.ok(compareVersions("5.9.0", "6.0.14") < 0);
  });

  it("fills value templates from the settings", () => {
    const o = { timeoutMs: 120_000, maxRetries: 5, helperFile: "src/llm/resilience.ts" };
    assert.equal(fillValue("AbortSignal.timeout({ms})", o), "AbortSignal.timeout(120_000)");
    assert.equal(fillValue("{seconds}", o), "120");
    assert.equal(fillValue("{ stopAfterAttempt: {attempts} }", o), "{ stopAfterAttempt: 6 }");
    assert.equal(fillValue("{retries}", o), "5");
  });
});
