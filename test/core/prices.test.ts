/** rules/prices: every file validates, every catalog provider has one, no figure read more than a year ago, and the lookup picks the right entry. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import files from "rules:all";
import { loadCatalog, CatalogError } from "../../src/core/catalog/load";
import { loadPrices } from "../../src/core/catalog/prices";
import { priceOf } from "../../src/core/cost";

const YEAR_MS = 365 * 24 * 3600 * 1000;

describe("prices", () => {
  const prices = loadPrices();

  it("covers every provider of the catalog with a file (priced models, or why its calls are not priced per token)", () => {
    const ids = loadCatalog().providers.map((p) => p.id).sort();
    assert.deepEqual(prices.map((p) => p.provider).sort(), ids);
    for (const p of prices) assert.ok(p.models.length > 0 || p.why, `rules/prices/${p.provider}.json has no models and no \`why\``);
  });

  it("has no entry read more than a year ago (re-read the source, or mark the figure as knowledge)", () => {
    const stale: string[] = [];
    for (const p of prices) {
      for (const e of p.models) {
        if (e.read && Date.now() - Date.parse(e.read) > YEAR_MS) stale.push(`rules/prices/${p.provider}.json: ${e.model} read ${e.read}`);
      }
    }
    assert.deepEqual(stale, []);
  });

  it("fails on an entry older than a year (the check above can fail)", () => {
    const old = new Date(Date.now() - YEAR_MS - 86_400_000).toISOString().slice(0, 10);
    assert.ok(Date.now() - Date.parse(old) > YEAR_MS);
  });

  it("rejects an entry with neither a date read nor a note, naming file, line and field", () => {
    const text = JSON.stringify({ provider: "openai", models: [{ model: "gpt-x", input: 1, output: 2, contextWindow: 10, defaultOutput: 5, source: "https://example.com" }] }, null, 2);
    assert.throws(() => loadPrices({ "prices/openai.json": text }), (e: unknown) => e instanceof CatalogError && /rules\/prices\/openai\.json:\d+: models\.0\.read/.test(e.message));
  });

  it("picks the longest matching model, across dated ids, regional prefixes and routers", () => {
    assert.equal(priceOf(prices, "openai", "gpt-4o-mini-2024-07-18", "chat")?.entry.model, "gpt-4o-mini");
    assert.equal(priceOf(prices, "openai", "gpt-4o", "chat")?.entry.model, "gpt-4o");
    assert.equal(priceOf(prices, "anthropic", "claude-3-5-haiku-latest", "chat")?.entry.model, "claude-3-5-haiku");
    assert.equal(priceOf(prices, "anthropic", "claude-sonnet-4-5-20250929", "chat")?.entry.model, "claude-sonnet-4-5");
    assert.equal(priceOf(prices, "bedrock", "us.anthropic.claude-3-haiku-20240307-v1:0", "chat")?.entry.model, "anthropic.claude-3-haiku");
    assert.equal(priceOf(prices, "vercel-ai", "gemini-2.5-flash", "chat")?.file.provider, "google");
    assert.equal(priceOf(prices, "openai", "text-embedding-3-small", "embedding")?.entry.input, 0.02);
    assert.equal(priceOf(prices, "openai", "text-embedding-3-small", "chat"), undefined);
    assert.equal(priceOf(prices, "ollama", "llama3.2", "chat")?.entry.input, 0);
  });

  it("is the bundled set of rules files", () => {
    assert.ok(Object.keys(files).some((f) => f.startsWith("prices/")));
  });
});
