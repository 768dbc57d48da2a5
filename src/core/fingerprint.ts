/**
 * Finding identities that survive edits (baselines, SARIF `partialFingerprints`): a site is known by its file,
 * the path of named scopes around it, its provider and callee, and its rank among the same calls in that scope;
 * a finding adds its check and value. Never a line or a column, so inserted lines, reformatting and moving a
 * function within its file keep the identity; a changed value or a call to another target does not. The scope
 * path comes from the syntax tree (./scopePath.ts); this module has no TypeScript, so the extension host can
 * compare with a baseline.
 */
import { createHash } from "node:crypto";
import { CHECK_IDS, type CheckId, type SiteReport } from "./types";

/** Bumped when what is hashed changes (the SARIF key carries it). */
export const FINGERPRINT_VERSION = 2;

/** Digests already computed (a session rebuilds the report on every edit, mostly of the same sites); bounded. */
const digests = new Map<string, string>();

function hash(s: string, hex = 16): string {
  const key = `${hex}\0${s}`;
  let d = digests.get(key);
  if (d === undefined) {
    if (digests.size >= 50_000) digests.clear();
    d = createHash("sha256").update(s).digest("hex").slice(0, hex);
    digests.set(key, d);
  }
  return d;
}

/** What identifies a site apart from its rank. */
export interface SiteShape {
  file: string;
  scope: string;
  provider: string;
  callee: string;
}

const shapeKey = (s: SiteShape) => `${s.file}\0${s.scope}\0${s.provider}\0${s.callee.replace(/\s+/g, "")}`;

export function siteFingerprint(shape: SiteShape, rank: number): string {
  return hash(`v${FINGERPRINT_VERSION}\0${shapeKey(shape)}\0${rank}`);
}

/** A finding's identity: its site's, its check and the check's value. */
export function findingFingerprint(site: string, check: CheckId, value: string): string {
  return hash(`${site}\0${check}\0${value}`);
}

/**
 * `fingerprint` and `fingerprints` on every site. The rank counts the sites of the same shape before it in
 * source order, so `sites` must be sorted by file and position. A site without `scope` (a report built
 * elsewhere) is ranked within its file.
 */
export function withFingerprints<S extends SiteReport>(sites: readonly S[]): S[] {
  const seen = new Map<string, number>();
  return sites.map((site) => {
    const shape = { file: site.file, scope: site.scope ?? "", provider: site.provider, callee: site.callee };
    const key = shapeKey(shape);
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    const fingerprint = siteFingerprint(shape, rank);
    const fingerprints = Object.fromEntries(CHECK_IDS.map((c) => [c, findingFingerprint(fingerprint, c, site.checks[c].value)])) as Record<CheckId, string>;
    return { ...site, fingerprint, fingerprints };
  });
}
