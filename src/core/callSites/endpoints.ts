/** Matches URL patterns (from strings.ts) against the LLM endpoints of the catalog: which vendor, which kind. */
import type { Catalog } from "../catalog/load";
import type { SiteKind } from "../types";

export interface EndpointMatch {
  provider: string;
  kind: SiteKind;
}

interface CompiledEndpoint {
  re: RegExp;
  kind: SiteKind;
  provider: string;
  /** The provider file the endpoint comes from. */
  owner: string;
  hostOnly: boolean;
  appRoute: boolean;
}

export class EndpointMatcher {
  private readonly endpoints: CompiledEndpoint[];
  private readonly hosts: { host: string; provider: string }[];

  constructor(catalog: Catalog) {
    this.endpoints = catalog.providers.flatMap((p) =>
      p.endpoints.map((e) => ({ re: new RegExp(e.url), kind: e.kind, provider: e.provider ?? p.id, owner: p.id, hostOnly: e.hostOnly ?? false, appRoute: e.appRoute ?? false })),
    );
    this.hosts = catalog.http.hosts;
    // Vendors without an SDK: their paths count on their own host only.
    for (const e of catalog.http.endpoints) this.endpoints.unshift({ re: new RegExp(e.url), kind: e.kind, provider: e.provider, owner: e.provider, hostOnly: e.host !== undefined, appRoute: false });
  }

  /** The vendor whose API a host serves, if known. */
  vendorOfHost(url: string): string | undefined {
    const m = /^(?:https?:)?\/\/([^/?#]+)/i.exec(url);
    if (!m) return undefined;
    const host = m[1]!.toLowerCase();
    const named = this.hosts.find((h) => host === h.host || host.endsWith("." + h.host) || host.endsWith(h.host))?.provider;
    if (named) return named;
    // A vendor known by its port (`localhost:11434` for Ollama) on another machine (`gpu-box:11434`).
    const port = /:(\d+)$/.exec(host)?.[1];
    return port ? this.hosts.find((h) => h.host.endsWith(`:${port}`))?.provider : undefined;
  }

  /** The host a URL names literally (`http://localhost:3000/...`), lower-cased; none for a path or a host from config. */
  private literalHost(url: string): string | undefined {
    return /^(?:https?:)?\/\/([^/?#$`{}]+)/i.exec(url)?.[1]?.toLowerCase();
  }

  /**
   * The endpoint a URL pattern reaches. `relativeOk`: a path without a host counts (it is handed to a
   * helper that adds the host); a bare `/api/...` given straight to fetch is the app's own route.
   */
  match(url: string, relativeOk: boolean): EndpointMatch | null {
    const relative = url.startsWith("/") && !url.startsWith("//");
    if (relative && !relativeOk) return null;
    const path = url.replace(/^(?:https?:)?\/\/[^/]*/i, "");
    const hostVendor = this.vendorOfHost(url);
    for (const e of this.endpoints) {
      if (!e.re.test(path) || (e.hostOnly && hostVendor !== e.owner)) continue;
      // `http://localhost:3000/api/chat`, `https://app.example.com/api/chat`: the app's own route, not the vendor's.
      const literal = e.appRoute ? this.literalHost(url) : undefined;
      if (literal && hostVendor !== e.owner && !literal.includes(e.owner)) continue;
      // Paths every OpenAI-compatible server offers are reported under the host's vendor.
      return { provider: e.provider !== e.owner ? e.provider : (hostVendor ?? e.provider), kind: e.kind };
    }
    return null;
  }
}
