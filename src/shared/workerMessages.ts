/**
 * Messages between the extension host (src/extension/analysisClient.ts) and the analysis worker
 * (src/extension/worker.ts), as zod discriminated unions. Both sides `safeParse` what they receive.
 */
import { z } from "zod";
import { ScanReportSchema, SiteReportSchema } from "../core/report";
import { CHECK_IDS } from "../core/types";
import { FixOptionsSchema } from "./fixOptions";

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

/** A path relative to the folder, `/`-separated (as in the report). */
const RelPath = z.string().min(1);

/** A quick-fix as the core builds it (src/core/fixes/types.ts): offsets into the texts the worker holds. */
export const TextEditSchema = z.object({ file: RelPath, start: z.int().min(0), end: z.int().min(0), newText: z.string() });
export const FixSchema = z.object({
  check: z.enum(CHECK_IDS),
  title: z.string().min(1),
  strategy: z.enum(["native", "wrapper"]),
  safe: z.boolean(),
  edits: z.array(TextEditSchema),
  create: z.array(z.object({ file: RelPath, text: z.string() })),
  site: z.object({ file: RelPath, line: z.int().min(1), column: z.int().min(1) }),
});
export type WireFix = z.infer<typeof FixSchema>;

/** A file a fix-all changed: its text before, after, and the edits from one to the other (offsets into `before`). */
export const FixedFile = z.object({
  file: RelPath,
  before: z.string(),
  after: z.string(),
  edits: z.array(TextEditSchema),
  /** Per edit, the checks whose fixes made it (the refactor preview groups by check). */
  checks: z.array(z.array(z.enum(CHECK_IDS))).optional(),
});
export type FixedFile = z.infer<typeof FixedFile>;

const SiteOptionSchema = z.object({ name: z.string(), on: z.enum(["request", "client", "receiver"]) });

/** The report as editors get it: sites also carry `calleeEnd` and `defaults` (src/core/siteFacts.ts). */
export const EditorReport = ScanReportSchema.extend({
  sites: z.array(
    SiteReportSchema.extend({
      calleeEnd: z.object({ line: z.int().min(1), column: z.int().min(1) }).optional(),
      defaults: z
        .object({
          sender: z.string(),
          provider: z.string(),
          timeoutMs: z.number().nullable(),
          maxRetries: z.int().min(0),
          options: z
            .object({
              timeout: z.array(SiteOptionSchema),
              signal: z.string().optional(),
              retry: z.array(SiteOptionSchema),
              noClient: z.boolean().optional(),
            })
            .optional(),
        })
        .optional(),
      ignored: z.array(z.object({ check: z.enum(CHECK_IDS), reason: z.string(), at: z.string(), why: z.string() })).optional(),
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
  /**
   * The fixes of the sites on lines `from`-`to` (1-based) of a file, computed against `text`, the editor's
   * buffer: the session is synced to it (and to the other unsaved buffers in `changes`) first, so the
   * offsets match the document. Answered by `fixes/site`.
   */
  z.object({
    type: z.literal("fixes/site"),
    id: RequestId,
    root: Root,
    abs: z.string().min(1),
    text: z.string(),
    lines: z.object({ from: z.int().min(1), to: z.int().min(1) }),
    changes: z.array(FileChange),
    options: FixOptionsSchema,
  }),
  /**
   * Every fix of the files (all of the folder when absent), applied one by one in the session and then undone,
   * so the session returns to the editor's texts; answered by `fixes/all` with each changed file's texts.
   */
  z.object({
    type: z.literal("fixes/all"),
    id: RequestId,
    root: Root,
    files: z.array(RelPath).optional(),
    checks: z.array(z.enum(CHECK_IDS)).optional(),
    /** Only this call (the lightbulb's "Make this call production-ready"): its file and 1-based start. */
    site: FixSchema.shape.site.optional(),
    safeOnly: z.boolean(),
    changes: z.array(FileChange),
    options: FixOptionsSchema,
  }),
  /** The CLI's `--format markdown` text of a report (the readiness panel's export): the worker holds the catalog the formatter reads. */
  z.object({ type: z.literal("report/markdown"), id: RequestId, report: ScanReportSchema }),
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
  /** The answer to `fixes/site` (a failure answers `request/failed`). */
  z.object({ type: z.literal("fixes/site"), id: RequestId, fixes: z.array(FixSchema) }),
  /** The answer to `fixes/all`: changed files, files to create, and the fixes applied or undone (their finding stayed). */
  z.object({
    type: z.literal("fixes/all"),
    id: RequestId,
    files: z.array(FixedFile),
    created: z.array(z.object({ file: RelPath, text: z.string(), checks: z.array(z.enum(CHECK_IDS)).optional() })),
    applied: z.array(FixSchema.pick({ check: true, title: true, site: true })),
    failed: z.array(z.object({ check: z.enum(CHECK_IDS), title: z.string(), site: FixSchema.shape.site, reason: z.string() })),
  }),
  /** The answer to `report/markdown` (a failure answers `request/failed`). */
  z.object({ type: z.literal("report/markdown"), id: RequestId, text: z.string() }),
  /** A line for the "LLM Readiness" log (the core's Logger, bridged). */
  z.object({ type: z.literal("log"), level: z.enum(["info", "warn", "error"]), message: z.string() }),
]);
export type FromWorker = z.infer<typeof FromWorker>;
export type EditorReport = z.infer<typeof EditorReport>;
/** What `fixes/all` answers. */
export type FixAllAnswer = Extract<FromWorker, { type: "fixes/all" }>;
