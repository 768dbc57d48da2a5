/** timeout: is the request bounded in time? SDK defaults do not count (rules/docs/timeout.md, CHECKS.md). */
import ts from "typescript";
import type { DetectedSite } from "../../callSites/detect";
import type { FunctionNode } from "../../callSites/values";
import type { Provider } from "../../catalog/schema";
import { CHECK_VALUES } from "../../types";
import type { CheckContext } from "../checkContext";
import { defineCheck, type CheckOutcome } from "../defineCheck";
import { httpRequests, httpSources, requestSetTimeout } from "../../flow/httpRequest";
import { constantNumber, findOption, findOptions, isAbsent, unwrap, type OptionHit } from "../../flow/optionPaths";
import { returnedExpressions } from "../../callSites/strings";
import { clientCandidates, type ClientCandidate } from "../../flow/resolveClient";
import type { Found } from "../../flow/callContext";
import { formatDuration } from "../../messages";
import { chainOf, isStreaming, perScan, providerName } from "../../flow/siteChain";
import { TimeoutContext } from "./timeoutContext";
import { Timers } from "./timers";

type Value = (typeof CHECK_VALUES.timeout)[number];
type Outcome = CheckOutcome<Value>;

interface Tools {
  timers: Timers;
  around: TimeoutContext;
  /** Option names a caller may hand to a wrapper that forwards them (every provider's, plus raw HTTP's). */
  forwardKeys: { timeout: string[]; signal: string[] };
}

const memo = new WeakMap<CheckContext, Tools>();

function tools(ctx: CheckContext): Tools {
  return perScan(memo, ctx, () => {
    const timers = new Timers(ctx.finder);
    const rule = ctx.catalog.checks.timeout;
    const last = (p: string) => p.split(".").pop()!;
    const timeout = new Set<string>((rule.httpOptions.timeout ?? []).map(last));
    const signal = new Set<string>((rule.httpOptions.signal ?? []).map(last));
    for (const p of ctx.catalog.providers) {
      for (const t of p.options.timeout) if (last(t) !== "fetch") timeout.add(last(t));
      for (const s of p.options.signal) signal.add(last(s));
    }
    return {
      timers,
      around: new TimeoutContext(ctx.finder, rule.libraries, timers, ctx.settings.wrappers.timeout),
      forwardKeys: { timeout: [...timeout], signal: [...signal] },
    };
  });
}

/** What the request's own options and its client say. */
interface Verdict {
  value: Value;
  evidence?: ts.Node;
  note?: string;
  /** A total timeout was found, but nothing bounds the gap between stream chunks. */
  totalOnly?: boolean;
}

export default defineCheck({
  id: "timeout",
  values: CHECK_VALUES.timeout,
  evaluate(site, ctx): Outcome {
    const t = tools(ctx);
    const chain = chainOf(site);
    const inner = chain[chain.length - 1]!;
    const sdk = inner.sdk;
    const streaming = isStreaming(inner, ctx);
    const streamNote = (o: Outcome, totalOnly: boolean): Outcome =>
      streaming && totalOnly ? { ...o, note: joinNotes(o.note, "streaming: only a total timeout bounds the stream; a stream that stalls is cut only when it expires (add a per-chunk or inactivity bound)") } : o;

    // 1. The request and its client (the innermost SDK or HTTP call).
    const own = inner.via === "http" ? judgeHttp(inner, ctx, t) : inner.via === "sdk" ? judgeSdk(inner, ctx, t, chain.length > 1 ? chain[chain.length - 2]!.call : undefined) : undefined;
    if (own?.value === "explicit") return streamNote({ value: "explicit", evidence: own.evidence, note: own.note }, !!own.totalOnly);

    // 2. What runs the call at each level: Promise.race, a timeout library or helper, a deadline the caller passes down.
    for (let i = 0; i < chain.length; i++) {
      const level = chain[i]!;
      const hit = t.around.around(level.call) ?? (i < chain.length - 1 ? forwarded(level.call, level.wrapper, ctx, t) : undefined);
      if (hit) return streamNote({ value: "explicit", evidence: hit.at, note: `bounded by ${hit.what}` }, true);
    }

    if (!own) return { value: "unknown", note: "the request at the end of the wrapper chain could not be followed" };
    if (own.value === "unknown") return { value: "unknown", note: own.note ?? "the client's construction could not be followed", ...(own.evidence ? { evidence: own.evidence } : {}) };
    return { value: "none", evidence: own.evidence ?? inner.call, note: joinNotes(own.note, defaultsNote(inner, sdk)) };
  },
});

/** SDK request: request options, then every construction its client may come from. */
function judgeSdk(site: DetectedSite, ctx: CheckContext, t: Tools, via: ts.CallExpression | undefined): Verdict {
  const p = site.sdk!;
  const args = [...site.call.arguments];
  const request = fromOptions(args, p, ctx, t);
  if (request.value === "explicit") return request;
  const candidates = clientCandidates(site, ctx, via);
  if (candidates === null) {
    return { value: "unknown", note: joinNotes(request.note, "the client is a parameter and no workspace caller passes one we can follow") };
  }
  if (!candidates.length) return { ...request, evidence: request.evidence ?? site.call };
  const verdicts = candidates.map((c) => fromClient(c, p, ctx, t));
  const missing = verdicts.filter((v) => v.value !== "explicit");
  if (!missing.length) return verdicts[0]!;
  const none = missing[0]!;
  const note = candidates.length > 1 && missing.length < candidates.length ? `${missing.length} of the ${candidates.length} clients this call may use set no timeout` : undefined;
  return { value: "none", evidence: request.evidence ?? none.evidence, note: joinNotes(request.note, note) };
}

function fromClient(c: ClientCandidate, p: Provider, ctx: CheckContext, t: Tools): Verdict {
  const v = fromOptions([...c.configs].reverse(), p, ctx, t);
  return v.value === "explicit" ? v : { value: "none", evidence: c.origin ?? v.evidence, note: v.note };
}

/** Timeout and signal options in option objects (in priority order). */
function fromOptions(sources: ts.Expression[], p: Provider, ctx: CheckContext, t: Tools): Verdict {
  const hit = findOption(ctx.finder, sources, p.options.timeout);
  const chunk = findOption(ctx.finder, sources, p.options.chunkTimeout);
  if (hit && timeoutIsSet(hit, ctx, t)) return { value: "explicit", evidence: hit.value, totalOnly: !chunk };
  if (chunk) return { value: "explicit", evidence: chunk.value };
  return fromSignals(findOptions(ctx.finder, sources, p.options.signal), t, hit);
}

function fromSignals(signals: OptionHit[], t: Tools, off?: OptionHit): Verdict {
  let note: string | undefined = off ? `\`${off.path}\` is set to a value that turns the timeout off` : undefined;
  let evidence: ts.Node | undefined = off?.value;
  for (const s of signals) {
    const tie = t.timers.signal(s.value);
    if (tie.tie === "timer") return { value: "explicit", evidence: tie.at, totalOnly: true };
    evidence ??= s.value;
    note = joinNotes(note, tie.tie === "param" ? `\`${s.path}\` comes from the caller (\`${tie.name}\`), not from a timer` : `\`${s.path}\` is not tied to a timer (it aborts only on cancel)`);
  }
  return { value: "none", evidence, note };
}

/** Raw HTTP: the request's options (and an instance's), `req.setTimeout`, or the generic call inside an HTTP helper. */
function judgeHttp(site: DetectedSite, ctx: CheckContext, t: Tools): Verdict {
  const paths = ctx.catalog.checks.timeout.httpOptions;
  let last: Verdict = { value: "none", evidence: site.call };
  const requests = httpRequests(site, ctx);
  if (requests.some((r) => r.call !== site.call)) {
    // An HTTP helper (`this.fetch(url, { signal: AbortSignal.timeout(20_000) })`) hands its options on to the request.
    const given = forwarded(site.call, undefined, ctx, t);
    if (given) return { value: "explicit", evidence: given.at, note: `bounded by ${given.what}`, totalOnly: true };
  }
  for (const { call, via } of requests) {
    const sources = httpSources(call, ctx);
    const hit = findOption(ctx.finder, sources, paths.timeout ?? []);
    if (hit && timeoutIsSet(hit, ctx, t)) return { value: "explicit", evidence: hit.value, totalOnly: true };
    const set = requestSetTimeout(call, ctx.finder);
    if (set) return { value: "explicit", evidence: set, totalOnly: true };
    const s = fromSignals(findOptions(ctx.finder, sources, paths.signal ?? []), t, hit);
    if (s.value === "explicit") return s;
    // A connection agent built with a timeout, on the request or on a helper call on the way to it.
    const agent = agentTimeout([...sources, ...via.flatMap((c) => [...c.arguments])], paths.agent ?? [], ctx, t);
    if (agent) return { value: "explicit", evidence: agent, note: "the connection agent sets a socket timeout", totalOnly: true };
    // Inside HTTP helpers: a deadline a helper puts around its own request.
    for (const c of call === site.call ? [] : [...via, call]) {
      const around = t.around.around(c);
      if (around) return { value: "explicit", evidence: around.at, note: `bounded by ${around.what}` };
    }
    last = { value: "none", evidence: s.evidence ?? site.call, note: s.note };
  }
  return last;
}

/** The `timeout` of an agent (`agent: new https.Agent({ timeout })`, `dispatcher: new Agent({ bodyTimeout })`) among the option sources. */
function agentTimeout(sources: ts.Expression[], keys: string[], ctx: CheckContext, t: Tools): ts.Node | undefined {
  if (!keys.length) return undefined;
  for (const hit of findOptions(ctx.finder, sources, keys)) {
    const at = agentBuiltWithTimeout(hit.value, ctx, t, 0);
    if (at) return at;
  }
  return undefined;
}

/** Every agent an expression may be (`proxy ? new ProxyAgent(proxy, opts) : new https.Agent(opts)`) is built with a timeout. */
function agentBuiltWithTimeout(e: ts.Expression, ctx: CheckContext, t: Tools, depth: number): ts.Node | undefined {
  if (depth > 6) return undefined;
  const x = unwrap(e);
  if (ts.isConditionalExpression(x)) {
    const a = agentBuiltWithTimeout(x.whenTrue, ctx, t, depth + 1);
    return a && agentBuiltWithTimeout(x.whenFalse, ctx, t, depth + 1) ? a : undefined;
  }
  if (ts.isIdentifier(x)) {
    const init = ctx.finder.strings.initializerOf(x);
    return init ? agentBuiltWithTimeout(init, ctx, t, depth + 1) : undefined;
  }
  if (ts.isNewExpression(x)) {
    for (const a of x.arguments ?? []) {
      const at = optionsWithTimeout(a, ctx, t, depth + 1);
      if (at) return at;
    }
  }
  return undefined;
}

const AGENT_TIMEOUT_KEYS = ["timeout", "headersTimeout", "bodyTimeout", "connectTimeout"];

/** An options object (in place, in a const, or returned by a workspace helper such as `await agentOptions(cfg)`) that sets a timeout. */
function optionsWithTimeout(e: ts.Expression, ctx: CheckContext, t: Tools, depth: number): ts.Node | undefined {
  if (depth > 8) return undefined;
  const x = unwrap(e);
  const obj = ctx.finder.objectLiteral(x);
  if (obj) {
    for (const key of AGENT_TIMEOUT_KEYS) {
      const v = ctx.finder.propertyExpr(obj, key);
      if (v && !isAbsent(v) && timeoutIsSet({ path: key, value: v }, ctx, t)) return v;
    }
    return undefined;
  }
  if (ts.isIdentifier(x)) {
    const init = ctx.finder.strings.initializerOf(x);
    return init ? optionsWithTimeout(init, ctx, t, depth + 1) : undefined;
  }
  if (ts.isCallExpression(x)) {
    const fn = t.timers.functionOf(x.expression);
    if (!fn) return undefined;
    for (const r of returnedExpressions(fn)) {
      const at = optionsWithTimeout(r, ctx, t, depth + 1);
      if (at) return at;
    }
  }
  return undefined;
}

/** A timeout option that bounds something: not 0/undefined/Infinity; a custom `fetch` only when it enforces a deadline. */
function timeoutIsSet(hit: OptionHit, ctx: CheckContext, t: Tools): boolean {
  const x = unwrap(hit.value);
  if (x.kind === ts.SyntaxKind.NullKeyword || x.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (hit.path.split(".").pop() === "fetch") {
    const fn = t.timers.functionOf(x);
    return !!fn && !!t.timers.deadline(fn);
  }
  const n = constantNumber(ctx.finder, x);
  if (n !== null) return n > 0 && Number.isFinite(n);
  return true;
}

/**
 * A deadline the caller hands to the wrapper (`summarize(text, { timeout: 5_000 })`,
 * `ask(q, AbortSignal.timeout(5_000))`), when the wrapper reads that option.
 */
function forwarded(call: ts.CallExpression, wrapper: FunctionNode | undefined, ctx: CheckContext, t: Tools): Found | undefined {
  const body = wrapper?.getText() ?? "";
  const reads = (key: string) => !wrapper || new RegExp(`\\b${key}\\b`).test(body);
  for (const a of call.arguments) {
    const direct = t.timers.signal(a);
    if (direct.tie === "timer") return { at: direct.at, what: "a timer signal passed to the wrapper" };
    const obj = ctx.finder.objectLiteral(a);
    if (!obj) continue;
    for (const key of t.forwardKeys.timeout) {
      const v = ctx.finder.propertyExpr(obj, key);
      if (v && reads(key) && timeoutIsSet({ path: key, value: v }, ctx, t)) return { at: v, what: `\`${key}\` passed to the wrapper` };
    }
    for (const key of t.forwardKeys.signal) {
      const v = ctx.finder.propertyExpr(obj, key);
      const tie = v && reads(key) ? t.timers.signal(v) : undefined;
      if (tie?.tie === "timer") return { at: tie.at, what: `\`${key}\` passed to the wrapper` };
    }
  }
  return undefined;
}

/** What the SDK does when nothing is set (numbers from rules/providers). */
function defaultsNote(site: DetectedSite, sdk: Provider | undefined): string {
  const name = providerName(site, sdk);
  if (!sdk) return `${name} has no timeout of its own: the request can hang forever`;
  const { timeoutMs, maxRetries } = sdk.defaults;
  const wait = timeoutMs === null ? `${name} has no default timeout: the request can hang forever` : `${name} waits up to ${formatDuration(timeoutMs)} by default`;
  return maxRetries >= 3 ? `${wait}, and retries ${maxRetries} times by default, each attempt as long` : wait;
}

function joinNotes(a: string | undefined, b: string | undefined): string | undefined {
  return a && b ? `${a}; ${b}` : (a ?? b);
}
