/** The zod schema of the scan report (`--format json`, version 1), the contract of ../shared/CHECKS.md. */
import { z } from "zod";
import { CHECK_IDS, CHECK_VALUES, type CheckId } from "./types";

const Status = z.enum(["pass", "warn", "fail", "unknown"]);
const Grade = z.enum(["A", "B", "C", "D", "E", "F"]);
/** A severity set by the configuration (`off`: the check is turned off and left out of the score). */
const ConfiguredSeverity = z.enum(["error", "warning", "info", "hint", "off"]);

const checkResult = <C extends CheckId>(id: C) =>
  z.object({
    value: z.enum(CHECK_VALUES[id] as unknown as [string, ...string[]]),
    status: Status,
    evidence: z.string().optional(),
    note: z.string().optional(),
    severity: ConfiguredSeverity.optional(),
  });

export const SiteReportSchema = z.object({
  file: z.string().regex(/^[^\\]+$/, "relative path with / separators"),
  line: z.int().min(1),
  column: z.int().min(1),
  endLine: z.int().min(1),
  endColumn: z.int().min(1),
  provider: z.string().min(1),
  sdk: z.string().min(1).optional(),
  resolution: z.enum(["traced", "shape"]).optional(),
  test: z.boolean().optional(),
  kind: z.enum(["chat", "embedding", "other-model"]),
  callee: z.string().min(1),
  model: z.string().nullable(),
  score: z.number().min(0).max(100),
  checks: z.object({
    timeout: checkResult("timeout"),
    retry: checkResult("retry"),
    validation: checkResult("validation"),
    fallback: checkResult("fallback"),
    usage: checkResult("usage"),
    eval: checkResult("eval"),
    context: checkResult("context"),
    limits: checkResult("limits"),
  }),
  suppressed: z.array(z.object({ check: z.enum(CHECK_IDS), reason: z.string().min(1), at: z.string() })),
  via: z.string().optional(),
  /** Identity across edits (src/core/fingerprint.ts): additions to version 1. */
  scope: z.string().optional(),
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/).optional(),
  fingerprints: z.object(Object.fromEntries(CHECK_IDS.map((c) => [c, z.string().regex(/^[0-9a-f]{16}$/)])) as Record<CheckId, z.ZodString>).optional(),
  /** Worst-case cost of one call (additive in version 1). */
  cost: z
    .object({
      model: z.string().nullable(),
      inputTokens: z.int().min(0).nullable(),
      outputTokens: z.int().min(0).nullable(),
      usd: z.number().min(0).nullable(),
      basis: z.string().min(1),
      capped: z.boolean(),
    })
    .optional(),
});

const counts = z.object({ pass: z.int().min(0), warn: z.int().min(0), fail: z.int().min(0), unknown: z.int().min(0) });

export const ScanReportSchema = z.object({
  version: z.literal(1),
  tool: z.object({ name: z.literal("llm-readiness"), version: z.string() }),
  root: z.string(),
  score: z.number().min(0).max(100),
  grade: Grade,
  summary: z.object({
    files: z.int().min(0),
    sites: z.int().min(0),
    byCheck: z.object(Object.fromEntries(CHECK_IDS.map((c) => [c, counts])) as Record<CheckId, typeof counts>),
    skipped: z.int().min(0),
    testSites: z.int().min(0).optional(),
  }),
  sites: z.array(SiteReportSchema),
  /** Files with sites, worst first: each file's score is the mean of its sites' (rules/docs/score.md). */
  files: z.array(z.object({ file: z.string(), score: z.number().min(0).max(100), grade: Grade, sites: z.int().min(1) })),
  skipped: z.array(
    z.object({
      file: z.string(),
      reason: z.enum(["too-large", "binary", "minified", "unreadable", "symlink-loop", "excluded", "time-budget"]),
      detail: z.string().optional(),
    }),
  ),
  errors: z.array(z.object({ file: z.string(), message: z.string().min(1), line: z.int().min(1).optional() })),
  /** The configuration the scan read, with the file it came from; absent when there was none. */
  config: z
    .object({
      source: z.string(),
      include: z.array(z.string()).optional(),
      exclude: z.array(z.string()).optional(),
      severity: z.partialRecord(z.enum(CHECK_IDS), ConfiguredSeverity).optional(),
      wrappers: z.partialRecord(z.enum(["retry", "timeout", "fallback", "usage"]), z.array(z.string())).optional(),
      evalGlobs: z.array(z.string()).optional(),
      minScore: z.number().min(0).max(100).optional(),
      fileBudgetMs: z.int().min(1).optional(),
    })
    .optional(),
});
