/**
 * Every message of every check, rendered for every provider and HTTP client of the catalog: no placeholder
 * left, no two sentences run together, and every option a timeout or retry message names is one the
 * provider's data (rules/providers/<p>.json, rules/http.json) has.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadCatalog } from "../../src/core/catalog/load";
import type { FixPlace, Provider } from "../../src/core/catalog/schema";
import { findingMessage } from "../../src/core/messages";
import { optionsFrom } from "../../src/core/siteFacts";
import { CHECK_IDS, type SiteDefaults, type SiteOptions, type SiteReport } from "../../src/core/types";

const catalog = loadCatalog();

interface Sender {
  name: string;
  defaults: SiteDefaults;
  /** Option names the data has (any role), and the sender's own name. */
  known: Set<string>;
}

function knownOf(p: Provider | undefined, places: FixPlace[]): Set<string> {
  const o = p?.options;
  const names = [...(o?.timeout ?? []), ...(o?.retries ?? []), ...(o?.attempts ?? []), ...(o?.signal ?? []), ...(o?.chunkTimeout ?? [])];
  for (const pl of places) names.push(pl.on === "receiver" ? `.${pl.method}()` : pl.path);
  return new Set(names);
}

function senders(): Sender[] {
  const out: Sender[] = [];
  for (const p of catalog.providers) {
    const all = [...p.fixes.timeout, ...p.fixes.retry];
    const general = (xs: FixPlace[]) => xs.filter((x) => !x.methods && !x.since);
    const variants: [string, SiteOptions][] = [
      ["every call", optionsFrom(general(p.fixes.timeout), general(p.fixes.retry), p)],
      ["all places", optionsFrom(p.fixes.timeout, p.fixes.retry, p)],
    ];
    for (const [variant, options] of variants) {
      for (const noDefault of [false, true]) {
        out.push({
          name: `${p.id} (${variant}${noDefault ? ", no defaults" : ""})`,
          defaults: { sender: p.name, provider: p.name, timeoutMs: noDefault ? null : (p.defaults.timeoutMs ?? 600_000), maxRetries: noDefault ? 0 : Math.max(1, p.defaults.maxRetries), options },
          known: knownOf(p, all),
        });
      }
    }
  }
  for (const [id, client] of Object.entries(catalog.http.clients)) {
    const places = client.fixes?.timeout ?? [];
    out.push({
      name: `http ${id}`,
      defaults: { sender: `\`${id}\``, provider: "OpenAI", timeoutMs: null, maxRetries: 0, options: optionsFrom(places, [], undefined) },
      known: new Set([id, ...places.map((p) => (p.on === "receiver" ? `.${p.method}()` : p.path))]),
    });
  }
  return out;
}

function site(check: (typeof CHECK_IDS)[number], value: string, status: SiteReport["checks"]["timeout"]["status"], defaults: SiteDefaults, note?: string): SiteReport {
  const checks = Object.fromEntries(CHECK_IDS.map((c) => [c, { value: "unknown", status: "unknown" }])) as SiteReport["checks"];
  checks[check] = { value, status, ...(note ? { note } : {}) };
  return { file: "src/a.ts", line: 3, column: 5, endLine: 3, endColumn: 40, provider: "p", kind: "chat", callee: "x.create", model: null, score: 50, checks, suppressed: [], defaults };
}

/** A sentence's first word after a lowercase word and a space: two sentences run together. */
const RUN_TOGETHER = /[a-z0-9`)\]] (The|Set|Pass|Wrap|Add|Log|Validate|Catch|Return|Chain|No|Retries|Token|Nothing|Could|It|This|Covered|Model)\b/;

describe("every message of every check for every provider", () => {
  const all = senders();
  it("covers every provider and HTTP client of the catalog", () => {
    assert.ok(all.length >= catalog.providers.length * 4 + Object.keys(catalog.http.clients).length);
  });
  for (const sender of all) {
    it(sender.name, () => {
      for (const check of CHECK_IDS) {
        for (const [value, v] of Object.entries(catalog.checks[check].values)) {
          for (const note of [undefined, "set on the client at src/llm.ts:4", "OpenAI waits up to 10 minutes by default"]) {
            const text = findingMessage(catalog.checks[check], check, site(check, value, v.status, sender.defaults, note));
            const where = `${check}=${value}${note ? ` (note: ${note})` : ""}: ${text}`;
            assert.doesNotMatch(text, /\{[A-Za-z]+\}/, `unfilled placeholder in ${where}`);
            assert.doesNotMatch(text, RUN_TOGETHER, `two sentences run together in ${where}`);
            assert.doesNotMatch(text, /\.\.|\s[.,;:]|(^|[^\w])\(\s*\)/, `stray punctuation in ${where}`);
            if (check !== "timeout" && check !== "retry") continue;
            for (const [, code] of text.matchAll(/`([^`]+)`/g)) {
              const name = code!.replace(/:.*$/, "").trim();
              if (/AbortSignal\.timeout/.test(code!) && sender.known.has(name)) continue;
              assert.ok(sender.known.has(name) || sender.known.has(code!), `\`${code}\` is not an option of ${sender.name}'s data, in ${where}`);
            }
          }
        }
      }
    });
  }
  it("tells the AI SDK to pass `abortSignal` (no client, no `signal`), and OpenAI `timeout` on the request or the client", () => {
    const ai = all.find((s) => s.name === "vercel-ai (every call, no defaults)")!;
    const t = findingMessage(catalog.checks.timeout, "timeout", site("timeout", "none", "fail", ai.defaults));
    assert.match(t, /`abortSignal: AbortSignal\.timeout\(ms\)`/);
    assert.doesNotMatch(t, /client|`signal/);
    const openai = all.find((s) => s.name === "openai (every call)")!;
    assert.match(findingMessage(catalog.checks.timeout, "timeout", site("timeout", "none", "fail", openai.defaults)), /Set `timeout` on the request or the client, or pass `signal: AbortSignal\.timeout\(ms\)`\./);
  });
});
