/**
 * The worst-case cost of one call (rules/docs/cost.md): output tokens from the request's cap, else
 * the model's default output limit; input tokens from the constant text of the prompt plus an
 * allowance for each input that can grow (rules/libraries/context.json `allowance`); prices from
 * rules/prices/<provider>.json. A site whose model or price cannot be found is unpriced, with why.
 */
import ts from "typescript";
import type { DetectedSite } from "./callSites/detect";
import type { CheckContext } from "./checks/checkContext";
import { promptInputs } from "./checks/context/check";
import { loadPrices, type PriceEntry, type PriceFile } from "./catalog/prices";
import { outputCapOf } from "./flow/outputCap";
import { chainOf } from "./flow/siteChain";
import type { SiteCost } from "./types";

/** Regional and routing prefixes that do not change the model (`us.anthropic...`, `models/gemini-...`). */
const PREFIXES = /^(us|eu|apac|global|us-gov)\.|^models\//;

/** The price entry of a model id: the longest entry that is the id or its start before `-`, `@`, `:` or `.`. */
export function priceOf(files: readonly PriceFile[], provider: string, model: string, kind: "chat" | "embedding"): { entry: PriceEntry; file: PriceFile } | undefined {
  const id = model.replace(PREFIXES, "");
  const own = files.find((f) => f.provider === provider);
  const search = own?.pricedAs && own.pricedAs !== "*" ? files.filter((f) => f.provider === own.pricedAs) : own && !own.pricedAs ? [own] : [];
  const found = best(search, id, kind);
  if (found) return found;
  // An OpenAI-compatible client, a router or a gateway: whichever vendor's file names the model (not a `*` catch-all).
  return best(files, id, kind, false);
}

function best(files: readonly PriceFile[], id: string, kind: "chat" | "embedding", wildcard = true): { entry: PriceEntry; file: PriceFile } | undefined {
  let hit: { entry: PriceEntry; file: PriceFile } | undefined;
  for (const file of files) {
    for (const entry of file.models) {
      if (entry.kind !== kind || (!wildcard && entry.model === "*")) continue;
      const m = entry.model;
      const matches = m === "*" || id === m || (id.startsWith(m) && /^[-@:.]/.test(id.slice(m.length)));
      if (!matches) continue;
      const len = m === "*" ? 0 : m.length;
      if (!hit || len > (hit.entry.model === "*" ? 0 : hit.entry.model.length)) hit = { entry, file };
    }
  }
  return hit;
}

/** The cost of one call of a site, at its worst case. */
export function costOf(site: DetectedSite, ctx: CheckContext): SiteCost {
  const chain = chainOf(site);
  const inner = chain[chain.length - 1]!;
  const model = site.model ?? inner.model;
  const unpriced = (basis: string): SiteCost => ({ model, inputTokens: null, outputTokens: null, usd: null, basis, capped: false });
  const files = loadPrices();
  const provider = inner.provider;
  const file = files.find((f) => f.provider === provider);
  if (inner.kind === "other-model") return unpriced(`unpriced: ${file?.unpriced["other-model"] ?? "image, audio and moderation models are not billed per token"}`);
  if (!model) return unpriced("unpriced: the model is not known in code (chosen at run time, from configuration or a parameter)");
  if (file?.why && !file.pricedAs) return unpriced(`unpriced: ${file.why}`);
  const kind = inner.kind === "embedding" ? "embedding" : "chat";
  const price = priceOf(files, provider, model, kind);
  if (!price) return unpriced(`unpriced: no ${kind} price for "${model}" in rules/prices/${file?.pricedAs && file.pricedAs !== "*" ? file.pricedAs : provider}.json`);
  const { entry } = price;
  const allowance = promptInputs(ctx).data.allowance;

  // Output: the cap when the code fixes it, else the model's limit.
  let outputTokens = 0;
  let outBasis = "no output (embedding)";
  let capped = kind === "embedding";
  if (kind === "chat") {
    const cap = outputCapOf(site, ctx);
    capped = !!cap;
    if (cap?.tokens !== null && cap?.tokens !== undefined) {
      outputTokens = Math.min(cap.tokens, entry.defaultOutput || cap.tokens);
      outBasis = `\`${cap.key}: ${fmt(cap.tokens)}\``;
    } else {
      outputTokens = entry.defaultOutput;
      outBasis = cap ? `\`${cap.key}\` set at run time, model limit ${fmt(entry.defaultOutput)}` : `no max_tokens, model limit ${fmt(entry.defaultOutput)}`;
    }
  }

  // Input: constant prompt text, plus the allowance for each input that can grow, within the window.
  const leaves = promptInputs(ctx).leavesOf(site);
  let chars = 0;
  const growing = new Set<string>();
  for (const l of leaves) {
    if (l.kind === "constant") chars += constantChars(l.at);
    else growing.add(l.what);
  }
  const constant = Math.ceil(chars / allowance.charsPerToken);
  let inputTokens = constant + growing.size * allowance.perGrowingInput;
  const windowed = entry.contextWindow > 0 && inputTokens > entry.contextWindow;
  if (windowed) inputTokens = entry.contextWindow;
  const usd = (inputTokens * entry.input + outputTokens * entry.output) / 1_000_000;
  const inBasis = `input ${fmt(inputTokens)} = ${fmt(constant)} of constant prompt${growing.size ? ` + ${growing.size} growing input${growing.size === 1 ? "" : "s"} × ${fmt(allowance.perGrowingInput)}` : ""}${windowed ? " (capped at the context window)" : ""}`;
  return {
    model,
    inputTokens,
    outputTokens,
    usd: Math.round(usd * 1e8) / 1e8,
    basis: `worst case: ${outBasis}; ${inBasis}; ${entry.model === "*" ? model : entry.model} at $${entry.input}/$${entry.output} per 1M tokens`,
    capped,
  };
}

/** Characters of a constant piece of prompt text (a literal or a template's fixed parts). */
function constantChars(n: ts.Node): number {
  if (ts.isStringLiteralLike(n) || ts.isTemplateHead(n)) {
    let len = n.text.length;
    if (ts.isTemplateHead(n)) for (const span of (n.parent as ts.TemplateExpression).templateSpans) len += span.literal.text.length;
    return len;
  }
  return 0;
}

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}
