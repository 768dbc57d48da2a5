/** Which npm module specifiers the catalog knows (an SDK, a generic HTTP client, an observability wrapper). */
import type { Catalog } from "./load";

export function knownPackageMatcher(catalog: Catalog): (spec: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const add = (p: string) => (p.endsWith("*") ? prefixes.push(p.slice(0, -1)) : exact.add(p));
  for (const p of catalog.providers) p.packages.forEach(add);
  for (const c of Object.values(catalog.http.clients)) c.packages.filter((p) => p !== "global").forEach(add);
  for (const w of catalog.observability.wrappers) w.packages.forEach(add);
  const cache = new Map<string, boolean>();
  return (spec) => {
    let r = cache.get(spec);
    if (r === undefined) {
      r = exact.has(spec) || prefixes.some((x) => spec.startsWith(x));
      cache.set(spec, r);
    }
    return r;
  };
}
