/** usage: is the token usage of the response recorded, in code or by an observability wrapper or proxy? (rules/docs/usage.md) */
import ts from "typescript";
import { usesAny, type DetectedSite } from "../../callSites/detect";
import { CHECK_VALUES } from "../../types";
import type { CheckContext } from "../checkContext";
import { defineCheck } from "../defineCheck";
import { observabilityOf, type Observability, type UsageHit } from "./usageObservability";
import { propagate, resultPlaces } from "../../flow/resultPlaces";
import { recordedUsage, returnedUsageKeys } from "./usageRead";

/** How many wrapper levels up a returned response is followed to a caller that records its usage. */
const MAX_CALLER_DEPTH = 4;

export default defineCheck({
  id: "usage",
  values: CHECK_VALUES.usage,
  // judgeSite turns a failure into `unknown` (and lets the per-file time budget through).
  evaluate: judge,
});

function judge(site: DetectedSite, ctx: CheckContext): { value: "present" | "none"; evidence?: ts.Node; note?: string } {
  const obs = observabilityOf(ctx.catalog, ctx.workspace, ctx.finder, ctx.isTestFile);
  // The site and the sites its wrappers reach: usage recorded at any level counts (CHECKS.md "Call site").
  const chain: DetectedSite[] = [];
  for (let s: DetectedSite | undefined = site; s && chain.length < 12 && !chain.includes(s); s = s.inner) chain.push(s);
  for (const s of chain) {
    const hit = recordedAt(s, ctx, obs);
    if (hit) return { value: "present", evidence: hit.evidence, note: hit.note };
  }
  const up = recordedByCaller(site, ctx, obs, 0);
  if (up) return { value: "present", evidence: up.evidence, note: up.note };
  return { value: "none" };
}

const recordedMemo = new WeakMap<CheckContext, Map<DetectedSite, UsageHit | null>>();

/** Usage recorded at one site, memoized per scan: each wrapper site that reaches it asks again. */
function recordedAt(s: DetectedSite, ctx: CheckContext, obs: Observability): UsageHit | null {
  let memo = recordedMemo.get(ctx);
  if (!memo) recordedMemo.set(ctx, (memo = new Map()));
  if (memo.has(s)) return memo.get(s)!;
  const hit = recordedAtUncached(s, ctx, obs);
  memo.set(s, hit);
  return hit;
}

/** Usage recorded at one site: its client, its options, what its function does with the result. */
function recordedAtUncached(s: DetectedSite, ctx: CheckContext, obs: Observability): UsageHit | null {
  if (s.client?.observed) return { evidence: s.client.observed.at, note: `the client goes through ${s.client.observed.name}` };
  if (s.via === "wrapper") {
    const v = ctx.finder.ev.eval(s.call.expression);
    if (v?.t === "fn" && v.observed) return { evidence: v.observed.at, note: `the function is traced by ${v.observed.name}` };
  }
  const args = [...s.call.arguments];
  const configs = s.client?.configs ?? [];
  const proxy = s.via === "http" ? obs.proxyIn([s.call, ...args], s.url) : obs.proxyIn([...configs, ...args]);
  if (proxy) return proxy;
  if (s.via !== "wrapper") {
    const hit = obs.callbacksIn([...configs, ...args]) ?? obs.requestOptions([...args, ...configs]);
    if (hit) return hit;
  }
  const flow = resultPlaces(s.call, obs.read.isSite);
  // A wrapper that returns the token counts under keys of its own: its caller records those.
  const own = s.via === "wrapper" && s.inner ? resultPlaces(s.inner.call, obs.read.isSite).places.flatMap((p) => returnedUsageKeys(p, obs.read)) : [];
  const read = own.length ? { ...obs.read, keys: new Set([...obs.read.keys, ...own]) } : obs.read;
  for (const place of flow.places) {
    const rec = recordedUsage(place, read, s.call);
    if (rec) return { evidence: rec, note: "the response's token usage is logged or stored" };
  }
  for (let p: ts.Node | undefined = s.call.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p)) {
      const hit = obs.tracedFunction(p);
      if (hit) return hit;
    }
  }
  const named = namedWrapper(s, ctx.settings.wrappers.usage);
  if (named) return named;
  if (s.via === "sdk" && s.sdk) return obs.instrumentation(s.sdk.id);
  return null;
}

/**
 * A response returned to callers (wrapper sites whose `inner` is this site) that record its usage
 * there: `const res = await complete(...); log(res.usage)`.
 */
function recordedByCaller(s: DetectedSite, ctx: CheckContext, obs: Observability, depth: number): UsageHit | null {
  if (depth >= MAX_CALLER_DEPTH) return null;
  // Token counts the function returns under keys of its own (`return { text, inputTokens: res.usage.input_tokens }`).
  const own = resultPlaces(s.call, obs.read.isSite).places.flatMap((p) => returnedUsageKeys(p, obs.read));
  const read = own.length ? { ...obs.read, keys: new Set([...obs.read.keys, ...own]) } : obs.read;
  for (const caller of callersOf(ctx).get(s) ?? []) {
    const flow = resultPlaces(caller.call, obs.read.isSite);
    for (const place of flow.places) {
      const rec = recordedUsage(place, read, caller.call);
      if (rec) return { evidence: rec, note: "the response is returned to a caller that records its usage" };
    }
    if (flow.returned) {
      const up = recordedByCaller(caller, ctx, obs, depth + 1);
      if (up) return up;
    }
  }
  return null;
}

const callerCache = new WeakMap<readonly DetectedSite[], Map<DetectedSite, DetectedSite[]>>();

/** Wrapper sites by the site they reach (built once per scan). */
function callersOf(ctx: CheckContext): Map<DetectedSite, DetectedSite[]> {
  let m = callerCache.get(ctx.sites);
  if (!m) {
    m = new Map();
    for (const w of ctx.sites) {
      if (!w.inner) continue;
      const list = m.get(w.inner) ?? [];
      list.push(w);
      m.set(w.inner, list);
    }
    callerCache.set(ctx.sites, m);
  }
  return m;
}

/** A helper the user names as recording usage (`wrappers.usage`): around the call, or given its result. */
function namedWrapper(s: DetectedSite, names: readonly string[]): UsageHit | null {
  if (!names.length) return null;
  const named = (c: ts.CallExpression | ts.NewExpression) => {
    const e = c.expression;
    const last = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
    return !!last && names.includes(last);
  };
  for (let x: ts.Node = s.call; x.parent && !ts.isSourceFile(x.parent); x = x.parent) {
    const p = x.parent;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression !== x && named(p)) return { evidence: p, note: "the call goes through a usage helper named in the settings" };
  }
  for (const place of resultPlaces(s.call).places) {
    const carriers = propagate(place.scope, [...place.names, ...place.keyed.keys()]);
    const stack: ts.Node[] = [place.scope];
    while (stack.length) {
      const n = stack.pop()!;
      if (ts.isCallExpression(n) && named(n) && n.arguments.some((a) => usesAny(a, carriers))) return { evidence: n, note: "the response goes to a usage helper named in the settings" };
      n.forEachChild((c) => void stack.push(c));
    }
  }
  return null;
}
