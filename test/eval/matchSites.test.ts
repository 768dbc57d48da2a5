/** The eval's matching and scoring on hand-made reports, so `npm run eval` cannot silently compute nonsense. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkAgreement, detectionCounts, headline, matchApp, meanAgreement, precision, recall, type PredictedSite } from "./matchSites";
import type { LabelSite } from "./labels";

const checks = (over: Partial<LabelSite["checks"]> = {}): LabelSite["checks"] => ({
  timeout: "none",
  retry: "sdk-default",
  validation: "text",
  fallback: "none",
  usage: "none",
  eval: "none",
  ...over,
});
const label = (file: string, line: number, column: number, provider = "openai", over: Partial<LabelSite["checks"]> = {}): LabelSite => ({
  file, line, column, provider, kind: "chat", callee: "x", model: null, cases: [], checks: checks(over),
});
const pred = (file: string, line: number, column: number, provider = "openai", over: Partial<LabelSite["checks"]> = {}): PredictedSite => ({
  file, line, column, provider, callee: "x",
  checks: Object.fromEntries(Object.entries(checks(over)).map(([k, v]) => [k, { value: v }])),
});

const labels = {
  sites: [label("a.ts", 3, 9), label("a.ts", 10, 5, "anthropic", { timeout: "explicit" }), label("b.ts", 7, 1, "google")],
  decoys: [{ file: "b.ts", line: 2, text: "new GoogleGenAI(", why: "constructor" }],
};

test("matches by file and line, counts misses and extras, names decoy hits", () => {
  const m = matchApp("demo", labels, [
    pred("a.ts", 3, 15),
    pred("a.ts", 10, 5, "anthropic", { timeout: "none" }),
    pred("b.ts", 2, 1, "google"),
    pred("c.ts", 1, 1),
  ]);
  assert.equal(m.matched.length, 2);
  assert.deepEqual(m.missed.map((l) => `${l.file}:${l.line}`), ["b.ts:7"]);
  assert.deepEqual(m.extra.map((p) => `${p.file}:${p.line}`), ["b.ts:2", "c.ts:1"]);
  assert.deepEqual(m.decoyHits.map((h) => h.decoy.text), ["new GoogleGenAI("]);
  assert.deepEqual(m.columnMismatches.map((c) => [c.label.column, c.predicted.column]), [[9, 15]]);

  const { byProvider, overall } = detectionCounts([m]);
  assert.deepEqual(overall, { tp: 2, fp: 2, fn: 1 });
  assert.deepEqual(byProvider.get("google"), { tp: 0, fp: 1, fn: 1 });
  assert.deepEqual(byProvider.get("anthropic"), { tp: 1, fp: 0, fn: 0 });
  assert.equal(precision(overall), 0.5);
  assert.equal(recall(overall), 2 / 3);
});

test("two predictions on one labelled line: the one at the labelled column matches, the other is extra", () => {
  const m = matchApp("demo", { sites: [label("a.ts", 3, 9)], decoys: [] }, [pred("a.ts", 3, 30), pred("a.ts", 3, 9)]);
  assert.equal(m.matched[0]!.predicted.column, 9);
  assert.equal(m.extra.length, 1);
  assert.equal(m.columnMismatches.length, 0);
});

test("check agreement skips unknown labels and lists confusions", () => {
  const m = matchApp(
    "demo",
    { sites: [label("a.ts", 3, 9), label("a.ts", 10, 5, "openai", { timeout: "explicit", usage: "unknown" })], decoys: [] },
    [pred("a.ts", 3, 9), pred("a.ts", 10, 5, "openai", { timeout: "none", usage: "present" })],
  );
  const a = checkAgreement([m]);
  assert.deepEqual([a.timeout.right, a.timeout.all], [1, 2]);
  assert.deepEqual([...a.timeout.confusion], [["explicit->none", 1]]);
  assert.deepEqual([a.usage.right, a.usage.all], [1, 1]);
  assert.equal(meanAgreement(a), (0.5 + 1 + 1 + 1 + 1 + 1) / 6);
});

test("a prediction without a check value counts as (missing)", () => {
  const p: PredictedSite = { file: "a.ts", line: 3, column: 9, provider: "openai", checks: {} };
  const a = checkAgreement([matchApp("demo", { sites: [label("a.ts", 3, 9)], decoys: [] }, [p])]);
  assert.equal(a.retry.confusion.get("sdk-default->(missing)"), 1);
});

test("headline lines have the fixed format", () => {
  const m = matchApp("demo", labels, [pred("a.ts", 3, 9), pred("a.ts", 10, 5, "anthropic", { timeout: "explicit" })]);
  const [detection, checksLine] = headline([m]);
  assert.equal(detection, "eval: sites=3 precision=1.000 recall=0.667");
  assert.equal(checksLine, "eval-checks: mean=1.000 timeout=1.000 retry=1.000 validation=1.000 fallback=1.000 usage=1.000 eval=1.000");
});

test("an empty run scores zero rather than NaN", () => {
  const [detection, checksLine] = headline([]);
  assert.equal(detection, "eval: sites=0 precision=0.000 recall=0.000");
  assert.match(checksLine, /^eval-checks: mean=0\.000 /);
});
