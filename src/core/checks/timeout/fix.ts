/**
 * timeout fixes (rules/docs/timeout.md "Quick fix"): bound the request with the SDK's own option,
 * written where rules/providers/<id>.json `fixes.timeout` says (request options, the request's
 * `config.httpOptions`, `send`'s `abortSignal`, fetch's `signal`). The request is preferred: a
 * shared client may serve slower calls. A wrapper call is fixed at the request inside the wrapper.
 */
import ts from "typescript";
import type { DetectedSite } from "../../callSites/detect";
import type { FixPlace } from "../../catalog/schema";
import { isStreaming } from "../../flow/siteChain";
import { httpRequests } from "../../flow/httpRequest";
import type { FixContext } from "../../fixes/context";
import { defineFix } from "../../fixes/defineFix";
import { clientPlace, fillValue, insideWrapper, placeApplies, placesOf, receiverPlace, requestPlace, targetOfNode, type PlacedOption } from "../../fixes/optionPlaces";

export { formatMs } from "../../fixes/optionPlaces";

export default defineFix({
  check: "timeout",
  build(ctx) {
    const inner = ctx.checks.innermost(ctx.site);
    const placed = inner.via === "sdk" ? sdkPlaces(ctx, inner) : inner.via === "http" ? httpPlaces(ctx, inner) : [];
    const where = inner === ctx.site ? "" : ` ${insideWrapper(inner)}`;
    return placed.map((p) => ({ title: titleOf(p) + where, strategy: "native", safe: p.safe, edits: p.edits }));
  },
});


function sdkPlaces(ctx: FixContext, site: DetectedSite): PlacedOption[] {
  const t = targetOfNode(ctx, site.call);
  if (!t) return [];
  const out: PlacedOption[] = [];
  const streaming = isStreaming(site, ctx.checks);
  const places = placesOf(ctx.checks, site, "timeout").filter((p) => p.on !== "client" && placeApplies(ctx.checks, site, p));
  // A stream: first an option that does not cut a healthy answer (per chunk, until the response starts).
  const ordered = streaming ? [...places.filter((p) => (p.stream ?? "total") !== "total"), ...places.filter((p) => (p.stream ?? "total") === "total")] : places;
  for (const place of ordered) {
    const bound = streaming ? streamBound(ctx, site, place) : { options: ctx.options };
    const value = fillValue(place.value, bound.options);
    const placed = place.on === "request" ? requestPlace(ctx, site, place, value, t) : place.on === "receiver" ? receiverPlace(site, place, value, t) : undefined;
    // One request fix is enough: the first that applies is the SDK's preferred option.
    if (placed) return [{ ...placed, ...(bound.kind ? { kind: bound.kind } : {}), safe: placed.safe && !bound.cuts }];
  }
  // No per-request option (LangChain embeddings): the client's, when the calls it serves all lack one.
  for (const place of placesOf(ctx.checks, site, "timeout")) {
    if (place.on !== "client" || !placeApplies(ctx.checks, site, place)) continue;
    const placed = clientPlace(ctx, site, place, fillValue(place.value, ctx.options), "timeout");
    if (placed) out.push(placed);
    break;
  }
  return out;
}

/** Raw HTTP: the request that goes out (inside an HTTP helper when the site calls one), with the client's option. */
function httpPlaces(ctx: FixContext, site: DetectedSite): PlacedOption[] {
  const out: PlacedOption[] = [];
  for (const { call } of httpRequests(site, ctx.checks)) {
    const request: DetectedSite = call === site.call ? site : { ...site, call };
    const t = targetOfNode(ctx, call);
    if (!t) return [];
    let placed: PlacedOption | undefined;
    for (const place of placesOf(ctx.checks, request, "timeout")) {
      if (place.on !== "request" || !placeApplies(ctx.checks, request, place)) continue;
      const bound = isStreaming(site, ctx.checks) ? streamBound(ctx, site, place) : { options: ctx.options };
      placed = requestPlace(ctx, request, place, fillValue(place.value, bound.options), t);
      if (placed) placed = { ...placed, ...(bound.kind ? { kind: bound.kind } : {}), safe: placed.safe && !bound.cuts };
      if (placed) break;
    }
    // Every request the site sends must be bounded; one we cannot edit leaves the finding.
    if (!placed) return [];
    out.push(placed);
  }
  if (out.length <= 1) return out;
  return [{ ...out[0]!, edits: out.flatMap((p) => p.edits), safe: out.every((p) => p.safe) }];
}

/** What the written bound does to a stream, for the title; `cuts`: a total that ends a healthy answer running longer. */
interface StreamBound {
  options: FixContext["options"];
  kind?: string;
  cuts?: boolean;
}

/**
 * The bound a place writes on a streaming call: a per-chunk option, one that ends at the response's
 * start, or a total. A total is no shorter than the route's `maxDuration` when the file declares one
 * (the platform ends the stream then anyway); without one it would cut a long answer: not safe.
 */
function streamBound(ctx: FixContext, site: DetectedSite, place: FixPlace): StreamBound {
  const kind = place.stream ?? "total";
  if (kind === "chunk") return { options: ctx.options, kind: "per-chunk timeout" };
  if (kind === "response-start") return { options: ctx.options, kind: "until the response starts; the stream is not cut" };
  const seconds = maxDurationOf(site.file.sf) ?? maxDurationOf(ctx.site.file.sf);
  if (seconds !== undefined) {
    const ms = Math.max(ctx.options.timeoutMs, seconds * 1000);
    return { options: { ...ctx.options, timeoutMs: ms }, kind: `total, no shorter than the route's maxDuration of ${seconds} s` };
  }
  return { options: ctx.options, kind: `total: cuts a stream that runs longer than ${ctx.options.timeoutMs / 1000} s`, cuts: true };
}

/** `export const maxDuration = 45` (a Next.js / Vercel route's limit in seconds). */
export function maxDurationOf(sf: ts.SourceFile): number | undefined {
  for (const s of sf.statements) {
    if (!ts.isVariableStatement(s) || !s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const d of s.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === "maxDuration" && d.initializer && ts.isNumericLiteral(d.initializer)) return Number(d.initializer.text);
    }
  }
  return undefined;
}

function titleOf(p: PlacedOption & { kind?: string }): string {
  const t = baseTitle(p);
  return p.kind ? `${t} (${p.kind})` : t;
}

function baseTitle(p: PlacedOption): string {
  if (p.combines !== undefined) return `Combine \`${p.combines}\` with \`${p.written.slice(p.written.indexOf(": ") + 2)}\` in \`${p.place.on === "receiver" ? p.place.method : p.place.path}\``;
  const verb = p.replaces !== undefined ? "Set" : "Add";
  if (p.place.on === "client") {
    const scope = p.client?.others ? ` (also changes ${p.client.others} other call${p.client.others === 1 ? " that has" : "s that have"} no such finding)` : "";
    return `${verb} \`${p.written}\` on the client at ${p.client?.at ?? "its construction"}${scope}`;
  }
  if (p.place.on === "receiver") return `Bound the call with \`${p.written}\``;
  const where = p.place.arg === undefined ? "the request options" : "the request";
  return p.replaces !== undefined ? `Set \`${p.written}\` in ${where} (was \`${p.replaces}\`)` : `Add \`${p.written}\` to ${where}`;
}
