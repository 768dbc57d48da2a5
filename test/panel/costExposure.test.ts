/** Cost exposure (src/report/costExposure.ts): worst case per 1,000 calls by site and model, most exposed first; uncapped and unpriced sites; in the panel model and the Markdown and text reports. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { costExposure, usd } from "../../src/report/costExposure";
import { formatMarkdown } from "../../src/report/markdown";
import { formatText } from "../../src/report/text";
import { panelModel } from "../../src/panel/viewModel";
import type { SiteCost } from "../../src/core/types";
import { report, site, texts } from "./reports";

const cost = (usdPerCall: number | null, capped: boolean, model = "gpt-4o-mini"): SiteCost => ({
  model,
  inputTokens: usdPerCall === null ? null : 100,
  outputTokens: usdPerCall === null ? null : 200,
  usd: usdPerCall,
  basis: usdPerCall === null ? "unpriced: the model is not known in code" : "worst case: ...",
  capped,
});

function sample() {
  const a = { ...site({ file: "src/a.ts", line: 3 }), cost: cost(0.01, false) };
  const b = { ...site({ file: "src/b.ts", line: 7, model: "claude-haiku-4-5" }), cost: cost(0.002, true, "claude-haiku-4-5") };
  const c = { ...site({ file: "src/c.ts", line: 9 }), cost: cost(0.004, true) };
  const d = { ...site({ file: "src/d.ts", line: 1, model: null }), cost: cost(null, false, null as unknown as string) };
  return report([a, b, c, d]);
}

describe("cost exposure", () => {
  it("ranks priced sites by worst-case cost per 1,000 calls, and models by their worst site", () => {
    const c = costExposure(sample());
    assert.deepEqual(c.sites.map((s) => [s.file, Number(s.per1k.toFixed(3))]), [["src/a.ts", 10], ["src/c.ts", 4], ["src/b.ts", 2]]);
    assert.deepEqual(c.models.map((m) => [m.model, m.sites, Number(m.worstPer1k.toFixed(3)), m.uncapped]), [["gpt-4o-mini", 2, 10, 1], ["claude-haiku-4-5", 1, 2, 0]]);
  });

  it("lists the uncapped chat sites (priced first) and the unpriced ones with why", () => {
    const c = costExposure(sample());
    assert.deepEqual(c.uncapped.map((s) => s.file), ["src/a.ts", "src/d.ts"]);
    assert.deepEqual(c.unpriced.map((u) => [u.file, u.why]), [["src/d.ts", "the model is not known in code"]]);
  });

  it("formats dollars: cents above a dollar, two significant digits below", () => {
    assert.deepEqual([usd(0), usd(12.345), usd(0.0123), usd(1234.5)], ["$0", "$12.35", "$0.012", "$1,234.50"]);
  });

  it("is in the panel model and in the Markdown and text reports", () => {
    const r = sample();
    assert.equal(panelModel(r, [], texts).cost.sites.length, 3);
    const md = formatMarkdown(r);
    assert.match(md, /### Cost exposure/);
    assert.match(md, /\| `src\/a\.ts:3` \| `gpt-4o-mini` \| \$10\.00 \| \*\*no\*\* \|/);
    assert.match(md, /\*\*No output cap\*\* \(2\)/);
    const text = formatText(r, { color: false });
    assert.match(text, /Cost exposure \(worst case per 1,000 calls\)\n {2}\$10\.00 {2}src\/a\.ts:3/);
  });

  it("leaves the section out of a report without costs", () => {
    const r = report([site({ file: "src/a.ts", line: 3 })]);
    assert.doesNotMatch(formatMarkdown(r), /Cost exposure/);
    assert.deepEqual(costExposure(r).sites, []);
  });
});
