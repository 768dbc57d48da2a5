/** Presentation facts of a site that the report's JSON leaves out: the callee's end (for editors' ranges), the defaults and options the request runs with (for messages with numbers and option names), suppressions ignored for a placeholder reason. */
import type ts from "typescript";
import type { DetectedSite } from "./callSites/detect";
import type { Catalog } from "./catalog/load";
import type { FixPlace, Provider } from "./catalog/schema";
import type { CheckContext } from "./checks/checkContext";
import { placeApplies, placesOf } from "./fixes/optionPlaces";
import { ignoredSuppressionsFor, readSuppressions, statementOf } from "./suppressions";
import type { ScanReport, SiteDefaults, SiteOption, SiteOptions, SiteReport } from "./types";

/** The site that sends the request: a wrapper call's innermost SDK or HTTP call. */
function sender(site: DetectedSite): DetectedSite {
  let s = site;
  for (let i = 0; s.inner && i < 32; i++) s = s.inner;
  return s;
}

/**
 * The vendor that serves the request, as a user names it ("when OpenAI is down"): the catalog name of the
 * site's `provider` (without a package note), or words for an unknown one; never the name of an SDK that
 * serves other vendors' models (one with `vendors` packages in rules/providers: the AI SDK, LangChain).
 */
export function vendorName(providerId: string, catalog: Catalog): string {
  const named = catalog.providers.find((p) => p.id === providerId);
  if (named && !Object.keys(named.vendors).length) return named.name.replace(/\s*\(.*\)\s*$/, "");
  if (!named && providerId && providerId !== "unknown") return providerId;
  return "the model provider";
}

/**
 * The defaults a request gets when the code sets no timeout or retries: the SDK's (rules/providers),
 * or none for raw HTTP (fetch, axios, got and https have no timeout and do not retry a POST).
 */
export function siteDefaults(site: DetectedSite, catalog: Catalog, ctx?: CheckContext): SiteDefaults | undefined {
  const s = sender(site);
  const named = catalog.providers.find((p) => p.id === s.provider);
  const provider = vendorName(s.via === "http" ? s.provider : (site.vendor ?? s.vendor ?? s.provider), catalog);
  const options = siteOptions(s, catalog, ctx);
  if (s.via === "http") return { sender: `\`${s.callee.split(".").pop() ?? s.callee}\``, provider, timeoutMs: null, maxRetries: 0, options };
  const sdk = s.sdk ?? named;
  if (!sdk) return undefined;
  return { sender: sdk.name, provider, timeoutMs: sdk.defaults.timeoutMs, maxRetries: sdk.defaults.maxRetries, options };
}

/** A place whose value is a signal (`abortSignal: AbortSignal.timeout(ms)`) names the signal option, not a timeout. */
const isSignal = (p: FixPlace) => p.on !== "receiver" && /AbortSignal\./.test(p.value);

/**
 * The options a message may name for this call: where the quick-fixes would write a timeout and retries
 * (rules/providers `fixes`, rules/http.json), as they apply to this call (its method, package, version)
 * when the checks' context is given, or those that apply to every call of the SDK otherwise.
 */
export function siteOptions(s: DetectedSite, catalog: Catalog, ctx?: CheckContext): SiteOptions {
  const applying = (check: "timeout" | "retry"): FixPlace[] => {
    if (ctx) return placesOf(ctx, s, check).filter((p) => placeApplies(ctx, s, p));
    const fixes =
      s.via === "sdk" ? s.sdk?.fixes : s.via === "http" && /(^|\.)fetch$/.test(s.callee) ? catalog.http.clients.fetch?.fixes : undefined;
    return (fixes?.[check] ?? []).filter((p) => !p.methods && !p.since);
  };
  return optionsFrom(applying("timeout"), applying("retry"), s.via === "sdk" ? s.sdk : undefined);
}

/** The options named by the timeout and retry places that apply to a call of `sdk` (undefined: an HTTP client). */
export function optionsFrom(timeoutPlaces: FixPlace[], retryPlaces: FixPlace[], sdk: Provider | undefined): SiteOptions {
  const hasClient = sdk ? sdk.options.clientArg !== null : false;
  const named = (places: FixPlace[], clientNames: readonly string[]): SiteOption[] => {
    const out: SiteOption[] = [];
    for (const p of places) {
      if (p.on === "receiver") out.push({ name: `.${p.method}()`, on: "receiver" });
      else out.push({ name: p.path, on: p.on });
      // A top-level request option the client's constructor takes as well (`timeout`, `maxRetries` for OpenAI).
      if (p.on === "request" && hasClient && !p.path.includes(".") && clientNames.includes(p.path)) out.push({ name: p.path, on: "client" });
    }
    return out.filter((o, i) => out.findIndex((x) => x.name === o.name && x.on === o.on) === i);
  };
  const signalPlace = timeoutPlaces.find(isSignal);
  // The SDK's signal option is advice only where a timeout can be written at all (an SDK the data knows how to fix).
  const signal = signalPlace && signalPlace.on !== "receiver" ? signalPlace.path : timeoutPlaces.length ? sdk?.options.signal[0] : undefined;
  return {
    timeout: named(timeoutPlaces.filter((p) => !isSignal(p)), sdk?.options.timeout ?? []),
    ...(signal ? { signal } : {}),
    retry: named(retryPlaces, sdk?.options.retries ?? []),
    ...(sdk && !hasClient ? { noClient: true } : {}),
  };
}

/** End of the call's callee expression, 1-based and exclusive (as `endColumn`). */
export function calleeEnd(site: DetectedSite): { line: number; column: number } {
  const sf = site.file.sf;
  const p = sf.getLineAndCharacterOfPosition(site.call.expression.getEnd());
  return { line: p.line + 1, column: p.character + 1 };
}

/**
 * The report with `calleeEnd` and `defaults` on each site, matched to the detected sites by file and
 * start position (`ctx`, the checks' context, narrows the option names to those that apply to each call). Sites without a match are left as they are (editors fall back to the start line).
 */
export function withSiteFacts(report: ScanReport, sites: readonly DetectedSite[], catalog: Catalog, ctx?: CheckContext): ScanReport {
  const byStart = new Map<string, DetectedSite>();
  for (const s of sites) {
    const sf = s.file.sf;
    const p = sf.getLineAndCharacterOfPosition(s.call.getStart(sf));
    byStart.set(`${s.file.rel}:${p.line + 1}:${p.character + 1}`, s);
  }
  const enrich = (r: SiteReport): SiteReport => {
    const s = byStart.get(`${r.file}:${r.line}:${r.column}`);
    if (!s) return r;
    const defaults = siteDefaults(s, catalog, ctx);
    const sf = s.file.sf;
    const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const ignored = ignoredSuppressionsFor(readSuppressions(sf), r.file, { line: r.line, statementLine: line(statementOf(s.call)) });
    return { ...r, calleeEnd: calleeEnd(s), ...(defaults ? { defaults } : {}), ...(ignored.length ? { ignored } : {}) };
  };
  return { ...report, sites: report.sites.map(enrich) };
}

/**
 * The defaults of a report's site without its detected call (a report read back, the CLI's SARIF): its
 * provider's, with the options that apply to every call of the SDK. A wrapper's site (`via`) may reach any
 * SDK or HTTP call: none.
 */
export function reportSiteDefaults(site: SiteReport, catalog: Catalog): SiteDefaults | undefined {
  if (site.defaults) return site.defaults;
  if (site.via) return undefined;
  const sdk = catalog.providers.find((p) => p.id === site.provider);
  const last = site.callee.split(".").pop() ?? site.callee;
  const fetchFixes = catalog.http.clients.fetch?.fixes;
  if (last === "fetch" && fetchFixes) {
    const general = fetchFixes.timeout.filter((p) => !p.methods && !p.since);
    return { sender: "`fetch`", provider: vendorName(site.provider, catalog), timeoutMs: null, maxRetries: 0, options: optionsFrom(general, [], undefined) };
  }
  if (!sdk) return undefined;
  const general = (places: FixPlace[]) => places.filter((p) => !p.methods && !p.since);
  return {
    sender: sdk.name,
    provider: vendorName(site.provider, catalog),
    timeoutMs: sdk.defaults.timeoutMs,
    maxRetries: sdk.defaults.maxRetries,
    options: optionsFrom(general(sdk.fixes.timeout), general(sdk.fixes.retry), sdk),
  };
}
