/** Core data types shared by the scanner, the checks, the CLI and the extension (no `vscode` here). */

/** The six checks of ../shared/CHECKS.md, in report order. */
export const CHECK_IDS = ["timeout", "retry", "validation", "fallback", "usage", "eval"] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** The values each check can take, best first (CHECKS.md). */
export const CHECK_VALUES = {
  timeout: ["explicit", "none", "unknown"],
  retry: ["explicit", "sdk-default", "none", "unknown"],
  validation: ["schema", "guarded-parse", "text", "unchecked", "n/a", "unknown"],
  fallback: ["present", "log-only", "none", "unknown"],
  usage: ["present", "none", "unknown"],
  eval: ["covered", "none", "unknown"],
} as const satisfies Record<CheckId, readonly string[]>;
export type CheckValue<C extends CheckId = CheckId> = (typeof CHECK_VALUES)[C][number];

export type CheckStatus = "pass" | "warn" | "fail" | "unknown";
export type SiteKind = "chat" | "embedding" | "other-model";

/** A source range; every number is 1-based, columns count UTF-16 code units as editors do. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One check's verdict on one call site. */
export interface CheckResult {
  value: string;
  status: CheckStatus;
  /** `file:line` (relative to the scanned root) of what decided the value. */
  evidence?: string;
  /** Why the value is what it is, when that is not obvious (always set for `unknown`). */
  note?: string;
}

export interface Suppression {
  check: CheckId;
  reason: string;
  /** `file:line` of the comment. */
  at: string;
}

/** A call site as it appears in the report (`--format json`, CHECKS.md). */
export interface SiteReport extends Location {
  provider: string;
  kind: SiteKind;
  callee: string;
  model: string | null;
  score: number;
  checks: Record<CheckId, CheckResult>;
  suppressed: Suppression[];
  /** For a call of a workspace wrapper: the SDK call it reaches, as `file:line`. */
  via?: string;
}

export interface SkippedFile {
  file: string;
  reason: "too-large" | "binary" | "minified" | "unreadable" | "symlink-loop" | "excluded";
  detail?: string;
}

export interface ScanError {
  file: string;
  message: string;
}

export type Grade = "A" | "B" | "C" | "D" | "E" | "F";

export interface ScanReport {
  version: 1;
  tool: { name: "llm-readiness"; version: string };
  root: string;
  score: number;
  grade: Grade;
  summary: {
    files: number;
    sites: number;
    byCheck: Record<CheckId, Record<CheckStatus, number>>;
    skipped: number;
  };
  sites: SiteReport[];
  skipped: SkippedFile[];
  errors: ScanError[];
}

/** Where log lines go; the extension bridges this to a LogOutputChannel, the CLI to stderr. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ScanProgress {
  done: number;
  total: number;
}

export interface ScanOptions {
  /** Size limit per file in bytes (default 1 MB). */
  maxFileBytes?: number;
  /** Extra glob patterns to exclude / to restrict the scan to (relative to the root). */
  exclude?: string[];
  include?: string[];
  /** Unsaved editor buffers by absolute path: they win over the disk. */
  overlay?: Map<string, string>;
  logger?: Logger;
  onProgress?: (p: ScanProgress) => void;
  /** Absolute path of a JSON config file given with `--config` (the CLI has checked it parses as JSON). */
  configFile?: string;
}

/** A text edit in one file, by 0-based UTF-16 offsets into the current text. */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}
