/** `--format json`: the scan report of shared/CHECKS.md (version 1), as is; with a baseline, its comparison as `baseline` (an addition). */
import { comparisonJson, type Comparison } from "../core/baseline";
import type { ScanReport } from "../core/types";

export function formatJson(report: ScanReport, comparison?: Comparison): string {
  return `${JSON.stringify(comparison ? { ...report, baseline: comparisonJson(comparison) } : report, null, 2)}\n`;
}
