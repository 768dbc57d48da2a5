/** The user's configuration (`.llm-readiness.json`, or `llmReadiness` in package.json): its zod schema, where it is read from, and how it shapes a scan. */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { z } from "zod";
import { formatIssues } from "./catalog/jsonLocation";
import { DEFAULT_CHECK_SETTINGS, type CheckSettings } from "./checks/checkContext";
import { CHECK_IDS, type CheckId, type Logger, type ReportConfig, type ScanOptions } from "./types";

/** The config file's name at the scan root. */
export const CONFIG_FILE = ".llm-readiness.json";
/** The key of the root package.json that may hold the same object. */
export const PACKAGE_KEY = "llmReadiness";

const Glob = z
  .string()
  .min(1, "empty glob")
  .refine((g) => !path.isAbsolute(g) && !/^[A-Za-z]:[\\/]/.test(g), "globs are relative to the scanned root, not absolute paths")
  .describe("A glob (picomatch) relative to the scanned root, `/` separators. A glob that matches a folder covers everything in it.");

const Severity = z
  .enum(["error", "warning", "info", "hint", "off"])
  .describe("error, warning, info or hint: how this check's findings are shown; off: the check is turned off.");

const HelperName = z
  .string()
  .regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, "expected a function name (`withRetry`, or `retry.run` for a member)");
const Helpers = z.array(HelperName);

/** The configuration file's schema (rules/schema/config.schema.json is generated from it). Unknown keys are errors. */
export const Config = z
  .strictObject({
    $schema: z.string().optional().describe("The JSON Schema of this file, for editors."),
    include: z
      .array(Glob)
      .optional()
      .describe("Only files matching one of these globs are scanned (default: every JS/TS file)."),
    exclude: z
      .array(Glob)
      .optional()
      .describe("Files matching these globs are not scanned, on top of .gitignore and the default excludes (node_modules, dist, ...)."),
    severity: z
      .strictObject(Object.fromEntries(CHECK_IDS.map((id) => [id, Severity.optional()])) as Record<CheckId, z.ZodOptional<typeof Severity>>)
      .optional()
      .describe(
        "Per check: how its findings are shown (error, warning, info, hint), overriding rules/checks/<id>.json; `off` turns the check off (no findings, left out of the score).",
      ),
    wrappers: z
      .strictObject({
        retry: Helpers.optional().describe("Workspace helpers that retry the function they are given."),
        timeout: Helpers.optional().describe("Workspace helpers that bound the function they are given in time."),
        fallback: Helpers.optional().describe("Workspace helpers that return a fallback when the function they are given fails."),
        usage: Helpers.optional().describe("Workspace helpers that record token usage of the call they wrap."),
      })
      .optional()
      .describe("Names of workspace helpers the checks should trust, for helpers they cannot recognise from their bodies."),
    evalGlobs: z
      .array(Glob)
      .optional()
      .describe("Globs of test and eval files, added to the defaults (*.test.*, *.spec.*, *.eval.*, __tests__/, evals/)."),
    minScore: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe("The CLI exits with 1 when the workspace score is below this (the --min-score flag wins)."),
    fileBudgetMs: z
      .int()
      .min(1)
      .max(600_000)
      .optional()
      .describe("Time budget of one file's analysis, in milliseconds (default 2000): past it the file is skipped (`time-budget`) and the scan goes on."),
  });
export type Config = z.infer<typeof Config>;

type Assert<T extends true> = T;
/** The report's copy of the configuration (types.ts, free of zod) has the schema's shape: this fails to compile when they drift. */
export type ReportConfigMatchesSchema = Assert<Omit<Config, "$schema"> extends Omit<ReportConfig, "source"> ? true : false>;

/** A problem at a JSON path (its line found in the text), or at a line the JSON parser gave. */
type Issue = { path: PropertyKey[]; message: string; line?: number };

/** An invalid configuration: the scan refuses to guess. `message` has one `file:line: field: problem` line per problem. */
export class ConfigError extends Error {
  constructor(
    /** Absolute path of the file. */
    readonly file: string,
    /** The file as named in the messages (relative to the scanned root when inside it). */
    readonly displayName: string,
    private readonly text: string,
    private readonly issues: readonly Issue[],
  ) {
    super(formatProblems(displayName, text, issues).join("\n"));
    this.name = "ConfigError";
  }

  /** The problems as `name:line: field: message` lines, with the file named as the caller likes (the CLI: relative to its cwd). */
  lines(name: string = this.displayName): string[] {
    return formatProblems(name, this.text, this.issues);
  }
}

/** One line per problem, in the order of the file (zod reports unknown keys last). */
function formatProblems(name: string, text: string, issues: readonly Issue[]): string[] {
  const lines = issues.map((i) => (i.line !== undefined ? `${name}:${i.line}: ${i.message}` : formatIssues(name, text, [i])[0]!));
  const lineOf = (l: string) => Number(/^.*?:(\d+): /.exec(l.slice(name.length))?.[1] ?? 0);
  return lines.map((l, i) => ({ l, i, n: lineOf(l) })).sort((a, b) => a.n - b.n || a.i - b.i).map((x) => x.l);
}

/** The configuration a scan uses: empty (all defaults) when there is none. */
export interface ResolvedConfig {
  /** Where it came from, relative to the root (`package.json#llmReadiness` for the key); undefined without one. */
  source?: string;
  config: Omit<Config, "$schema">;
}

/**
 * Finds and validates the configuration for a scan of `rootDir` (a folder): `options.configFile`
 * when given, else `.llm-readiness.json` at the root, else the `llmReadiness` key of the root's
 * package.json. Only the root is looked at, not its parents. The file wins over the key, with a
 * log line saying so. Throws ConfigError when the configuration is invalid.
 */
export function loadConfig(rootDir: string, options: Pick<ScanOptions, "configFile" | "logger"> = {}): ResolvedConfig {
  const display = (abs: string) => {
    const rel = path.relative(rootDir, abs);
    return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : abs;
  };
  if (options.configFile !== undefined) {
    const abs = path.resolve(rootDir, options.configFile);
    const text = readText(abs, display(abs));
    if (text === undefined) throw new ConfigError(abs, display(abs), "", [{ path: [], line: 1, message: "config file not found" }]);
    if (path.basename(abs) === "package.json") {
      const fromKey = fromPackageJson(abs, display(abs), text, true);
      return fromKey!;
    }
    return { source: display(abs), config: parseConfig(abs, display(abs), text) };
  }
  const file = path.join(rootDir, CONFIG_FILE);
  const pkg = path.join(rootDir, "package.json");
  const fileText = readText(file, CONFIG_FILE);
  const pkgText = readText(pkg, "package.json");
  if (fileText !== undefined) {
    // The key is ignored, valid or not: only the configuration in use can stop the scan.
    if (pkgText !== undefined && hasPackageKey(pkgText)) {
      options.logger?.warn(`${CONFIG_FILE} and the "${PACKAGE_KEY}" key of package.json both configure the scan: using ${CONFIG_FILE}, ignoring the key`);
    }
    return { source: CONFIG_FILE, config: parseConfig(file, CONFIG_FILE, fileText) };
  }
  const fromKey = pkgText !== undefined ? fromPackageJson(pkg, "package.json", pkgText, false, options.logger) : undefined;
  return fromKey ?? { config: {} };
}

function hasPackageKey(text: string): boolean {
  try {
    const raw: unknown = JSON.parse(text);
    return raw !== null && typeof raw === "object" && !Array.isArray(raw) && PACKAGE_KEY in raw;
  } catch {
    return text.includes(`"${PACKAGE_KEY}"`);
  }
}

/** Validates a configuration's JSON text; throws ConfigError naming the file, line and field of each problem. */
export function parseConfig(abs: string, displayName: string, text: string): Omit<Config, "$schema"> {
  const raw = parseJson(abs, displayName, text);
  return validate(abs, displayName, text, raw, []);
}

/** The options a scan runs with: the config's globs merged into the caller's (its include wins when it gives one; excludes add up). */
export function scanOptionsWith(options: ScanOptions, config: ResolvedConfig): ScanOptions {
  const c = config.config;
  const out: ScanOptions = { ...options };
  const include = options.include?.length ? options.include : c.include;
  if (include?.length) out.include = include;
  const exclude = [...(c.exclude ?? []), ...(options.exclude ?? [])];
  if (exclude.length) out.exclude = exclude;
  if (options.fileBudgetMs === undefined && c.fileBudgetMs !== undefined) out.fileBudgetMs = c.fileBudgetMs;
  return out;
}

/** The check settings from a configuration (wrappers and eval globs over the defaults). */
export function checkSettingsOf(config: ResolvedConfig): CheckSettings {
  const w = config.config.wrappers ?? {};
  const d = DEFAULT_CHECK_SETTINGS;
  return {
    wrappers: {
      retry: [...d.wrappers.retry, ...(w.retry ?? [])],
      timeout: [...d.wrappers.timeout, ...(w.timeout ?? [])],
      fallback: [...d.wrappers.fallback, ...(w.fallback ?? [])],
      usage: [...d.wrappers.usage, ...(w.usage ?? [])],
    },
    evalGlobs: [...d.evalGlobs, ...(config.config.evalGlobs ?? [])],
  };
}

/** The configuration as the report shows it (undefined when there was none). */
export function reportConfigOf(config: ResolvedConfig): ReportConfig | undefined {
  return config.source === undefined ? undefined : { source: config.source, ...config.config };
}

function readText(abs: string, displayName: string): string | undefined {
  try {
    return fs.readFileSync(abs, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    // A config we cannot read may say anything: refuse rather than scan with defaults.
    throw new ConfigError(abs, displayName, "", [{ path: [], line: 1, message: `cannot read it (${code ?? (e as Error).message})` }]);
  }
}

function fromPackageJson(abs: string, displayName: string, text: string, required: boolean, logger?: Logger): ResolvedConfig | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // A broken package.json is the project's problem, not ours, unless it is where the config lives.
    if (required || text.includes(`"${PACKAGE_KEY}"`)) return void parseJson(abs, displayName, text);
    logger?.warn(`${displayName} is not valid JSON (${(e as Error).message.split("\n")[0]}); no "${PACKAGE_KEY}" configuration read from it`);
    return undefined;
  }
  const has = raw !== null && typeof raw === "object" && !Array.isArray(raw) && PACKAGE_KEY in raw;
  if (!has) {
    if (required) throw new ConfigError(abs, displayName, text, [{ path: [], line: 1, message: `has no "${PACKAGE_KEY}" key` }]);
    return undefined;
  }
  const value = (raw as Record<string, unknown>)[PACKAGE_KEY];
  return { source: `${displayName}#${PACKAGE_KEY}`, config: validate(abs, displayName, text, value, [PACKAGE_KEY]) };
}

function parseJson(abs: string, displayName: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = `invalid JSON: ${(e as Error).message.split("\n")[0]}`;
    throw new ConfigError(abs, displayName, text, [{ path: [], message, line: jsonErrorLine(text, (e as Error).message) }]);
  }
}

/** The line of a JSON syntax error: from V8's `at position N` when it gives one, else from TypeScript's JSON parser, else 1. */
function jsonErrorLine(text: string, v8Message: string): number {
  const sf = ts.parseJsonText("config.json", text);
  const pos = /at position (\d+)/.exec(v8Message)?.[1];
  const start = pos !== undefined ? Number(pos) : (sf as unknown as { parseDiagnostics?: { start?: number }[] }).parseDiagnostics?.[0]?.start;
  return start === undefined ? 1 : sf.getLineAndCharacterOfPosition(Math.min(start, text.length)).line + 1;
}

function validate(abs: string, displayName: string, text: string, raw: unknown, prefix: string[]): Omit<Config, "$schema"> {
  const r = Config.safeParse(raw);
  if (!r.success) {
    // One problem per unknown key, at the key's own line.
    const issues = r.error.issues.flatMap((i): Issue[] =>
      i.code === "unrecognized_keys"
        ? i.keys.map((k) => ({ path: [...prefix, ...i.path, k], message: unknownKeyMessage(k, i.path) }))
        : [{ path: [...prefix, ...i.path], message: i.message }],
    );
    throw new ConfigError(abs, displayName, text, issues);
  }
  const { $schema: _, ...config } = r.data;
  return config;
}

function unknownKeyMessage(key: string, at: readonly PropertyKey[]): string {
  const shape = at.reduce<z.ZodType | undefined>((s, k) => {
    const inner = s instanceof z.ZodOptional ? s.unwrap() : s;
    return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>)[String(k)] : undefined;
  }, Config);
  const inner = shape instanceof z.ZodOptional ? shape.unwrap() : shape;
  const known = inner instanceof z.ZodObject ? Object.keys(inner.shape).filter((k) => k !== "$schema") : [];
  return `unknown key${known.length ? ` (expected one of ${known.join(", ")})` : ""}`;
}
