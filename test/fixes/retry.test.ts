/** retry quick-fixes: each fixture is fixed, type-checked against the real SDK typings, re-scanned, and its diff snapshotted. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { describe, it } from "node:test";
import ts from "typescript";
import { AnalysisSession } from "../../src/core/session";
import { fixAll } from "../../src/core/fixes/fixAll";
import { toCommonJs } from "../../src/core/fixes/helperFile";
import { WITH_RETRY } from "../../src/core/checks/retry/retryHelper";
import { DEFAULT_FIX_OPTIONS } from "../../src/core/fixes/types";
import { runFixCases, runNoFixCases } from "../harness/runFixCases";
import { fixOnce, offered } from "./support/fixOnce";

runFixCases("retry", [
  // `maxRetries` where the SDK has it: on the request that turns retries off, or on a client only this finding uses.
  { fixture: "retry/openai-request-max-retries-zero.ts", after: "explicit", strategy: "native", safe: true },
  { fixture: "retry/client-in-other-file", file: "src/digest.ts", after: "explicit", strategy: "native", safe: true },
  { fixture: "retry/anthropic-aliased-client.ts", after: "explicit", strategy: "native", safe: true },
  // A client shared with a call whose `maxRetries: 0` is deliberate (suppressed): the request overrides it.
  { fixture: "retry/anthropic-shared-client-multiline.ts", line: 12, after: "explicit", strategy: "native", safe: true },
  { fixture: "retry/anthropic-shared-client-multiline.ts", line: 12, pick: /on the client/, after: "explicit", strategy: "native", safe: false },
  { fixture: "retry/ai-sdk-embed-retries-off.ts", after: "explicit", strategy: "native", safe: true },
  // Google GenAI: `retryOptions` in the request's `config.httpOptions`.
  { fixture: "retry/google-generate-content.ts", after: "explicit", strategy: "native", safe: true },
  // @google/genai before 1.41.0 has no `httpOptions.retryOptions` (found by fix:real): the call is wrapped instead.
  { fixture: "retry/google-before-retry-options", file: "src/estimate.ts", after: "explicit", strategy: "wrapper", safe: true, expect: [/withRetry|pRetry/] },
  // LangChain: the constructor's `maxRetries`, or `.withRetry()` on this call.
  { fixture: "retry/langchain-max-retries-zero.ts", after: "explicit", strategy: "native", safe: true },
  { fixture: "retry/langchain-max-retries-zero.ts", pick: /withRetry/, after: "explicit", strategy: "native", safe: true },
  // A chain built around the model: `.withRetry()` on the chain's call.
  { fixture: "retry/langchain-chain.ts", after: "explicit", strategy: "native", safe: true },
  // Bedrock: `maxAttempts` on the client.
  { fixture: "retry/bedrock-single-attempt.ts", after: "explicit", strategy: "native", safe: true },
  // No retry option: wrappers. p-retry already imported (a Bedrock client another call needs as it is).
  { fixture: "retry/p-retry-imported", line: 16, after: "explicit", strategy: "wrapper", safe: true },
  // The generated `withRetry` (fetch resolves on 429, so it reads responses too).
  { fixture: "retry/fetch-no-retry.ts", after: "explicit", strategy: "wrapper", safe: true },
  // The user's own wrapper, named in the config.
  { fixture: "retry/configured-wrapper", file: "src/ask.ts", after: "explicit", strategy: "wrapper", safe: true },
  // A wrapper's caller: the request inside the wrapper is wrapped, in its own file.
  { fixture: "retry/wrapper-in-other-file", file: "src/routes/faq.ts", after: "explicit", strategy: "wrapper", safe: true },
  // CommonJS JavaScript: a CommonJS helper and a require (parsed, not type-checked).
  { fixture: "retry/fetch-commonjs", file: "src/label.js", after: "explicit", strategy: "wrapper", safe: true },
]);

/** SDKs whose typings are not installed here: the edit and the value after it, without a type check. */
describe("retry fix: SDKs without installed typings", () => {
  const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "app", private: true, type: "module", dependencies: deps });

  it("Groq: a client only this call uses gets `maxRetries`", async () => {
    const r = await fixOnce(
      {
        "package.json": pkg({ "groq-sdk": "^0.9.0" }),
        "src/ask.ts": `import Groq from "groq-sdk";\n\nconst groq = new Groq({ maxRetries: 0 });\n\nexport async function ask(q: string) {\n  const res = await groq.chat.completions.create({ model: "llama-3.1-8b-instant", messages: [{ role: "user", content: q }] });\n  return res.choices[0]?.message.content;\n}\n`,
      },
      "retry",
      undefined,
      { maxRetries: 5 },
    );
    assert.equal(r.after, "explicit");
    assert.match(r.texts["src/ask.ts"]!, /new Groq\(\{ maxRetries: 5 \}\)/);
    assert.match(r.fix.title, /on the client at src\/ask\.ts:3 \(was `0`\)/);
  });

  it("Mistral (no retries by default): a backoff `retries` config in the request options", async () => {
    const r = await fixOnce(
      {
        "package.json": pkg({ "@mistralai/mistralai": "^1.3.0" }),
        "src/ask.ts": `import { Mistral } from "@mistralai/mistralai";\n\nconst mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY });\n\nexport async function ask(q: string) {\n  const res = await mistral.chat.complete({ model: "mistral-small-latest", messages: [{ role: "user", content: q }] });\n  return res.choices?.[0]?.message?.content;\n}\n`,
      },
      "retry",
    );
    assert.equal(r.after, "explicit");
    assert.match(r.texts["src/ask.ts"]!, /\}\] \}, \{ retries: \{ strategy: "backoff", backoff: \{ initialInterval: 500, maxInterval: 30_000, exponent: 2, maxElapsedTime: 120_000 \}, retryConnectionErrors: true \} \}\);/);
  });

  it("Ollama (no retry option): the generated helper around the call", async () => {
    const r = await fixOnce(
      {
        "package.json": pkg({ ollama: "^0.5.0" }),
        "src/ask.ts": `import ollama from "ollama";\n\nexport async function ask(q: string) {\n  const res = await ollama.chat({ model: "llama3.2", messages: [{ role: "user", content: q }] });\n  return res.message.content;\n}\n`,
      },
      "retry",
    );
    assert.equal(r.after, "explicit");
    assert.equal(r.fix.strategy, "wrapper");
    assert.match(r.texts["src/ask.ts"]!, /^import ollama from "ollama";\nimport \{ withRetry \} from "\.\/llm\/resilience";\n/);
    assert.match(r.texts["src/ask.ts"]!, /await withRetry\(\(\) => ollama\.chat\(\{ .* \}\)\);/);
    assert.ok(r.texts["src/llm/resilience.ts"]?.includes("export async function withRetry<T>"));
  });

  it("axios throws on 429: p-retry when the workspace declares it, with the retries setting", async () => {
    const r = await fixOnce(
      {
        "package.json": pkg({ axios: "^1.7.0", "p-retry": "^9.0.0" }),
        "src/ask.ts": `import axios from "axios";\n\nexport async function ask(q: string) {\n  const res = await axios.post("https://api.openai.com/v1/chat/completions", { model: "gpt-4o-mini", messages: [{ role: "user", content: q }] });\n  return res.data;\n}\n`,
      },
      "retry",
      undefined,
      { maxRetries: 4 },
    );
    assert.equal(r.after, "explicit");
    assert.match(r.texts["src/ask.ts"]!, /^import axios from "axios";\nimport pRetry from "p-retry";\n/);
    assert.match(r.texts["src/ask.ts"]!, /await pRetry\(\(\) => axios\.post\(.*\), \{ retries: 4 \}\);/);
  });

  it("fetch resolves on 429, so it gets the generated helper even when p-retry is declared", async () => {
    const r = await fixOnce(
      {
        "package.json": pkg({ "p-retry": "^9.0.0" }),
        "src/ask.ts": `export async function ask(q: string) {\n  const res = await fetch("https://api.openai.com/v1/chat/completions", { method: "POST", body: q });\n  return res.json();\n}\n`,
      },
      "retry",
    );
    assert.equal(r.after, "explicit");
    assert.match(r.fix.title, /withRetry/);
  });

  it("a call whose result is not awaited as a promise (a stream object) is not wrapped", async () => {
    const titles = await offered(
      {
        "package.json": pkg({ ollama: "^0.5.0" }),
        "src/ask.ts": `import ollama from "ollama";\n\nexport function ask(q: string) {\n  const pending = ollama.chat({ model: "llama3.2", messages: [{ role: "user", content: q }] });\n  return pending;\n}\n`,
      },
      "retry",
    );
    assert.deepEqual(titles, []);
  });
});

/** The generated helper, run: fake timers record each wait and resolve at once (no real delays, no timed assertions). */
describe("retry fix: the generated withRetry", () => {
  const variants = {
    "TypeScript helper": ts.transpileModule(WITH_RETRY.ts, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText,
    "JavaScript helper (CommonJS form)": toCommonJs(WITH_RETRY.js!),
  };
  type WithRetry = <T>(fn: () => Promise<T>, options?: { retries?: number; minDelayMs?: number; maxDelayMs?: number }) => Promise<T>;

  function load(code: string): { withRetry: WithRetry; waits: number[] } {
    const waits: number[] = [];
    const exports: { withRetry?: WithRetry } = {};
    const sandbox = {
      exports,
      TypeError,
      Math: Object.assign(Object.create(Math) as Math, { random: () => 0 }),
      setTimeout: (fn: () => void, ms: number) => {
        waits.push(ms);
        queueMicrotask(fn);
      },
    };
    vm.runInNewContext(code, sandbox);
    return { withRetry: exports.withRetry!, waits };
  }

  /** A function failing with each of `failures` in turn (errors thrown, responses returned), then answering "ok". */
  function flaky(failures: unknown[]): { fn: () => Promise<unknown>; calls: () => number } {
    let i = 0;
    return {
      fn: async () => {
        const f = failures[i++];
        if (f === undefined) return "ok";
        if (f instanceof Error || (typeof f === "object" && f !== null && !("ok" in f))) throw f;
        return f;
      },
      calls: () => i,
    };
  }

  const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name] ?? null });
  const apiError = (status: number, h: Record<string, string> = {}) => Object.assign(new Error(`${status}`), { status, headers: headers(h) });

  for (const [name, code] of Object.entries(variants)) {
    describe(name, () => {
      it("retries 429 and 5xx errors, waiting what `retry-after-ms` asks", async () => {
        const { withRetry, waits } = load(code);
        const f = flaky([apiError(429, { "retry-after-ms": "1200" }), apiError(529, { "retry-after-ms": "800" })]);
        assert.equal(await withRetry(f.fn), "ok");
        assert.equal(f.calls(), 3);
        assert.deepEqual(waits, [1200, 800]);
      });

      it("reads `retry-after` in seconds and from plain header objects (axios), else backs off exponentially with jitter", async () => {
        const { withRetry, waits } = load(code);
        const axiosError = Object.assign(new Error("rate limited"), { response: { status: 429, headers: { "retry-after": "2" } } });
        const f = flaky([axiosError, apiError(503), apiError(502, { "retry-after": "600" }), { $metadata: { httpStatusCode: 500 } }]);
        assert.equal(await withRetry(f.fn, { retries: 5 }), "ok");
        // 2 s asked; then 500 ms doubled per attempt × 0.75 (jitter with random() = 0); a 10-minute ask is over the cap, so backoff.
        assert.deepEqual(waits, [2000, 750, 1500, 3000]);
      });

      it("retries a fetch response with a transient status (fetch does not throw) and frees its body", async () => {
        const { withRetry, waits } = load(code);
        let cancelled = 0;
        const busy = { ok: false, status: 503, headers: headers({ "retry-after": "1" }), body: { cancel: async () => void cancelled++ } };
        const f = flaky([busy]);
        assert.equal(await withRetry(f.fn), "ok");
        assert.deepEqual(waits, [1000]);
        assert.equal(cancelled, 1);
      });

      it("retries dropped connections and timeouts, not the caller's abort nor a 400", async () => {
        const { withRetry } = load(code);
        const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
        const fetchFailed = new TypeError("fetch failed");
        const timeout = Object.assign(new Error("The operation timed out."), { name: "TimeoutError" });
        const ok = flaky([reset, fetchFailed, timeout]);
        assert.equal(await withRetry(ok.fn), "ok");
        assert.equal(ok.calls(), 4);

        const abort = Object.assign(new Error("This operation was aborted"), { name: "AbortError" });
        const aborted = flaky([abort]);
        await assert.rejects(withRetry(aborted.fn), /aborted/);
        assert.equal(aborted.calls(), 1);

        const bad = flaky([apiError(400)]);
        await assert.rejects(withRetry(bad.fn), /400/);
        assert.equal(bad.calls(), 1);
      });

      it("gives up after `retries`: throws the last error, or returns the last response", async () => {
        const { withRetry } = load(code);
        const down = flaky([apiError(500), apiError(500), apiError(500)]);
        await assert.rejects(withRetry(down.fn, { retries: 2 }), /500/);
        assert.equal(down.calls(), 3);
        const busy = { ok: false, status: 429, headers: headers({}) };
        const f = flaky([busy, busy]);
        assert.equal(await withRetry(f.fn, { retries: 1 }), busy);
      });
    });
  }
});

describe("retry fix: fix-all creates the helper once and reuses it", () => {
  it("two files with fetch calls: one new helper file, two imports of it, both sites retried", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-fix-all-"));
    try {
      const site = (fn: string, host: string) => `export async function ${fn}(prompt: string): Promise<unknown> {\n  const res = await fetch("https://${host}/v1/chat/completions", { method: "POST", body: JSON.stringify({ prompt }) });\n  return res.json();\n}\n`;
      fs.mkdirSync(path.join(dir, "src/routes"), { recursive: true });
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
      fs.writeFileSync(path.join(dir, "src/routes/chat.ts"), site("chat", "api.openai.com"));
      fs.writeFileSync(path.join(dir, "src/summarize.ts"), site("summarize", "api.mistral.ai"));
      const session = await AnalysisSession.open(dir);
      assert.equal(session.report().sites.filter((s) => s.checks.retry.value === "none").length, 2);

      const result = await fixAll(session, DEFAULT_FIX_OPTIONS, { checks: ["retry"], safeOnly: true }, true);
      assert.equal(result.applied.length, 2, `failed: ${result.failed.map((f) => f.reason).join("; ")}`);
      const created = [...result.files].filter(([, f]) => f.before === null).map(([rel]) => rel);
      assert.deepEqual(created, ["src/llm/resilience.ts"]);
      assert.equal(result.applied.filter((f) => f.create.length).length, 1, "only the first fix creates the helper");
      assert.match(result.files.get("src/routes/chat.ts")!.after, /^import \{ withRetry \} from "\.\.\/llm\/resilience";\n/);
      assert.match(result.files.get("src/summarize.ts")!.after, /^import \{ withRetry \} from "\.\/llm\/resilience";\n/);
      assert.equal((result.files.get("src/llm/resilience.ts")!.after.match(/export async function withRetry/g) ?? []).length, 1);
      assert.deepEqual(session.report().sites.map((s) => [s.file, s.checks.retry.value]), [
        ["src/routes/chat.ts", "explicit"],
        ["src/summarize.ts", "explicit"],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("retry fix: edits that meet", () => {
  it("a script that starts with the call gets its import first, then the wrapper", async () => {
    const r = await fixOnce({ "src/warm.ts": `await fetch("https://api.openai.com/v1/chat/completions", { method: "POST", body: "{}" });\n` }, "retry");
    assert.equal(r.texts["src/warm.ts"], `import { withRetry } from "./llm/resilience";\n\nawait withRetry(() => fetch("https://api.openai.com/v1/chat/completions", { method: "POST", body: "{}" }));\n`);
    assert.equal(r.after, "explicit");
  });
});

// Issue #11: a function memoized by name (`memoize(classify)`): no retry fix inside it.
runNoFixCases("retry", [{ fixture: "retry/memoized-by-name", file: "src/classify.ts", why: "inside memoize" }]);
