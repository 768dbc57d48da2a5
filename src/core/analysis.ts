/** What a scan knows before the checks run: its own module so that scan.ts and buildReport.ts do not import each other. */
import type { Catalog } from "./catalog/load";
import type { SiteFinder, DetectedSite } from "./callSites/detect";
import type { Workspace } from "./project";
import type { ResolvedConfig } from "./config";
import type { ScanError, ScanOptions, SkippedFile } from "./types";
import type { FileBudgets } from "./budget";
import type { ModuleSummary } from "./relevance";

export interface Analysis {
  catalog: Catalog;
  isTestFile: (rel: string) => boolean;
  workspace: Workspace;
  finder: SiteFinder;
  sites: DetectedSite[];
  skipped: SkippedFile[];
  errors: ScanError[];
  /** What each scanned file imports (for incremental updates: which files a change reaches). */
  summaries: Map<string, ModuleSummary>;
  /** The configuration the scan used (.llm-readiness.json or package.json `llmReadiness`; empty without one). */
  config: ResolvedConfig;
  /** The per-file time budgets of this scan (an incremental update starts new ones). */
  budgets: FileBudgets;
  /** The scan options after the configuration (the budget an update gets). */
  options: ScanOptions;
}
