/**
 * Messages between the extension host (src/extension/analysisClient.ts) and the analysis worker
 * (src/extension/worker.ts), as zod discriminated unions. Both sides `safeParse` what they receive.
 */
import { z } from "zod";
import { ScanReportSchema, SiteReportSchema } from "../core/report";

const RequestId = z.int().min(1);
/** An absolute folder path: one analysis session per workspace folder. */
const Root = z.string().min(1);

/** The scan options the host may set (settings); the rest of ScanOptions (logger, progress, overlay) is the worker's. */
export const WorkerScanOptions = z.object({
  include: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  maxFileBytes: z.int().positive().optional(),
});
export type WorkerScanOptions = z.infer<typeof WorkerScanOptions>;

/** A file's new text (an unsaved buffer or new disk content), or null when it was deleted. */
export const FileChange = z.object({ abs: z.string().min(1), text: z.string().nullable() });

/** The report as editors get it: sites also carry `calleeEnd` and `defaults` (src/core/siteFacts.ts). */
export const EditorReport = ScanReportSchema.extend({
  sites: z.array(
    SiteReportSchema.extend({
      calleeEnd: z.object({ line: z.int().min(1), column: z.int().min(1) }).optional(),
      defaults: z.object({ sender: z.string(), provider: z.string(), timeoutMs: z.number().nullable(), maxRetries: z.int().min(0) }).optional(),
    }),
  ),
});

/** Host → worker. */
export const ToWorker = z.discriminatedUnion("type", [
  /** Scan the folder from scratch (startup, rescan, configuration change); replaces its session. */
  z.object({
    type: z.literal("session/open"),
    id: RequestId,
    root: Root,
    options: WorkerScanOptions,
    /** Unsaved buffers by absolute path. */
    overlay: z.array(z.tuple([z.string(), z.string()])),
  }),
  /** Re-analyse changed files in the folder's open session. */
  z.object({ type: z.literal("session/update"), id: RequestId, root: Root, changes: z.array(FileChange) }),
  /** Forget the folder's session (folder removed). */
  z.object({ type: z.literal("session/close"), root: Root }),
  /** Stop a running open or update; it answers `request/failed` with `cancelled: true`. */
  z.object({ type: z.literal("request/cancel"), id: RequestId }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

/** A configuration problem located in its file, for a diagnostic there. */
export const ConfigProblem = z.object({ file: z.string(), line: z.int().min(1), message: z.string() });
export type ConfigProblem = z.infer<typeof ConfigProblem>;

/** Worker → host. */
export const FromWorker = z.discriminatedUnion("type", [
  /** Files read and parsed so far by an open. */
  z.object({ type: z.literal("scan/progress"), id: RequestId, done: z.int().min(0), total: z.int().min(0) }),
  /** The folder's report after an open or an update; `ms` is the time the worker spent. */
  z.object({ type: z.literal("request/done"), id: RequestId, report: EditorReport, ms: z.number().min(0) }),
  /** An open or update that did not finish: cancelled, or an error (an invalid configuration carries its problems). */
  z.object({
    type: z.literal("request/failed"),
    id: RequestId,
    cancelled: z.boolean(),
    message: z.string(),
    /** Set when the update needs a full open first (the folder has no session). */
    needsOpen: z.boolean().optional(),
    problems: z.array(ConfigProblem).optional(),
  }),
  /** A line for the "LLM Readiness" log (the core's Logger, bridged). */
  z.object({ type: z.literal("log"), level: z.enum(["info", "warn", "error"]), message: z.string() }),
]);
export type FromWorker = z.infer<typeof FromWorker>;
export type EditorReport = z.infer<typeof EditorReport>;
