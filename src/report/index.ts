/** The `--format` names and the one function that renders a report in any of them. */
import type { ScanReport } from "../core/types";
import { formatJson } from "./json";
import { formatMarkdown } from "./markdown";
import { formatSarif } from "./sarif";
import { formatText } from "./text";

export const FORMATS = ["text", "json", "sarif", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colours in `text` (ignored by the other formats). */
  color: boolean;
  /** `file:` URI of the scanned root, ending in `/` (SARIF `originalUriBaseIds`). */
  rootUri?: string;
}

export function formatReport(format: Format, report: ScanReport, options: RenderOptions): string {
  switch (format) {
    case "text":
      return formatText(report, { color: options.color });
    case "json":
      return formatJson(report);
    case "sarif":
      return formatSarif(report, { rootUri: options.rootUri });
    case "markdown":
      return formatMarkdown(report);
    default:
      return format satisfies never;
  }
}
