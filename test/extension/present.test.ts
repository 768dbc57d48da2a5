/** The editor's text: findings, the hover card, CodeLens titles, the status bar (src/extension/present.ts, no vscode). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadCatalog } from "../../src/core/catalog/load";
import { CHECK_IDS, type CheckId, type CheckResult, type ScanReport, type SiteReport } from "../../src/core/types";
import { findingsOf, lensTitle, overallOf, readinessCard, statusText, statusTooltip } from "../../src/extension/present";

const rules = loadCatalog().checks;

function site(checks: Partial<Record<CheckId, CheckResult>>, extra: Partial<SiteReport> = {}): SiteReport {
  const all = Object.fromEntries(CHECK_IDS.map((c) => [c, checks[c] ?? { value: c === "retry" ? "explicit" : c === "validation" ? "schema" : c === "eval" ? "covered" : c === "fallback" ? "present" : c === "usage" ? "present" : "explicit", status: "pass" }])) as SiteReport["checks"];
  return {
    file: "src/lib/summarize.ts", line: 15, column: 26, endLine: 20, endColumn: 5,
    provider: "anthropic", kind: "chat", callee: "anthropic.messages.create", model: "claude-sonnet-4-5",
    score: 62, checks: all, suppressed: [],
    calleeEnd: { line: 15, column: 51 },
    defaults: { sender: "Anthropic", provider: "Anthropic", timeoutMs: 600_000, maxRetries: 2 },
    ...extra,
  };
}

const failing = site({
  timeout: { value: "none", status: "fail", evidence: "src/lib/summarize.ts:3" },
  usage: { value: "none", status: "fail" },
  eval: { value: "unknown", status: "unknown", note: "no test imports this module" },
});

describe("findingsOf", () => {
  it("lists what the editor shows, in check order, with evidence", () => {
    const f = findingsOf(failing, rules);
    assert.deepEqual(f.map((x) => x.check), ["timeout", "usage"]);
    assert.equal(f[0]!.evidence, "src/lib/summarize.ts:3");
    assert.equal(f[0]!.severity, "warning");
  });
  it("leaves out suppressed checks and checks the editor turns off", () => {
    const suppressed = { ...failing, suppressed: [{ check: "timeout" as const, reason: "batch job", at: "src/lib/summarize.ts:14" }] };
    assert.deepEqual(findingsOf(suppressed, rules).map((x) => x.check), ["usage"]);
    assert.deepEqual(findingsOf(failing, rules, (c) => (c === "usage" ? "off" : undefined)).map((x) => x.check), ["timeout"]);
  });
});

describe("findingsOf with a suppression ignored for its placeholder reason", () => {
  it("keeps the finding and says why the suppression did not count", () => {
    const ignored = { ...failing, ignored: [{ check: "timeout" as const, reason: "todo", at: "src/lib/summarize.ts:14", why: "the reason `todo` is a placeholder (say why the check does not apply, in 3 words or more)" }] };
    const f = findingsOf(ignored, rules).find((x) => x.check === "timeout")!;
    assert.match(f.message, /^No timeout: .*\. The suppression at line 14 was ignored: the reason `todo` is a placeholder \(say why the check does not apply, in 3 words or more\)\.$/);
  });
});

describe("readinessCard", () => {
  const card = readinessCard(failing, rules, { at: (at) => `command:open?${encodeURIComponent(at)}`, docs: (c) => `file:///docs/${c}.md` });
  it("heads with the callee, provider, model and score, in one compact block", () => {
    assert.match(card, /^\*\*LLM Readiness\*\* · `anthropic\.messages\.create` · Anthropic · `claude-sonnet-4-5`  \n/);
    assert.match(card, /Score \*\*62\*\*\/100 \(D\) · 2 of 8 checks missing/);
    assert.doesNotMatch(card, /\n\n/);
    assert.doesNotMatch(card, /\|/);
  });
  it("has one line per missing check with its value, evidence and docs, and the rest on one line each", () => {
    assert.match(card, /\$\(error\) \*\*Request timeout\*\* `none` · \[src\/lib\/summarize\.ts:3\]\(command:open\?src%2Flib%2Fsummarize\.ts%3A3\) · \[docs\]\(file:\/\/\/docs\/timeout\.md\)/);
    assert.match(card, /\$\(error\) \*\*Token usage recorded\*\* `none` · \[docs\]/);
    assert.match(card, /\$\(pass\) Retry on transient errors `explicit`, /);
    assert.match(card, /\$\(question\) Not decided: Covered by a test or eval/);
  });
  it("does not repeat the diagnostics' messages", () => {
    for (const f of findingsOf(failing, rules)) assert.ok(!card.includes(f.message), f.check);
  });
  it("names the request of a wrapper call", () => {
    assert.match(readinessCard(site({}, { via: "src/lib/llm.ts:11" }), rules, () => undefined), /The request is sent at src\/lib\/llm\.ts:11\./);
  });
});

describe("lensTitle", () => {
  it("counts passes and names what is missing", () => {
    assert.equal(lensTitle(failing), "Readiness 5/8 · missing timeout, usage");
    assert.equal(lensTitle(site({})), "Readiness 8/8");
  });
  it("leaves out checks turned off", () => {
    assert.equal(lensTitle(failing, (c) => (c === "usage" ? "off" : undefined)), "Readiness 5/7 · missing timeout");
  });
});

describe("status bar", () => {
  const report = (sites: SiteReport[], errors = 0): ScanReport => ({
    version: 1, tool: { name: "llm-readiness", version: "0" }, root: "/w", score: 0, grade: "F",
    summary: { files: 3, sites: sites.length, skipped: 0, byCheck: Object.fromEntries(CHECK_IDS.map((c) => [c, { pass: sites.filter((s) => s.checks[c].status === "pass").length, warn: 0, fail: sites.filter((s) => s.checks[c].status === "fail").length, unknown: sites.filter((s) => s.checks[c].status === "unknown").length }])) as ScanReport["summary"]["byCheck"] },
    sites, files: [{ file: "a.ts", score: 50, grade: "D", sites: sites.length }], skipped: [],
    errors: Array.from({ length: errors }, (_, i) => ({ file: `b${i}.ts`, message: "syntax error" })),
  });
  it("scores every folder together", () => {
    const o = overallOf([report([site({}, { score: 100 })]), report([failing], 1)])!;
    assert.equal(Math.round(o.score), 81);
    assert.equal(o.sites, 2);
    assert.equal(o.byCheck.timeout.fail, 1);
    assert.equal(statusText(o), `$(checklist) Readiness 81 (${o.grade})`);
    const tip = statusTooltip(o, rules);
    assert.match(tip, /\| Request timeout \| 1 \| 0 \| 1 \| 0 \|/);
    assert.match(tip, /1 analysis problem/);
  });
  it("says so when there are no LLM calls, and has nothing before a report", () => {
    assert.equal(statusText(overallOf([report([])])!), "$(checklist) Readiness: no LLM calls");
    assert.equal(overallOf([]), undefined);
  });
});
