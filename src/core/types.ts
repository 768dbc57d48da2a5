/** Core data types shared by the scanner, the checks, the CLI and the extension (no `vscode` here). */

/** The checks of ../shared/CHECKS.md, in report order. */
export const CHECK_IDS = ["timeout", "retry", "validation", "fallback", "usage", "eval", "context", "limits"] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** The values each check can take, best first (CHECKS.md). */
export const CHECK_VALUES = {
  timeout: ["explicit", "none", "unknown"],
  retry: ["explicit", "sdk-default", "none", "unknown"],
  validation: ["schema", "guarded-parse", "text", "unchecked", "n/a", "unknown"],
  fallback: ["present", "log-only", "none", "unknown"],
  usage: ["present", "none", "unknown"],
  eval: ["covered", "none", "unknown"],
  context: ["bounded", "unbounded", "n/a", "unknown"],
  limits: ["limited", "unlimited", "n/a", "unknown"],
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
  /**
   * Set only when the configuration (`severity` in `.llm-readiness.json`) overrides how this check's
   * finding is shown; absent, the severity is the value's in rules/checks/<id>.json. `off`: the check is
   * turned off, shown nowhere and left out of the score; its value and status stay.
   */
  severity?: ConfiguredSeverity;
}

/** A severity the configuration may give a check (editor levels; SARIF maps info and hint to `note`). */
export type ConfiguredSeverity = "error" | "warning" | "info" | "hint" | "off";

export interface Suppression {
  check: CheckId;
  reason: string;
  /** `file:line` of the comment. */
  at: string;
}

/** A call site as it appears in the report (`--format json`, CHECKS.md). */
export interface SiteReport extends Location {
  /** The vendor that serves the request (`anthropic` for an AI SDK call with `anthropic(...)`); the SDK's id when chosen at run time. */
  provider: string;
  /** What sends the request: the SDK's catalog id (`openai`, `vercel-ai`, `langchain`) or the HTTP client (`fetch`, `axios`). */
  sdk?: string;
  /** `traced`: the receiver was followed to what it is; `shape`: recognised by the call's shape alone (client checks `unknown`). */
  resolution?: "traced" | "shape";
  /** A direct call in a test or eval file: listed, but counted in no score and shown in the editor only on request. */
  test?: boolean;
  kind: SiteKind;
  callee: string;
  model: string | null;
  score: number;
  checks: Record<CheckId, CheckResult>;
  suppressed: Suppression[];
  /** For a call of a workspace wrapper: the SDK call it reaches, as `file:line`. */
  via?: string;
  /** The named scopes around the call (`ChatService.reply`, `<module>`): part of its identity (src/core/fingerprint.ts). */
  scope?: string;
  /** The site's identity across edits: no line or column in it (src/core/fingerprint.ts). */
  fingerprint?: string;
  /** Each check's finding identity: the site's, the check and its value (baselines, SARIF `partialFingerprints`). */
  fingerprints?: Record<CheckId, string>;
  /** The worst-case cost of one call (src/core/cost.ts, rules/docs/cost.md). */
  cost?: SiteCost;
  /**
   * Where the callee expression ends (1-based, exclusive like `endColumn`): editors underline
   * `line:column`–`calleeEnd`, not the whole call. Set for editors (src/core/siteFacts.ts), not in `--format json`.
   */
  calleeEnd?: { line: number; column: number };
  /** The defaults of what sends the request, for messages with numbers (src/core/siteFacts.ts); set for editors. */
  defaults?: SiteDefaults;
  /** Suppression comments aimed at the site but ignored, their reason a placeholder (`why`); set for editors. */
  ignored?: (Suppression & { why: string })[];
}

/**
 * What one call can cost at worst: `usd` per call from rules/prices; null with `basis` saying why when
 * the site cannot be priced (model chosen at run time, no price for it, billed per image or hour).
 */
export interface SiteCost {
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  usd: number | null;
  /** How the figure was reached ("worst case: no max_tokens, model limit 16,384; ..."), or why there is none. */
  basis: string;
  /** Whether the request caps its output (an uncapped call's cost is bounded only by the model's limit). */
  capped: boolean;
}

/** The timeout and retries a request gets when the code sets neither (rules/providers/<p>.json `defaults`). */
export interface SiteDefaults {
  /** Who sends the request, as a user knows it: the SDK's name ("OpenAI"), or the HTTP call (`fetch`). */
  sender: string;
  /** The vendor serving the request ("OpenAI" for a raw fetch to api.openai.com and for the AI SDK with `@ai-sdk/openai` too; "the model provider" when unknown). */
  provider: string;
  /** null: no default timeout (the request can hang forever). */
  timeoutMs: number | null;
  /** Retries after the first attempt; 0 for raw HTTP. */
  maxRetries: number;
  /** The options this call's SDK or HTTP client takes for a timeout and retries, for messages that name them. */
  options?: SiteOptions;
}

/** An option as rules/providers/<p>.json (or rules/http.json) names it, and where it goes. */
export interface SiteOption {
  /** `timeout`, `config.httpOptions.timeout`, `maxRetries`; for `receiver`, the method (`.withRetry()`). */
  name: string;
  on: "request" | "client" | "receiver";
}

/** The options of a call's SDK for the timeout and retry advice (src/core/siteFacts.ts). */
export interface SiteOptions {
  timeout: SiteOption[];
  /** The request option that takes an AbortSignal (`signal`, `abortSignal`). */
  signal?: string;
  retry: SiteOption[];
  /** The SDK has no client object (AI SDK functions): its options go on the call. */
  noClient?: boolean;
}

export interface SkippedFile {
  file: string;
  /** `time-budget`: its analysis took longer than the per-file budget (`fileBudgetMs`) and was stopped. */
  reason: "too-large" | "binary" | "minified" | "unreadable" | "symlink-loop" | "excluded" | "time-budget";
  detail?: string;
}

export interface ScanError {
  file: string;
  message: string;
  /** 1-based line the problem is on, when it has one (a malformed suppression comment). */
  line?: number;
}

/** A file's score: the mean of its sites' scores (rules/docs/score.md). */
export interface FileScore {
  file: string;
  score: number;
  grade: Grade;
  /** How many call sites the file has. */
  sites: number;
}

/** The configuration a scan used, as read (`.llm-readiness.json` or package.json `llmReadiness`). */
export interface ReportConfig {
  /** The file it came from, relative to the scanned root (`package.json#llmReadiness` for the key). */
  source: string;
  include?: string[];
  exclude?: string[];
  severity?: Partial<Record<CheckId, ConfiguredSeverity>>;
  wrappers?: Partial<Record<"retry" | "timeout" | "fallback" | "usage", string[]>>;
  evalGlobs?: string[];
  minScore?: number;
  fileBudgetMs?: number;
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
    /** Sites in test and eval files (listed in `sites`, left out of `byCheck` and every score). */
    testSites?: number;
  };
  sites: SiteReport[];
  /** Files with call sites, worst first (score ascending, then path). */
  files: FileScore[];
  skipped: SkippedFile[];
  errors: ScanError[];
  /** Present when a configuration file was read. */
  config?: ReportConfig;
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
  /** Time budget of one file's analysis in ms (default 2000, src/core/budget.ts); wins over the config's. */
  fileBudgetMs?: number;
  /** The clock the budget reads (tests inject one; `performance.now` otherwise). */
  clock?: () => number;
}

/** A text edit in one file, by 0-based UTF-16 offsets into the current text. */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}
