/** Finding messages and severities from the rules/checks templates, with the numbers of the site's SDK. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadCatalog } from "../../src/core/catalog/load";
import { fillTemplate, findingText, formatDuration, sentences, severityOf } from "../../src/core/messages";
import { CHECK_IDS, type CheckId, type CheckResult, type SiteReport } from "../../src/core/types";

const rules = loadCatalog().checks;

function site(checks: Partial<Record<CheckId, CheckResult>>, extra: Partial<SiteReport> = {}): SiteReport {
  const all = Object.fromEntries(CHECK_IDS.map((c) => [c, checks[c] ?? { value: "unknown", status: "unknown", note: "not evaluated" }])) as SiteReport["checks"];
  return {
    file: "src/a.ts", line: 3, column: 5, endLine: 3, endColumn: 40,
    provider: "openai", kind: "chat", callee: "openai.chat.completions.create", model: "gpt-4o-mini",
    score: 50, checks: all, suppressed: [], ...extra,
  };
}

const OPENAI = { sender: "OpenAI", provider: "OpenAI", timeoutMs: 600_000, maxRetries: 2 };
const FETCH = { sender: "`fetch`", provider: "OpenAI", timeoutMs: null, maxRetries: 0 };

describe("formatDuration", () => {
  it("uses the largest whole unit", () => {
    assert.equal(formatDuration(600_000), "10 minutes");
    assert.equal(formatDuration(60_000), "1 minute");
    assert.equal(formatDuration(3_600_000), "1 hour");
    assert.equal(formatDuration(30_000), "30 seconds");
    assert.equal(formatDuration(90_000), "90 seconds");
    assert.equal(formatDuration(1500), "1500 ms");
  });
});

describe("fillTemplate", () => {
  const vars = { provider: "OpenAI", defaultTimeout: "10 minutes", defaultRetries: "2" };
  it("fills every placeholder", () => {
    assert.equal(fillTemplate("{provider} waits {defaultTimeout}, retries {defaultRetries} ({note}).", { ...vars, note: "a note" }), "OpenAI waits 10 minutes, retries 2 (a note).");
  });
  it("leaves no empty brackets, dangling colon or double space without a note", () => {
    assert.equal(fillTemplate("No retry: one 429 fails the request ({note}). Set `maxRetries`.", vars), "No retry: one 429 fails the request. Set `maxRetries`.");
    assert.equal(fillTemplate("The request is bounded in time. {note}", vars), "The request is bounded in time.");
    assert.equal(fillTemplate("Could not tell: {note}.", vars), "Could not tell.");
  });
  it("does not double the full stop of a note", () => {
    assert.equal(fillTemplate("Could not tell: {note}.", { ...vars, note: "the client is a parameter." }), "Could not tell: the client is a parameter.");
  });
});

describe("findingText", () => {
  it("gives the SDK's default timeout, as a warning", () => {
    const s = site({ timeout: { value: "none", status: "fail" } }, { defaults: OPENAI });
    const t = findingText(rules.timeout, "timeout", s);
    assert.equal(t.severity, "warning");
    assert.match(t.message, /^No timeout: OpenAI waits up to 10 minutes by default/);
  });
  it("keeps a request without any default timeout a warning (error only when asked for), naming what sends it", () => {
    const s = site({ timeout: { value: "none", status: "fail" } }, { defaults: FETCH, callee: "fetch" });
    const t = findingText(rules.timeout, "timeout", s);
    assert.equal(t.severity, "warning");
    assert.match(t.message, /^No timeout: `fetch` has no default timeout/);
  });
  it("names the LLM provider, not the HTTP call, where the provider is the subject", () => {
    const s = site({ fallback: { value: "none", status: "fail" } }, { defaults: FETCH, callee: "fetch" });
    assert.match(findingText(rules.fallback, "fallback", s).message, /OpenAI/);
  });
  it("fills the SDK's retries", () => {
    const s = site({ retry: { value: "sdk-default", status: "pass" } }, { defaults: OPENAI });
    const t = findingText(rules.retry, "retry", s);
    assert.match(t.message, /OpenAI retries 2 times/);
    // A pass is not reported: relying on the SDK's retries is a fine default.
    assert.equal(t.severity, "none");
  });
  it("applies the configuration's severity to findings, and the editor's over it", () => {
    const s = site({ timeout: { value: "none", status: "fail", severity: "hint" } }, { defaults: OPENAI });
    assert.equal(findingText(rules.timeout, "timeout", s).severity, "hint");
    assert.equal(findingText(rules.timeout, "timeout", s, { editor: "error" }).severity, "error");
  });
  it("shows nothing for a check turned off, in the configuration or the editor", () => {
    const off = site({ usage: { value: "none", status: "fail", severity: "off" } });
    assert.equal(findingText(rules.usage, "usage", off).severity, "none");
    const on = site({ usage: { value: "none", status: "fail" } });
    assert.equal(findingText(rules.usage, "usage", on, { editor: "off" }).severity, "none");
  });
  it("shows nothing for a pass, nor for an unknown unless asked for (then a hint)", () => {
    const s = site({ timeout: { value: "explicit", status: "pass" } });
    assert.equal(findingText(rules.timeout, "timeout", s).severity, "none");
    assert.equal(findingText(rules.timeout, "timeout", site({})).severity, "none");
    assert.equal(findingText(rules.timeout, "timeout", site({}), { showUnknown: true }).severity, "hint");
  });
  it("shows a warn one step below its check's severity", () => {
    const s = site({ fallback: { value: "log-only", status: "warn" } });
    assert.equal(findingText(rules.fallback, "fallback", s).severity, "info");
    assert.equal(findingText(rules.fallback, "fallback", s, { editor: "error" }).severity, "warning");
  });
  it("falls back to the provider id without defaults", () => {
    const s = site({ fallback: { value: "none", status: "fail" } });
    assert.match(findingText(rules.fallback, "fallback", s).message, /openai/);
  });
});

describe("sentences", () => {
  it("ends each part before the next one starts", () => {
    assert.equal(sentences("OpenAI waits up to 10 minutes by default", "The call goes through src/a.ts:3"), "OpenAI waits up to 10 minutes by default. The call goes through src/a.ts:3.");
    assert.equal(sentences("Done.", undefined, "Also (this)"), "Done. Also (this).");
  });
});

describe("the severity table", () => {
  it("is the values' severities: warning for a fail, info for a warn, none for a pass or an unknown", () => {
    for (const check of CHECK_IDS) {
      for (const [value, v] of Object.entries(rules[check].values)) {
        const want = v.status === "fail" ? "warning" : v.status === "warn" ? "info" : "none";
        assert.equal(v.severity, want, `${check}=${value}`);
        assert.equal(severityOf(rules[check], { value, status: v.status }), want, `${check}=${value}`);
      }
      assert.equal(rules[check].level, "warning", `${check}: SARIF level of a fail`);
    }
  });
});
