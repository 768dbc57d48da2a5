/** fallback: when the call fails, is there a degraded path, or is the error only logged or passed on? (rules/docs/fallback.md) */
import ts from "typescript";
import type { DetectedSite, SiteFinder } from "../../callSites/detect";
import { CHECK_VALUES } from "../../types";
import type { CheckContext } from "../checkContext";
import { defineCheck, type CheckOutcome } from "../defineCheck";
import { FailureHandling, type Handling } from "./failureHandling";
import { HelperLibraries } from "../../flow/helperLibraries";
import { bodyOf, carriesResult, followResult, walk } from "../../flow/outputFlow";
import { fallbackLibraries, type FallbackLibraries } from "../../flow/libraryData";
import { calleeName, constructionOf, matches } from "../validation/structuredOutput";
import { dispatchedStream, startsStream } from "../../flow/streamStart";

type Value = (typeof CHECK_VALUES.fallback)[number];

const RANK: Record<string, number> = { present: 2, "log-only": 1, none: 0 };
/** Wrapper levels followed (a wrapper of a wrapper is judged at every level). */
const MAX_DEPTH = 12;

interface Tools {
  data: FallbackLibraries;
  libs: HelperLibraries;
  handling: FailureHandling;
  memo: Map<DetectedSite, CheckOutcome<Value>>;
}

const toolsByFinder = new WeakMap<SiteFinder, Map<string, Tools>>();

function toolsOf(ctx: CheckContext): Tools {
  let bySettings = toolsByFinder.get(ctx.finder);
  if (!bySettings) toolsByFinder.set(ctx.finder, (bySettings = new Map()));
  const key = ctx.settings.wrappers.fallback.join("\0");
  let t = bySettings.get(key);
  if (!t) {
    const data = fallbackLibraries();
    const libs = new HelperLibraries(ctx.finder, ctx.catalog.checks.fallback.libraries);
    t = { data, libs, handling: new FailureHandling(ctx.finder, libs, data, ctx.settings.wrappers.fallback), memo: new Map() };
    bySettings.set(key, t);
  }
  return t;
}

export default defineCheck({
  id: "fallback",
  values: CHECK_VALUES.fallback,
  evaluate(site, ctx) {
    return judge(site, ctx, toolsOf(ctx), 0);
  },
});

/** The best of what the caller does around the call and what each wrapper level does around its request. */
function judge(site: DetectedSite, ctx: CheckContext, t: Tools, depth: number): CheckOutcome<Value> {
  const cached = t.memo.get(site);
  if (cached) return cached;
  // `runService("streamText", params)` where the wrapper dispatches `provider[serviceType](params)`: the
  // method started is a stream, returned before the request fails; no catch in the wrapper sees it.
  const streamed = site.via === "wrapper" && site.wrapper ? dispatchedStream(site.call, site.wrapper, ctx, t.data) : undefined;
  if (streamed) {
    const out: CheckOutcome<Value> = { value: "none", note: `the wrapper starts \`${streamed}\`, whose stream is returned before the request fails` };
    t.memo.set(site, out);
    return out;
  }
  let best = local(site, ctx, t);
  if (site.via === "wrapper" && site.inner && depth < MAX_DEPTH) {
    const inner = judge(site.inner, ctx, t, depth + 1);
    if (RANK[inner.value]! > RANK[best.value]!) best = { ...inner, note: `inside the wrapper: ${inner.note ?? inner.value}` };
  }
  t.memo.set(site, best);
  return best;
}

function local(site: DetectedSite, ctx: CheckContext, t: Tools): CheckOutcome<Value> {

  // LangChain `model.withFallbacks([...])` somewhere in how the runnable was built.
  if (site.via === "sdk") {
    const fb = constructionOf(site, ctx.finder).find((c) => matches(c, t.data.runnables.methods));
    if (fb) return { value: "present", evidence: fb, note: `the runnable is built with \`${calleeName(fb)}\`` };
  }
  // A model that switches to the next one on error (`model: createFallback({ models })`).
  for (const a of site.call.arguments) {
    const obj = ctx.finder.objectLiteral(a);
    const m = obj && ctx.finder.propertyExpr(obj, "model");
    const lib = m && t.libs.modelOf(m);
    if (lib) return { value: "present", evidence: m, note: `the model goes through ${lib.name}` };
  }
  if (site.via === "wrapper" && ctx.settings.wrappers.fallback.includes(calleeName(site.call))) {
    return { value: "present", evidence: site.call, note: `${calleeName(site.call)} is a fallback helper named in the settings` };
  }
  const streamStart = startsStream(site, t.data);
  if (streamStart) {
    for (const a of site.call.arguments) {
      const obj = ctx.finder.objectLiteral(a);
      const method = obj?.properties.find((p): p is ts.MethodDeclaration => ts.isMethodDeclaration(p) && ts.isIdentifier(p.name) && t.data.streamStarts.errorChannels.includes(p.name.text));
      const cb = method ?? (obj && t.data.streamStarts.errorChannels.map((k) => ctx.finder.propertyExpr(obj, k)).find((e) => !!e));
      if (cb) {
        const h = t.handling.errorChannel(cb, cb);
        return { value: h.value, evidence: h.at, note: h.note };
      }
    }
  }
  if (streamStart) {
    const on = errorListener(site);
    if (on) {
      const h = t.handling.errorChannel(on, on);
      return { value: h.value, evidence: on, note: h.note };
    }
  }
  // Around the call, and inside the generic HTTP helper it goes through (a failover loop over servers): the better counts.
  const outer = t.handling.around(site.call, streamStart) ?? streamHandling(site, t);
  const inner = outer?.value === "present" ? undefined : helperHandling(site, ctx, t);
  const h = inner && (!outer || inner.value === "present") ? inner : outer;
  if (h) return { value: h.value, evidence: h.at, note: h.note };
  return { value: "none", note: "nothing around the call catches its failure" };
}

/** A streamed answer fails while it is read: a catch around `for await (const chunk of stream)` handles the call's failure. */
function streamHandling(site: DetectedSite, t: Tools): Handling | undefined {
  let found: Handling | undefined;
  for (const seg of followResult(site.call)) {
    const body = bodyOf(seg.container);
    if (!body) continue;
    walk(body, (n) => {
      if (found?.value === "present" || !ts.isForOfStatement(n) || !n.awaitModifier || !carriesResult(seg, n.expression)) return;
      const h = t.handling.around(n.expression);
      if (h && (!found || h.value === "present")) found = { ...h, note: `while the stream is read: ${h.note}` };
    });
  }
  return found;
}

/** A raw HTTP site made through a generic helper (`fetchSSE(url, opts)`): the helper's own catches. */
function helperHandling(site: DetectedSite, ctx: CheckContext, t: Tools): Handling | undefined {
  if (site.via !== "http") return undefined;
  const v = ctx.finder.ev.eval(site.call.expression);
  if (v?.t !== "fn") return undefined;
  const h = t.handling.insideHelper(v.node);
  return h && { ...h, note: `inside ${calleeName(site.call)}: ${h.note}` };
}

/** The handler of the stream's `error` event (`stream.on("error", handler)`), where the stream is the call's result. */
function errorListener(site: DetectedSite): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  for (const seg of followResult(site.call)) {
    const body = bodyOf(seg.container);
    if (!body) continue;
    walk(body, (n) => {
      if (found || !ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !/^(on|once|addListener)$/.test(n.expression.name.text)) return;
      const [event, handler] = n.arguments;
      if (event && ts.isStringLiteralLike(event) && event.text === "error" && handler && carriesResult(seg, n.expression.expression)) found = handler;
    });
    if (found) break;
  }
  return found;
}
