/** Presentation facts of a site that the report's JSON leaves out: the callee's end (for editors' ranges) and the defaults the request runs with (for messages with numbers). */
import type { DetectedSite } from "./callSites/detect";
import type { Catalog } from "./catalog/load";
import type { ScanReport, SiteDefaults, SiteReport } from "./types";

/** The site that sends the request: a wrapper call's innermost SDK or HTTP call. */
function sender(site: DetectedSite): DetectedSite {
  let s = site;
  for (let i = 0; s.inner && i < 32; i++) s = s.inner;
  return s;
}

/**
 * The defaults a request gets when the code sets no timeout or retries: the SDK's (rules/providers),
 * or none for raw HTTP (fetch, axios, got and https have no timeout and do not retry a POST).
 */
export function siteDefaults(site: DetectedSite, catalog: Catalog): SiteDefaults | undefined {
  const s = sender(site);
  const named = catalog.providers.find((p) => p.id === s.provider);
  const provider = named?.name ?? s.provider;
  if (s.via === "http") return { sender: `\`${s.callee.split(".").pop() ?? s.callee}\``, provider, timeoutMs: null, maxRetries: 0 };
  const sdk = s.sdk ?? named;
  if (!sdk) return undefined;
  return { sender: sdk.name, provider: sdk.name, timeoutMs: sdk.defaults.timeoutMs, maxRetries: sdk.defaults.maxRetries };
}

/** End of the call's callee expression, 1-based and exclusive (as `endColumn`). */
export function calleeEnd(site: DetectedSite): { line: number; column: number } {
  const sf = site.file.sf;
  const p = sf.getLineAndCharacterOfPosition(site.call.expression.getEnd());
  return { line: p.line + 1, column: p.character + 1 };
}

/**
 * The report with `calleeEnd` and `defaults` on each site, matched to the detected sites by file and
 * start position. Sites without a match are left as they are (editors fall back to the start line).
 */
export function withSiteFacts(report: ScanReport, sites: readonly DetectedSite[], catalog: Catalog): ScanReport {
  const byStart = new Map<string, DetectedSite>();
  for (const s of sites) {
    const sf = s.file.sf;
    const p = sf.getLineAndCharacterOfPosition(s.call.getStart(sf));
    byStart.set(`${s.file.rel}:${p.line + 1}:${p.character + 1}`, s);
  }
  const enrich = (r: SiteReport): SiteReport => {
    const s = byStart.get(`${r.file}:${r.line}:${r.column}`);
    if (!s) return r;
    const defaults = siteDefaults(s, catalog);
    return { ...r, calleeEnd: calleeEnd(s), ...(defaults ? { defaults } : {}) };
  };
  return { ...report, sites: report.sites.map(enrich) };
}
