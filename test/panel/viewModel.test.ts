/** The panel's view model (src/panel/viewModel.ts): from the sample's real report and from crafted edge cases. */
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import { scanWorkspace } from "../../src/core/scan";
import { CHECK_IDS, type ScanReport } from "../../src/core/types";
import { applyFilters, panelModel, trendView, type PanelModel } from "../../src/panel/viewModel";
import { fail, report, site, texts, unknown, warn } from "./reports";

const SAMPLE = path.resolve("test/workspaces/sample");
const HOUR = 3_600_000;

describe("the panel model of the sample workspace", () => {
  let r: ScanReport;
  let m: PanelModel;
  before(async () => {
    r = await scanWorkspace(SAMPLE);
    m = panelModel(r, [{ at: 1_000, score: 40 }, { at: 1_000 + 2 * HOUR, score: Math.round(r.score) }], texts);
  });

  it("shows the report's score, grade and counts", () => {
    assert.ok(r.sites.length >= 10, "the sample has call sites");
    assert.equal(m.score, Math.round(r.score));
    assert.equal(m.grade, r.grade);
    assert.equal(m.sites, r.sites.length);
    assert.equal(m.files, r.files.length);
    assert.equal(m.scanned, r.summary.files);
    assert.equal(m.errors.length, r.errors.length);
    assert.ok(m.errors.some((e) => e.file === "src/legacy/importer.ts"), "the sample's syntax error is listed");
  });

  it("counts each check's sites as the report's summary does, with its consequence from rules/checks", () => {
    assert.deepEqual(m.checks.map((c) => c.id), [...CHECK_IDS]);
    for (const c of m.checks) {
      assert.deepEqual(c.counts, r.summary.byCheck[c.id], c.id);
      assert.equal(c.consequence, texts[c.id].consequence);
      assert.equal(c.off, false);
    }
  });

  it("splits the lost points by check: they add up to what the score lost, and the biggest is the gap", () => {
    const lost = m.checks.reduce((s, c) => s + c.cost, 0);
    // Site scores are rounded to integers, the workspace score too: within a point or so.
    assert.ok(Math.abs(lost - (100 - r.score)) <= 1, `${lost} vs ${100 - r.score}`);
    const max = Math.max(...m.checks.map((c) => c.cost));
    assert.equal(m.checks.find((c) => c.id === m.gap)!.cost, max);
    // validation passes everywhere in the sample: it costs nothing.
    assert.equal(m.checks.find((c) => c.id === "validation")!.cost, 0);
  });

  it("groups sites by provider and by model with their mean score", () => {
    assert.equal(m.providers.reduce((n, g) => n + g.sites, 0), r.sites.length);
    assert.equal(m.models.reduce((n, g) => n + g.sites, 0), r.sites.length);
    for (const g of m.providers) {
      const mine = r.sites.filter((s) => s.provider === g.name);
      assert.equal(g.sites, mine.length, `${g.name}`);
      assert.equal(g.score, Math.round(mine.reduce((s, x) => s + x.score, 0) / mine.length), `${g.name}`);
    }
    // The AI SDK call with `openai("gpt-4o-mini")` is served by OpenAI: the table names the vendor, not the SDK.
    assert.deepEqual(new Set(m.providers.map((g) => g.name)), new Set(["openai", "anthropic", "langchain"]));
    const claude = m.models.find((g) => g.name === "claude-sonnet-4-5")!;
    assert.deepEqual(claude.providers, ["anthropic"]);
    // Most sites first.
    assert.ok(m.providers.every((g, i) => i === 0 || m.providers[i - 1]!.sites >= g.sites));
  });

  it("lists files worst first as the report does, and sites worst first with their missing checks", () => {
    assert.deepEqual(m.fileRows.map((f) => f.file), r.files.map((f) => f.file));
    assert.ok(m.siteRows.every((s, i) => i === 0 || m.siteRows[i - 1]!.score <= s.score), "worst first");
    const translate = m.siteRows.find((s) => s.file === "src/lib/translate.ts")!;
    assert.equal(translate.callee, "fetch");
    assert.deepEqual(translate.missing.map((x) => `${x.check}=${x.value}`), ["timeout=none", "retry=none", "fallback=none", "usage=none", "eval=none", "context=unbounded", "limits=unlimited"]);
    assert.equal(m.siteRows[0]!.score, Math.min(...r.sites.map((s) => s.score)));
    const askModel = m.siteRows.find((s) => s.file === "src/routes/tickets.ts" && s.callee === "askModel")!;
    assert.deepEqual(askModel.missing.map((x) => `${x.check}:${x.status}`), ["fallback:warn", "eval:fail", "context:fail", "limits:fail"]);
    assert.equal(askModel.via, "src/lib/llm.ts:11");
    assert.equal(askModel.dir, "src/routes");
  });

  it("shows the change since the trend's previous point", () => {
    assert.deepEqual(m.delta, { change: Math.round(r.score) - 40, since: 1_000 });
  });

  it("offers every check, the providers and the directories of the sites as filters", () => {
    assert.deepEqual(m.options.checks, [...CHECK_IDS]);
    assert.deepEqual(m.options.providers, ["anthropic", "langchain", "openai"]);
    assert.deepEqual(m.options.dirs, ["src", "src/jobs", "src/lib", "src/routes"]);
  });

  it("filters sites and files by check, provider and directory", () => {
    const timeout = applyFilters(m, { check: "timeout" });
    assert.equal(timeout.sites.length, r.summary.byCheck.timeout.fail + r.summary.byCheck.timeout.warn);
    assert.ok(timeout.sites.every((s) => s.missing.some((x) => x.check === "timeout")));
    assert.ok(timeout.files.every((f) => timeout.sites.some((s) => s.file === f.file)));

    const routes = applyFilters(m, { dir: "src/routes", provider: "openai" });
    assert.ok(routes.sites.length > 0);
    assert.ok(routes.sites.every((s) => s.file.startsWith("src/routes/") && s.provider === "openai"));
    assert.deepEqual(routes.files.map((f) => f.file), m.fileRows.map((f) => f.file).filter((f) => routes.sites.some((s) => s.file === f)), "the files of the sites shown, worst first");
    assert.ok(routes.files.length >= 1 && routes.files.every((f) => f.file.startsWith("src/routes/")));

    const none = applyFilters(m, { check: "validation" });
    assert.equal(none.sites.length, 0, "no sample site misses validation: the filter stays and shows nothing");
    assert.deepEqual(none.filters, { check: "validation" });

    const gone = applyFilters(m, { provider: "cohere", dir: "lib" });
    assert.deepEqual(gone.filters, {}, "a provider or directory the report does not have is dropped");
    assert.equal(gone.sites.length, r.sites.length);
  });
});

describe("the panel model of crafted reports", () => {
  it("a folder without call sites: nothing to count, no gap, no filters", () => {
    const m = panelModel(report([]), [{ at: 0, score: 100 }], texts);
    assert.equal(m.sites, 0);
    assert.equal(m.score, 100);
    assert.equal(m.gap, undefined);
    assert.deepEqual(m.siteRows, []);
    assert.deepEqual(m.providers, []);
    assert.ok(m.checks.every((c) => c.cost === 0 && !c.off && c.counts.fail === 0));
    assert.deepEqual(m.options.providers, []);
    assert.deepEqual(m.options.dirs, []);
    assert.equal(m.delta, undefined, "one point: no earlier score to compare with");
  });

  it("every finding suppressed: no missing checks, the suppressions listed with their reasons, nothing lost", () => {
    const sup = (check: "timeout" | "eval", reason: string) => ({ check, reason, at: "src/jobs/batch.ts:9" });
    const s = site({
      file: "src/jobs/batch.ts",
      line: 10,
      checks: { timeout: fail(), eval: fail() },
      suppressed: [sup("timeout", "the queue worker has a 30 s deadline"), sup("eval", "evals live in the prompt-lab repo")],
    });
    const m = panelModel(report([s]), [], texts);
    assert.equal(s.score, 100);
    assert.deepEqual(m.siteRows[0]!.missing, []);
    assert.deepEqual(m.suppressed.map((x) => `${x.check}: ${x.reason} @ ${x.at}`), [
      "timeout: the queue worker has a 30 s deadline @ src/jobs/batch.ts:9",
      "eval: evals live in the prompt-lab repo @ src/jobs/batch.ts:9",
    ]);
    assert.equal(m.checks.find((c) => c.id === "timeout")!.suppressed, 1);
    assert.equal(m.checks.find((c) => c.id === "timeout")!.counts.fail, 1, "a suppressed finding keeps its status in the counts");
    assert.equal(m.gap, undefined);
    assert.deepEqual(applyFilters(m, { check: "eval" }).suppressed.map((x) => x.check), ["eval"]);
    assert.deepEqual(applyFilters(m, { check: "eval" }).sites, []);
  });

  it("unknown checks: listed apart from the missing ones, and they cost half", () => {
    const s = site({ file: "src/a.ts", line: 3, checks: { eval: unknown("the test imports it dynamically"), fallback: warn("log-only") } });
    const m = panelModel(report([s]), [], texts);
    assert.deepEqual(m.siteRows[0]!.unknown, ["eval"]);
    assert.deepEqual(m.siteRows[0]!.missing, [{ check: "fallback", value: "log-only", status: "warn" }]);
    assert.equal(m.checks.find((c) => c.id === "eval")!.counts.unknown, 1);
    const evalCost = m.checks.find((c) => c.id === "eval")!.cost;
    const fallbackCost = m.checks.find((c) => c.id === "fallback")!.cost;
    assert.ok(evalCost > 0 && fallbackCost > 0);
    assert.equal(evalCost, fallbackCost, "eval and fallback weigh the same, and unknown and warn earn the same half credit");
  });

  it("a check turned off by the configuration: marked off, not missing, free", () => {
    const off = { value: "none", status: "fail" as const, severity: "off" as const };
    const sites = [site({ file: "a.ts", line: 1, checks: { usage: off } }), site({ file: "b.ts", line: 1, checks: { usage: off, timeout: fail() } })];
    const m = panelModel(report(sites), [], texts);
    const usage = m.checks.find((c) => c.id === "usage")!;
    assert.equal(usage.off, true);
    assert.equal(usage.cost, 0);
    assert.ok(m.siteRows.every((s) => !s.missing.some((x) => x.check === "usage")));
    assert.equal(m.gap, "timeout");
    assert.deepEqual(m.options.dirs, [], "files at the folder's root have no directory to filter by");
  });

  it("several providers and models: most sites first, a model called through two providers, an unknown model", () => {
    const sites = [
      site({ file: "src/a.ts", line: 1, provider: "openai", model: "gpt-4o-mini" }),
      site({ file: "src/a.ts", line: 9, provider: "openai", model: "gpt-4o-mini", checks: { timeout: fail() } }),
      site({ file: "src/b.ts", line: 4, provider: "vercel-ai", model: "gpt-4o-mini", callee: "generateText", checks: { usage: fail(), fallback: fail() } }),
      site({ file: "src/c.ts", line: 2, provider: "anthropic", model: null, callee: "anthropic.messages.create", checks: { retry: fail() } }),
    ];
    const m = panelModel(report(sites), [], texts);
    // vercel-ai's site loses usage (1) and fallback (2) of 17 weights: 82; anthropic's loses retry (2): 88. Ties on sites go worst first.
    assert.deepEqual([sites[2]!.score, sites[3]!.score], [82, 88]);
    assert.deepEqual(m.providers.map((g) => `${g.name} ${g.sites}`), ["openai 2", "vercel-ai 1", "anthropic 1"]);
    const openai = m.providers[0]!;
    assert.equal(openai.score, Math.round((sites[0]!.score + sites[1]!.score) / 2));
    const mini = m.models.find((g) => g.name === "gpt-4o-mini")!;
    assert.equal(mini.sites, 3);
    assert.deepEqual(mini.providers, ["openai", "vercel-ai"]);
    assert.equal(m.models.find((g) => g.name === null)!.sites, 1);
    assert.deepEqual(m.siteRows.map((s) => s.key)[m.siteRows.length - 1], "src/a.ts:1:5", "the clean site comes last");
    assert.deepEqual(applyFilters(m, { provider: "vercel-ai" }).sites.map((s) => s.callee), ["generateText"]);
  });

  it("the change since the previous point: down, none, and a first scan", () => {
    const r = report([site({ file: "a.ts", line: 1, checks: { timeout: fail() } })]);
    assert.deepEqual(panelModel(r, [{ at: 5, score: 90 }, { at: 5 + HOUR, score: r.score }], texts).delta, { change: r.score - 90, since: 5 });
    assert.deepEqual(panelModel(r, [{ at: 5, score: r.score }, { at: 5 + HOUR, score: r.score }], texts).delta, { change: 0, since: 5 });
    assert.equal(panelModel(r, [], texts).delta, undefined);
  });
});

describe("the trend sparkline", () => {
  it("spreads points over the width and maps the score range onto the height, high scores up", () => {
    const v = trendView([{ at: 1, score: 40 }, { at: 2, score: 60 }, { at: 3, score: 50 }]);
    assert.equal(v.low, 40);
    assert.equal(v.high, 60);
    const [a, b, c] = v.points;
    assert.ok(a!.x < b!.x && b!.x < c!.x);
    assert.ok(b!.y < c!.y && c!.y < a!.y, "60 is drawn above 50, 50 above 40");
    assert.equal(v.line, v.points.map((p) => `${p.x},${p.y}`).join(" "));
    assert.ok(v.points.every((p) => p.x >= 0 && p.x <= v.width && p.y >= 0 && p.y <= v.height));
  });

  it("a flat or small range spans at least ten points, within 0–100", () => {
    const flat = trendView([{ at: 1, score: 98 }, { at: 2, score: 98 }]);
    assert.deepEqual([flat.low, flat.high], [90, 100]);
    assert.equal(flat.points[0]!.y, flat.points[1]!.y);
    const low = trendView([{ at: 1, score: 2 }, { at: 2, score: 4 }]);
    assert.deepEqual([low.low, low.high], [0, 10]);
  });

  it("one point sits at the right end; no point draws nothing", () => {
    const one = trendView([{ at: 1, score: 70 }]);
    assert.equal(one.points.length, 1);
    assert.equal(one.points[0]!.x, one.width - 4);
    assert.equal(trendView([]).line, "");
  });

  it("shows the last hundred points", () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ at: i * HOUR, score: i % 100 }));
    const v = trendView(many);
    assert.equal(v.points.length, 100);
    assert.equal(v.points[0]!.at, 50 * HOUR);
  });
});
