/**
 * Messages between the readiness panel's webview (src/webview/panel.ts) and the extension
 * (src/extension/panel/ReadinessPanel.ts), as zod discriminated unions. Both sides `safeParse` what
 * they receive; a malformed message is logged and dropped. No `vscode` and no DOM here.
 */
import { z } from "zod";
import { ScanReportSchema, SiteReportSchema } from "../core/report";
import { CHECK_IDS } from "../core/types";
import type { TrendPoint as TrendPointType } from "../panel/trend";

const Check = z.enum(CHECK_IDS);
/** A workspace folder's URI (`vscode.Uri.toString()`); the extension only acts on folders of the workspace. */
const FolderUri = z.string().min(1);
/** Answers of the test-only probe carry the probe's id. */
const ProbeId = z.int().min(1);

/** A point of the score trend (src/panel/trend.ts), as stored in workspaceState and sent to the webview. */
export const TrendPoint: z.ZodType<TrendPointType> = z.object({ at: z.int().min(0), score: z.number().min(0).max(100) });

/** The panel's filters of the call sites and files. */
export const Filters = z.object({
  check: Check.optional(),
  provider: z.string().optional(),
  /** A directory of the folder (`src/lib`): files under it. */
  dir: z.string().optional(),
});
export type Filters = z.infer<typeof Filters>;

/** What the webview keeps across reloads (`vscode.setState`): the chosen folder and filters. */
export const PanelViewState = z.object({ folder: z.string().optional(), filters: Filters });
export type PanelViewState = z.infer<typeof PanelViewState>;

/** A check's title, one-line consequence and score weight (rules/checks/<id>.json). */
export const CheckText = z.object({ title: z.string(), consequence: z.string(), weight: z.number().positive() });

/** The report with each site's SDK defaults (src/core/siteFacts.ts), so the panel speaks of the providers present. */
const PanelReport = ScanReportSchema.extend({
  sites: z.array(
    SiteReportSchema.extend({
      defaults: z.object({ sender: z.string(), provider: z.string(), timeoutMs: z.number().nullable(), maxRetries: z.int().min(0) }).optional(),
    }),
  ),
});

/** One workspace folder: its latest report (the `--format json` contract), or why there is none yet. */
export const FolderState = z.object({
  uri: FolderUri,
  name: z.string(),
  /** `ready` with a report; `analysing` before the first report; `failed` when the analysis failed (`message` says why). */
  status: z.enum(["ready", "analysing", "failed"]),
  report: PanelReport.nullable(),
  message: z.string().optional(),
  /** The folder's score over time, oldest first; the last point is the current report's. */
  trend: z.array(TrendPoint),
});
export type FolderState = z.infer<typeof FolderState>;

/** Extension → webview. */
export const ToWebview = z.discriminatedUnion("type", [
  /** Everything the panel shows; sent after `webview/ready` and whenever a report changes. */
  z.object({
    type: z.literal("panel/state"),
    folders: z.array(FolderState),
    checks: z.record(Check, CheckText),
  }),
  /** Test only (e2e): answer with `test/snapshot`, the text of every `data-testid` element as rendered. */
  z.object({ type: z.literal("test/probe"), id: ProbeId }),
  /** Test only (e2e): `.click()` the element with this `data-testid`, then answer `test/clicked`. */
  z.object({ type: z.literal("test/click"), id: ProbeId, testId: z.string().min(1) }),
]);
export type ToWebview = z.infer<typeof ToWebview>;

/** Webview → extension. */
export const FromWebview = z.discriminatedUnion("type", [
  /** The script runs and listens: the extension answers with `panel/state`. */
  z.object({ type: z.literal("webview/ready") }),
  /**
   * Open a call site in the editor with its call selected. `file` is relative to `folder` (`/`
   * separators); the extension re-checks that it lies inside the folder before opening anything.
   */
  z.object({ type: z.literal("site/reveal"), folder: FolderUri, file: z.string().min(1), line: z.int().min(1), column: z.int().min(1) }),
  /** Open the docs page of a check (rules/docs/<id>.md). */
  z.object({ type: z.literal("check/docs"), check: Check }),
  /** Write the folder's report as Markdown (the CLI's `--format markdown`) to a file the user picks. */
  z.object({ type: z.literal("report/export"), folder: FolderUri }),
  /** Copy the same Markdown to the clipboard. */
  z.object({ type: z.literal("report/copy"), folder: FolderUri }),
  /** Rescan every folder ("Rescan Workspace"). */
  z.object({ type: z.literal("scan/rerun") }),
  /** Test only: the answer to `test/probe`, by `data-testid`. */
  z.object({ type: z.literal("test/snapshot"), id: ProbeId, texts: z.record(z.string(), z.string()) }),
  /** Test only: the answer to `test/click`; `found` is false when no element had the id. */
  z.object({ type: z.literal("test/clicked"), id: ProbeId, found: z.boolean() }),
]);
export type FromWebview = z.infer<typeof FromWebview>;
