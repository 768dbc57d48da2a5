/** What a fix builder sees: the site as detected and as reported, the checks' resolution machinery, options, and the workspace around it. */
import fs from "node:fs";
import path from "node:path";
import type { DetectedSite } from "../callSites/detect";
import type { CheckContext } from "../checks/checkContext";
import type { ParsedFile } from "../project";
import type { SiteReport } from "../types";
import type { EditTarget } from "./edit/objects";
import type { FixOptions } from "./types";

export interface FixContext {
  site: DetectedSite;
  report: SiteReport;
  checks: CheckContext;
  options: FixOptions;
  /** The site's file, for edits. */
  target: EditTarget;
  /** Another workspace file, for edits (the client's construction in its own module). */
  targetOf(file: ParsedFile): EditTarget;
  /** Whether a workspace path (relative to the root) exists: scanned, created by an earlier fix, or on disk. */
  exists(rel: string): boolean;
  /** Packages the site's nearest package.json declares, with their version ranges. */
  dependencies: ReadonlyMap<string, string>;
}

export function targetOf(file: ParsedFile): EditTarget {
  return { sf: file.sf, file: file.rel };
}

export function createFixContext(site: DetectedSite, report: SiteReport, checks: CheckContext, options: FixOptions): FixContext {
  const ws = checks.workspace;
  return {
    site,
    report,
    checks,
    options,
    target: targetOf(site.file),
    targetOf,
    exists(rel) {
      const abs = path.join(ws.root, rel);
      return ws.files.has(abs) || ws.dormant.has(abs) || fs.existsSync(abs);
    },
    dependencies: dependenciesOf(site.file.abs, ws.root),
  };
}

const packageCache = new Map<string, { mtimeMs: number; deps: Map<string, string> }>();

/** The dependencies of the package.json nearest to a file, within the root (read as JSON, never run). */
export function dependenciesOf(abs: string, root: string): Map<string, string> {
  for (let dir = path.dirname(abs); ; dir = path.dirname(dir)) {
    const pj = path.join(dir, "package.json");
    try {
      const st = fs.statSync(pj);
      const hit = packageCache.get(pj);
      if (hit && hit.mtimeMs === st.mtimeMs) return hit.deps;
      const json = JSON.parse(fs.readFileSync(pj, "utf8")) as Record<string, unknown>;
      const deps = new Map<string, string>();
      for (const key of ["peerDependencies", "devDependencies", "dependencies"]) {
        const d = json[key];
        if (d && typeof d === "object") for (const [k, v] of Object.entries(d)) if (typeof v === "string") deps.set(k, v);
      }
      packageCache.set(pj, { mtimeMs: st.mtimeMs, deps });
      return deps;
    } catch {
      // no package.json here (or unreadable): go up
    }
    if (dir === root || path.dirname(dir) === dir || !dir.startsWith(root)) return new Map();
  }
}
