/** What checks see besides the site: the resolution machinery, the catalog, configuration and helpers. */
import ts from "typescript";
import type { Catalog } from "../catalog/load";
import type { Provider } from "../catalog/schema";
import type { DetectedSite, SiteFinder } from "../callSites/detect";
import type { ParsedFile, Workspace } from "../project";

/** Settings that change what checks accept (from configuration; defaults when absent). */
export interface CheckSettings {
  /** Names of workspace helpers the user declares as retry / timeout / fallback / usage wrappers. */
  wrappers: { retry: string[]; timeout: string[]; fallback: string[]; usage: string[] };
  /** Globs (relative to the root) of test and eval files. */
  evalGlobs: string[];
}

export const DEFAULT_CHECK_SETTINGS: CheckSettings = {
  wrappers: { retry: [], timeout: [], fallback: [], usage: [] },
  evalGlobs: [],
};

export interface CheckContext {
  workspace: Workspace;
  finder: SiteFinder;
  catalog: Catalog;
  settings: CheckSettings;
  /** Every site of the scan (for checks that look across sites, e.g. eval coverage). */
  sites: readonly DetectedSite[];
  /** Whether a workspace file (relative path) is a test or eval file. */
  isTestFile(rel: string): boolean;
  /** The SDK provider a site goes through (for wrapper sites: the innermost SDK site's), if any. */
  sdkOf(site: DetectedSite): Provider | undefined;
  /** The innermost site a wrapper site reaches (itself for SDK and HTTP sites). */
  innermost(site: DetectedSite): DetectedSite;
  /** `file:line` (relative to the root) of a node. */
  locate(node: ts.Node): string;
}

export function createContext(workspace: Workspace, finder: SiteFinder, catalog: Catalog, sites: readonly DetectedSite[], settings: CheckSettings, isTestFile: (rel: string) => boolean): CheckContext {
  const innermost = (s: DetectedSite): DetectedSite => {
    let x = s;
    for (let i = 0; x.inner && i < 20; i++) x = x.inner;
    return x;
  };
  return {
    workspace,
    finder,
    catalog,
    settings,
    sites,
    isTestFile,
    innermost,
    sdkOf: (s) => innermost(s).sdk,
    locate(node) {
      const sf = node.getSourceFile();
      const f: ParsedFile | undefined = workspace.get(sf.fileName);
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      return `${f?.rel ?? sf.fileName}:${line}`;
    },
  };
}
