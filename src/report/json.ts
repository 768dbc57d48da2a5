/** `--format json`: the scan report of shared/CHECKS.md (version 1), as is. */
import type { ScanReport } from "../core/types";

export function formatJson(report: ScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
