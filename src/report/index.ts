/** The `--format` names and the one function that renders a report in any of them. */
import type { Comparison } from "../core/baseline";
import type { ScanReport } from "../core/types";
import { comparisonMarkdown, comparisonText, formatGithub } from "./baseline";
import { formatJson } from "./json";
import { formatMarkdown } from "./markdown";
import { formatSarif } from "./sarif";
import { formatText } from "./text";

export const FORMATS = ["text", "json", "sarif", "markdown", "github"] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colours in `text` (ignored by the other formats). */
  color: boolean;
  /** `file:` URI of the scanned root, ending in `/` (SARIF `originalUriBaseIds`). */
  rootUri?: string;
  /** The comparison with a baseline (`--baseline`, `--baseline-ref`): every format shows what is new. */
  comparison?: Comparison;
}

export function formatReport(format: Format, report: ScanReport, options: RenderOptions): string {
  switch (format) {
    case "text":
      return formatText(report, { color: options.color }) + (options.comparison ? comparisonText(options.comparison).join("\n") : "");
    case "json":
      return formatJson(report, options.comparison);
    case "sarif":
      return formatSarif(report, { rootUri: options.rootUri, comparison: options.comparison });
    case "markdown":
      return formatMarkdown(report, options.comparison ? comparisonMarkdown(options.comparison) : []);
    case "github":
      return formatGithub(report, options.comparison);
    default:
      return format satisfies never;
  }
}
