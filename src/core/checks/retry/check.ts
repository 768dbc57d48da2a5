/** retry: are transient failures (429, 5xx, dropped connections) retried? (rules/docs/retry.md, CHECKS.md) */
import ts from "typescript";
import type { DetectedSite } from "../../callSites/detect";
import type { FunctionNode } from "../../callSites/values";
import type { Provider } from "../../catalog/schema";
import { CHECK_VALUES } from "../../types";
import type { CheckContext } from "../checkContext";
import { defineCheck, type CheckOutcome } from "../defineCheck";
import { httpRequests, httpSources } from "../../flow/httpRequest";
import { constantNumber, findOption, optionAt, unwrap } from "../../flow/optionPaths";
import { clientCandidates, type ClientCandidate } from "../../flow/resolveClient";
import type { Found } from "../../flow/callContext";
import { RetryContext } from "./retryContext";
import { chainOf, perScan, providerName } from "../../flow/siteChain";
import { Timers } from "../timeout/timers";
import { fallbackLibraries, type FallbackLibraries } from "../../flow/libraryData";
import { awaitsResult, dispatchedStream, startsStream } from "../../flow/streamStart";

type Value = (typeof CHECK_VALUES.retry)[number];
type Outcome = CheckOutcome<Value>;

interface Tools {
  around: RetryContext;
  streams: FallbackLibraries;
  /** Retry option names a caller may hand to a wrapper that forwards them, by meaning. */
  forwardKeys: { retries: string[]; attempts: string[] };
}

const memo = new WeakMap<CheckContext, Tools>();

function tools(ctx: CheckContext): Tools {
  return perScan(memo, ctx, () => {
    const rule = ctx.catalog.checks.retry;
    const last = (p: string) => p.split(".").pop()!;
    const retries = new Set<string>();
    const attempts = new Set<string>();
    for (const p of ctx.catalog.providers) {
      for (const r of p.options.retries) retries.add(last(r));
      for (const a of p.options.attempts) attempts.add(last(a));
    }
    return {
      around: new RetryContext(ctx.finder, rule.libraries, new Timers(ctx.finder), ctx.settings.wrappers.retry),
      streams: fallbackLibraries(),
      forwardKeys: { retries: [...retries], attempts: [...attempts] },
    };
  });
}

/** What an option turns retries to. */
interface Setting {
  on: boolean;
  at: ts.Node;
  path: string;
}

/** Order of the values for combining several possible clients: the weakest wins. */
const RANK: Record<Value, number> = { none: 0, unknown: 1, "sdk-default": 2, explicit: 3 };

export default defineCheck({
  id: "retry",
  values: CHECK_VALUES.retry,
  evaluate(site, ctx): Outcome {
    const t = tools(ctx);
    const chain = chainOf(site);
    const inner = chain[chain.length - 1]!;

    // 1. What runs the call at each level: a retry library, a retrying helper, a loop, recursion; an option the caller passes down.
    const stream = streamLevel(chain, ctx, t);
    for (let i = 0; i < chain.length; i++) {
      const level = chain[i]!;
      let hit = t.around.around(level.call) ?? (i < chain.length - 1 ? forwarded(level.call, level.wrapper, ctx, t) : undefined);
      // Recursion counted by a parameter that defaults to 0 retries only for the callers that pass a count.
      if (hit && i > 0 && !t.around.countPassed(hit.at, chain[i - 1]!.call, ctx.finder)) hit = undefined;
      // Around a call that returns a stream before the request fails, a retry sees no failure unless it awaits the stream.
      if (hit && i >= stream && !(isLoopNode(hit.at) && awaitsResult(hit.at.statement, level.call))) hit = undefined;
      if (hit) return { value: "explicit", evidence: hit.at, note: `retried by ${hit.what}` };
    }
    const model = t.around.modelWrapper(inner.call);
    if (model) return { value: "explicit", evidence: model.at, note: `retried by ${model.what}` };

    // 2. The request and its client.
    if (inner.via === "http") return judgeHttp(inner, ctx, t);
    if (inner.via !== "sdk" || !inner.sdk) return { value: "unknown", note: "the request at the end of the wrapper chain could not be followed" };
    return judgeSdk(inner, inner.sdk, ctx, chain.length > 1 ? chain[chain.length - 2]!.call : undefined);
  },
});

/**
 * The first level from which the request returns its stream before it fails (CHECKS.md stream rule): a
 * wrapper call that names a stream-starting method the wrapper dispatches by name (`run("streamText", p)`),
 * or the stream-starting SDK call itself; chain.length when the chain does not start a stream.
 */
function streamLevel(chain: DetectedSite[], ctx: CheckContext, t: Tools): number {
  for (const [i, level] of chain.entries()) {
    if (level.via === "wrapper" && level.wrapper && dispatchedStream(level.call, level.wrapper, ctx, t.streams)) return i;
  }
  return startsStream(chain[chain.length - 1]!, t.streams) ? chain.length - 1 : chain.length;
}

function isLoopNode(n: ts.Node): n is ts.IterationStatement {
  return ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n);
}

function judgeSdk(site: DetectedSite, p: Provider, ctx: CheckContext, via: ts.CallExpression | undefined): Outcome {
  const request = setting([...site.call.arguments], p, ctx);
  if (request) return fromSetting(request);
  const candidates = clientCandidates(site, ctx, via);
  if (candidates === null) return { value: "unknown", note: "the client is a parameter and no workspace caller passes one we can follow" };
  if (!candidates.length) return fromDefault(site, p, site.call);
  const outcomes = candidates.map((c) => fromClient(site, c, p, ctx));
  let worst = outcomes[0]!;
  for (const o of outcomes) if (RANK[o.value] < RANK[worst.value]) worst = o;
  const differ = outcomes.some((o) => o.value !== worst.value);
  return differ ? { ...worst, note: `${worst.note ? worst.note + "; " : ""}the ${candidates.length} clients this call may use differ; the weakest counts` } : worst;
}

function fromClient(site: DetectedSite, c: ClientCandidate, p: Provider, ctx: CheckContext): Outcome {
  const chained = withRetryIn(c);
  if (chained) return { value: "explicit", evidence: chained, note: "retried by `.withRetry()`" };
  const s = setting([...c.configs].reverse(), p, ctx);
  if (s) return fromSetting(s);
  return fromDefault(site, p, c.origin ?? site.call);
}

function fromSetting(s: Setting): Outcome {
  return s.on ? { value: "explicit", evidence: s.at } : { value: "none", evidence: s.at, note: `\`${s.path}\` turns retries off` };
}

function fromDefault(site: DetectedSite, p: Provider, evidence: ts.Node): Outcome {
  const n = p.defaults.maxRetries;
  if (n > 0) return { value: "sdk-default", evidence, note: `${p.name} retries ${n} times by default` };
  return { value: "none", evidence, note: `${providerName(site, p)} does not retry by default` };
}

/** The first retry option set in the sources (priority order), and whether it leaves retries on. */
function setting(sources: ts.Expression[], p: Provider, ctx: CheckContext): Setting | undefined {
  for (const src of sources) {
    for (const path of p.options.retries) {
      const v = optionAt(ctx.finder, src, path);
      if (v) return { on: retriesOn(v, "retries", ctx), at: v, path };
    }
    for (const path of p.options.attempts) {
      const v = optionAt(ctx.finder, src, path);
      if (v) return { on: retriesOn(v, "attempts", ctx), at: v, path };
    }
  }
  return undefined;
}

/**
 * Whether a retry option's value retries: counts of retries above 0, of attempts above 1; option
 * objects (`retryOptions`, Mistral `retryConfig`) unless they say `strategy: "none"` or count 0;
 * values computed at run time count as set.
 */
function retriesOn(v: ts.Expression, kind: "retries" | "attempts", ctx: CheckContext, depth = 0): boolean {
  const x = unwrap(v);
  if (x.kind === ts.SyntaxKind.FalseKeyword || x.kind === ts.SyntaxKind.NullKeyword) return false;
  const n = constantNumber(ctx.finder, x);
  if (n !== null) return kind === "retries" ? n > 0 : n > 1;
  const obj = ctx.finder.objectLiteral(x);
  if (obj && depth < 3) {
    const strategy = ctx.finder.propertyExpr(obj, "strategy");
    const s = strategy && ctx.finder.strings.exact(strategy);
    if (s === "none") return false;
    for (const k of ["retries", "maxRetries", "limit"]) {
      const e = ctx.finder.propertyExpr(obj, k);
      if (e) return retriesOn(e, "retries", ctx, depth + 1);
    }
    for (const k of ["attempts", "maxAttempts", "stopAfterAttempt"]) {
      const e = ctx.finder.propertyExpr(obj, k);
      if (e) return retriesOn(e, "attempts", ctx, depth + 1);
    }
    return true;
  }
  // `new ConfiguredRetryStrategy(4, ...)`: the first argument counts attempts.
  if (ts.isNewExpression(x) && x.arguments?.[0]) {
    const first = constantNumber(ctx.finder, x.arguments[0]);
    if (first !== null) return first > 1;
  }
  return true;
}

/** LangChain `.withRetry(...)` anywhere in the chain that built the runnable (not `withFallbacks`). */
function withRetryIn(c: ClientCandidate): ts.Node | undefined {
  const calls: ts.Node[] = [];
  for (const e of c.configs) if (e.parent && ts.isCallExpression(e.parent)) calls.push(e.parent);
  if (c.origin) {
    for (let x: ts.Node | undefined = c.origin, i = 0; x && i < 12; i++) {
      calls.push(x);
      if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression)) x = unwrap(x.expression.expression);
      else break;
    }
  }
  return calls.find((n) => ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "withRetry");
}

/** Raw HTTP: a retry inside the HTTP helpers, retry options of the client (got `retry`), else none: fetch and axios do not retry. */
function judgeHttp(site: DetectedSite, ctx: CheckContext, t: Tools): Outcome {
  const paths = ctx.catalog.checks.retry.httpOptions;
  for (const { call, via } of httpRequests(site, ctx)) {
    for (const c of call === site.call ? [] : [...via, call]) {
      const hit = t.around.around(c);
      if (hit) return { value: "explicit", evidence: hit.at, note: `retried by ${hit.what}` };
    }
    const sources = httpSources(call, ctx);
    const r = findOption(ctx.finder, sources, paths.retries ?? []);
    if (r) return retriesOn(r.value, "retries", ctx) ? { value: "explicit", evidence: r.value } : { value: "none", evidence: r.value, note: `\`${r.path}\` turns retries off` };
    const a = findOption(ctx.finder, sources, paths.attempts ?? []);
    if (a) return retriesOn(a.value, "attempts", ctx) ? { value: "explicit", evidence: a.value } : { value: "none", evidence: a.value };
  }
  return { value: "none", evidence: site.call, note: `raw HTTP (${site.provider}) is not retried unless the code does it` };
}

/** A retry option the caller hands to a wrapper that reads it (`summarize(text, { maxRetries: 3 })`). */
function forwarded(call: ts.CallExpression, wrapper: FunctionNode | undefined, ctx: CheckContext, t: Tools): Found | undefined {
  const body = wrapper?.getText() ?? "";
  const reads = (key: string) => !wrapper || new RegExp(`\\b${key}\\b`).test(body);
  for (const a of call.arguments) {
    const obj = ctx.finder.objectLiteral(a);
    if (!obj) continue;
    for (const [kind, keys] of [["retries", t.forwardKeys.retries], ["attempts", t.forwardKeys.attempts]] as const) {
      for (const key of keys) {
        const v = ctx.finder.propertyExpr(obj, key);
        if (v && reads(key) && retriesOn(v, kind, ctx)) return { at: v, what: `\`${key}\` passed to the wrapper` };
      }
    }
  }
  return undefined;
}
