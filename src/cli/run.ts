/** The CLI's argument handling and exit codes (0 fine, 1 under --min-score, 2 usage or fatal error, 130 interrupted); `--fix` and `--fix-dry-run` in ./fix.ts. */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ConfigError } from "../core/config";
import { scanWorkspace } from "../core/scan";
import { DEFAULT_FIX_OPTIONS } from "../core/fixes/types";
import type { CheckId, ScanOptions, ScanReport } from "../core/types";
import { TOOL_VERSION } from "../core/version";
import { FORMATS, formatReport } from "../report/index";
import { FixOptionsSchema, parseCheckList } from "../shared/fixOptions";
import { colorPatch, fixCount, fixFolder, FixWriteError, patchOf, writeFixes, type FolderFixes } from "./fix";
import { mergeReports, relativePrefix } from "./merge";
import { BASELINE_FILE, BaselineError, baselineOf, compareWithBaseline, formatBaseline, parseBaseline, pruneBaseline, type Baseline, type Comparison } from "../core/baseline";
import { attachCauses } from "./regressionCause";
import { changedLines, checkoutRef, GitError, type FileChanges } from "./gitRef";
import { comparisonHeadline, regressedOf } from "../report/baseline";

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  /** Whether stdout is a terminal: colours in `--format text`. */
  isTTY: boolean;
  /** Whether stderr is a terminal: the progress line (defaults to `isTTY`). */
  stderrIsTTY?: boolean;
  /** Environment for NO_COLOR / FORCE_COLOR (defaults to none set). */
  env?: Record<string, string | undefined>;
  /** Aborted on Ctrl-C by the entry point. */
  signal?: AbortSignal;
  /** The scanner; tests replace it. */
  scan?: (root: string, options?: ScanOptions, signal?: AbortSignal) => Promise<ScanReport>;
  /** Milliseconds before the progress line appears, so short scans print none (default 400). */
  progressDelayMs?: number;
}

export const EXIT = { ok: 0, belowMinScore: 1, findings: 1, usage: 2, interrupted: 130 } as const;

export const USAGE = `Usage: llm-readiness scan [paths...] [options]
       llm-readiness baseline [paths...] [-o file] [--config file]

Finds the LLM calls in a JS/TS workspace and checks timeout, retry, validation,
fallback, usage and eval for each. Paths default to the current directory;
several paths are merged into one report, files relative to the current directory.

Options:
  -f, --format <text|json|sarif|markdown|github>
                                           report format (default: text); github prints
                                           workflow annotations for the new findings
  -o, --output <file>                      write the report to a file instead of stdout
      --summary <file>                     also write the Markdown report there (a CI job
                                           summary or pull-request comment)
      --min-score <0-100>                  exit with 1 when the workspace score is below it
                                           (default: minScore of the config)
      --config <file>                      JSON config file (default: .llm-readiness.json or
                                           the llmReadiness key of package.json at each path)
  -q, --quiet                              no progress line and no notes on stderr
  -h, --help                               show this help
  -v, --version                            show the version

Baseline (adopt it today, fail only on what gets worse):
  baseline [paths]                         writes ${BASELINE_FILE}: today's
                                           findings by fingerprint, no line numbers (in the
                                           path, or the current directory for several; -o)
      --baseline <file>                    findings in the file are known; exit 1 only for
                                           new ones (or a value that got worse)
      --baseline-ref <ref>                 the baseline is the workspace at this git ref
                                           (scanned in a temporary git worktree); a new
                                           finding whose lines did not change names the
                                           change that caused it
      --max-score-drop <points>            also exit 1 when the score fell by more than this
      --prune-baseline                     rewrite the --baseline file without the findings
                                           that are fixed (stale entries are listed)

Quick-fixes (the safe ones: they compile and change nothing but the finding):
      --fix                                apply them to the files, then print the report of
                                           the fixed workspace (files are replaced atomically;
                                           a file a fix creates never overwrites one)
      --fix-dry-run                        print them as a unified diff on stdout (for
                                           \`git apply\`), a summary on stderr; changes nothing
      --fix-unsafe                         also fixes that leave a decision to you (a default
                                           value, a schema to complete), marked in the code
      --fix-checks <ids>                   only these checks (timeout,retry,...)
      --fix-timeout-ms <ms>                timeout written into requests (default: 30000)
      --fix-max-retries <n>                retries written where the SDK takes them (default: 3)
      --fix-helper-file <path>             where generated helpers go, relative to each path
                                           (default: src/llm/resilience.ts)
      --fix-fallback-model <model>         model a generated fallback calls (default: none,
                                           the fallback returns a typed default value)

Exit codes: 0 fine, 1 score below --min-score or new findings against a baseline,
2 usage or fatal error, 130 interrupted.
With --fix the score is the fixed workspace's; --fix-dry-run exits 0 once the diff is printed.
`;

/** A `--fix-*` value checked against the fix options' schema, with a one-line reason naming the flag. */
function fixFlag<T>(flag: string, schema: z.ZodType<T>, parse: (s: string) => unknown, hint: string) {
  return z
    .string()
    .transform((s, ctx) => {
      const r = schema.safeParse(parse(s));
      if (r.success) return r.data;
      ctx.addIssue({ code: "custom", message: `${flag}: ${hint || r.error.issues[0]?.message} (got "${s}")` });
      return z.NEVER;
    })
    .optional();
}
const wholeNumber = (s: string) => (/^\d+$/.test(s.replace(/_/g, "")) ? Number(s.replace(/_/g, "")) : NaN);

/** The quick-fix flags: the mode, and the options of the fixes (only with a mode). */
const FixArgs = z
  .object({
    mode: z.enum(["off", "apply", "dry-run"]),
    unsafe: z.boolean(),
    checks: z
      .string()
      .transform((s, ctx): CheckId[] => {
        try {
          return parseCheckList(s);
        } catch (e) {
          ctx.addIssue({ code: "custom", message: `--fix-checks ${(e as Error).message}` });
          return z.NEVER;
        }
      })
      .optional(),
    timeoutMs: fixFlag("--fix-timeout-ms", FixOptionsSchema.shape.timeoutMs, wholeNumber, "must be a whole number of milliseconds from 1000 to 3600000"),
    maxRetries: fixFlag("--fix-max-retries", FixOptionsSchema.shape.maxRetries, wholeNumber, "must be a whole number from 0 to 10"),
    helperFile: fixFlag("--fix-helper-file", FixOptionsSchema.shape.helperFile, (s) => s, ""),
    fallbackModel: fixFlag("--fix-fallback-model", FixOptionsSchema.shape.fallbackModel, (s) => s, "needs a model name"),
  })
  .superRefine((f, ctx) => {
    if (f.mode !== "off") return;
    const given = (["unsafe", "checks", "timeoutMs", "maxRetries", "helperFile", "fallbackModel"] as const).find((k) => (k === "unsafe" ? f.unsafe : f[k] !== undefined));
    const flag = { unsafe: "--fix-unsafe", checks: "--fix-checks", timeoutMs: "--fix-timeout-ms", maxRetries: "--fix-max-retries", helperFile: "--fix-helper-file", fallbackModel: "--fix-fallback-model" };
    if (given) ctx.addIssue({ code: "custom", message: `${flag[given]} needs --fix or --fix-dry-run` });
  });

const Args = z.object({
  command: z.enum(["scan", "baseline"], { error: (i) => (i.input === undefined ? "missing command (try `llm-readiness --help`)" : `unknown command "${String(i.input)}" (try \`llm-readiness --help\`)`) }),
  paths: z.array(z.string().min(1, "empty path")),
  format: z.enum(FORMATS, { error: (i) => `--format must be one of ${FORMATS.join(", ")} (got "${String(i.input)}")` }),
  output: z.string().min(1, "--output needs a file name").optional(),
  minScore: z
    .string()
    .regex(/^\d+(\.\d+)?$/, "--min-score must be a number from 0 to 100")
    .transform(Number)
    .pipe(z.number().max(100, "--min-score must be a number from 0 to 100"))
    .optional(),
  config: z.string().min(1, "--config needs a file name").optional(),
  summary: z.string().min(1, "--summary needs a file name").optional(),
  quiet: z.boolean(),
  fix: FixArgs,
  baseline: z.string().min(1, "--baseline needs a file name").optional(),
  baselineRef: z.string().min(1, "--baseline-ref needs a git ref").regex(/^[^-]/, "--baseline-ref must be a git ref, not an option").optional(),
  maxScoreDrop: z
    .string()
    .regex(/^\d+(\.\d+)?$/, "--max-score-drop must be a number of points from 0 to 100")
    .transform(Number)
    .pipe(z.number().max(100, "--max-score-drop must be a number of points from 0 to 100"))
    .optional(),
  pruneBaseline: z.boolean(),
});
type Args = z.infer<typeof Args>;

class UsageError extends Error {}

/** Parses argv (without `node` and the script) into validated options; throws UsageError with a one-line reason. */
export function parseCliArgs(argv: string[]): Args | "help" | "version" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f" },
        output: { type: "string", short: "o" },
        "min-score": { type: "string" },
        config: { type: "string" },
        summary: { type: "string" },
        quiet: { type: "boolean", short: "q", default: false },
        fix: { type: "boolean", default: false },
        "fix-dry-run": { type: "boolean", default: false },
        "fix-unsafe": { type: "boolean", default: false },
        "fix-checks": { type: "string" },
        "fix-timeout-ms": { type: "string" },
        "fix-max-retries": { type: "string" },
        "fix-helper-file": { type: "string" },
        "fix-fallback-model": { type: "string" },
        baseline: { type: "string" },
        "baseline-ref": { type: "string" },
        "max-score-drop": { type: "string" },
        "prune-baseline": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (err) {
    throw new UsageError(parseArgsReason(err));
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (values.version) return "version";
  if (values.fix && values["fix-dry-run"]) throw new UsageError("--fix and --fix-dry-run cannot be used together");
  // The dry run's stdout is the patch: a report format, file or threshold has nothing to apply to.
  if (values["fix-dry-run"]) {
    const clash = (["format", "output", "min-score", "summary"] as const).find((k) => values[k] !== undefined);
    if (clash) throw new UsageError(`--${clash} does not apply to --fix-dry-run (it prints a patch; use --fix to apply it and get the report)`);
  }
  if (values.baseline !== undefined && values["baseline-ref"] !== undefined) throw new UsageError("--baseline and --baseline-ref cannot be used together");
  const comparing = values.baseline !== undefined || values["baseline-ref"] !== undefined;
  if (values["prune-baseline"] && values.baseline === undefined) throw new UsageError("--prune-baseline needs --baseline <file>");
  if (values["max-score-drop"] !== undefined && !comparing) throw new UsageError("--max-score-drop needs --baseline or --baseline-ref");
  if (comparing && values["fix-dry-run"]) throw new UsageError(`--${values.baseline !== undefined ? "baseline" : "baseline-ref"} does not apply to --fix-dry-run`);
  if (positionals[0] === "baseline") {
    const clash = (["format", "min-score", "summary", "baseline", "baseline-ref", "max-score-drop", "prune-baseline", "fix", "fix-dry-run"] as const).find((k) => values[k] !== undefined && values[k] !== false);
    if (clash) throw new UsageError(`--${clash} does not apply to \`baseline\` (it writes ${BASELINE_FILE}; compare with \`scan --baseline\`)`);
  }
  const result = Args.safeParse({
    command: positionals[0],
    paths: positionals.slice(1),
    format: values.format ?? "text",
    output: values.output,
    minScore: values["min-score"],
    config: values.config,
    summary: values.summary,
    quiet: values.quiet,
    fix: {
      mode: values.fix ? "apply" : values["fix-dry-run"] ? "dry-run" : "off",
      unsafe: values["fix-unsafe"],
      checks: values["fix-checks"],
      timeoutMs: values["fix-timeout-ms"],
      maxRetries: values["fix-max-retries"],
      helperFile: values["fix-helper-file"],
      fallbackModel: values["fix-fallback-model"],
    },
    baseline: values.baseline,
    baselineRef: values["baseline-ref"],
    maxScoreDrop: values["max-score-drop"],
    pruneBaseline: values["prune-baseline"],
  });
  if (!result.success) throw new UsageError(result.error.issues[0].message);
  return result.data;
}

/** node:util's messages run to several sentences; ours are one line. */
function parseArgsReason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const message = e.message ?? String(err);
  const option = /'([^']+)'/.exec(message)?.[1]?.replace(/^-\w, /, "").replace(/ <value>$/, "");
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `unknown option ${option} (try \`llm-readiness --help\`)`;
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) {
    return /does not take/.test(message) ? `${option} does not take a value` : `${option} needs a value`;
  }
  return message.split("\n")[0];
}

interface Root {
  /** Absolute directory. */
  abs: string;
  /** As typed on the command line. */
  given: string;
}

/** Resolves the paths, drops repeats and paths inside another given path, and checks each is a directory. */
function resolveRoots(paths: string[], cwd: string): Root[] {
  const roots: Root[] = [];
  for (const given of paths.length > 0 ? paths : ["."]) {
    const abs = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new UsageError(`path not found: ${given}`);
    }
    if (!stat.isDirectory()) throw new UsageError(`not a directory: ${given}`);
    roots.push({ abs, given });
  }
  const within = (a: string, b: string) => a.startsWith(b.endsWith(path.sep) ? b : b + path.sep);
  return roots.filter(
    (r, i) => !roots.some((o, j) => within(r.abs, o.abs) || (j < i && o.abs === r.abs)),
  );
}

/** Reads --config early so a bad file is a usage error with its reason, not a failure deep in the scan. */
function checkConfig(file: string, cwd: string): string {
  const abs = path.resolve(cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(abs, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read config ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    JSON.parse(text);
  } catch (err) {
    throw new UsageError(`config ${file} is not valid JSON: ${(err as Error).message.split("\n")[0]}`);
  }
  return abs;
}

/** A single updating progress line on stderr, shown only once a scan has run for `delayMs`. */
function progressLine(io: CliIo, delayMs: number) {
  const start = Date.now();
  let shown = false;
  let last = 0;
  return {
    update(done: number, total: number, label: string) {
      const now = Date.now();
      if (now - start < delayMs || (now - last < 80 && done < total)) return;
      last = now;
      shown = true;
      io.stderr(`\r\x1b[2Kllm-readiness: scanning ${label}${done}/${total} files`);
    },
    clear() {
      if (shown) io.stderr("\r\x1b[2K");
      shown = false;
    },
  };
}

function useColor(io: CliIo): boolean {
  const env = io.env ?? {};
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  return io.isTTY;
}

/** Runs the CLI on argv (without `node` and the script) and returns the exit code; never throws. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const fail = (code: number, reason: string) => {
    io.stderr(`llm-readiness: ${reason}\n`);
    return code;
  };
  let args: ReturnType<typeof parseCliArgs>;
  let roots: Root[];
  let configFile: string | undefined;
  let baseline: Baseline | undefined;
  try {
    args = parseCliArgs(argv);
    if (args === "help") {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    if (args === "version") {
      io.stdout(`${TOOL_VERSION}\n`);
      return EXIT.ok;
    }
    roots = resolveRoots(args.paths, io.cwd);
    if (args.config !== undefined) configFile = checkConfig(args.config, io.cwd);
    // Read before the scan: a bad baseline is a usage error, not a surprise after a long scan.
    if (args.baseline !== undefined) baseline = readBaseline(args.baseline, io.cwd);
  } catch (err) {
    if (err instanceof BaselineError) {
      for (const line of err.lines.slice(0, -1)) io.stderr(`llm-readiness: ${line}\n`);
      return fail(EXIT.usage, err.lines[err.lines.length - 1] ?? err.message);
    }
    return fail(EXIT.usage, (err as Error).message);
  }

  const scan = io.scan ?? scanWorkspace;
  const showProgress = !args.quiet && (io.stderrIsTTY ?? io.isTTY);
  const progress = progressLine(io, io.progressDelayMs ?? 400);
  let report: ScanReport;
  let comparison: Comparison | undefined;
  const parts: { prefix: string; report: ScanReport }[] = [];
  const fixed: { root: Root; prefix: string; fixes: FolderFixes }[] = [];
  const fixArgs = args.fix;
  const fixRequest = {
    options: {
      timeoutMs: fixArgs.timeoutMs ?? DEFAULT_FIX_OPTIONS.timeoutMs,
      maxRetries: fixArgs.maxRetries ?? DEFAULT_FIX_OPTIONS.maxRetries,
      helperFile: fixArgs.helperFile ?? DEFAULT_FIX_OPTIONS.helperFile,
      ...(fixArgs.fallbackModel !== undefined ? { fallbackModel: fixArgs.fallbackModel } : {}),
    },
    unsafe: fixArgs.unsafe,
    ...(fixArgs.checks ? { checks: fixArgs.checks } : {}),
  };
  try {
    for (const [i, root] of roots.entries()) {
      const prefix = relativePrefix(io.cwd, root.abs);
      const label = roots.length > 1 ? `${prefix || "."} (${i + 1}/${roots.length}) ` : "";
      const options: ScanOptions = {};
      if (configFile !== undefined) options.configFile = configFile;
      if (showProgress) options.onProgress = (p) => progress.update(p.done, p.total, label);
      if (fixArgs.mode === "off") parts.push({ prefix, report: await scan(root.abs, options, io.signal) });
      else {
        // The fixes are computed for every path before any file is written: Ctrl-C or an error leaves the disk as it was.
        const fixes = await fixFolder(root.abs, options, fixRequest, io.signal);
        fixed.push({ root, prefix, fixes });
        parts.push({ prefix, report: fixes.report });
      }
      if (io.signal?.aborted) break;
    }
    progress.clear();
    if (io.signal?.aborted) return fail(EXIT.interrupted, "scan interrupted");
    // One path: its report as the scanner made it, root as given. Several: merged, relative to the cwd.
    report =
      roots.length === 1
        ? { ...parts[0].report, root: roots[0].given }
        : mergeReports(parts, ".");
    if (args.baselineRef !== undefined) {
      const ref = args.baselineRef;
      const base = await scanAtRef(ref, roots, io.cwd, (root) => {
        const options: ScanOptions = {};
        if (configFile !== undefined) options.configFile = configFile;
        if (showProgress) options.onProgress = (p) => progress.update(p.done, p.total, `${ref} `);
        return scan(root, options, io.signal);
      });
      progress.clear();
      comparison = compareWithBaseline(report, baselineOf(base.report), ref, "ref");
      attachCauses(comparison, base.report, base.changes);
    } else if (baseline !== undefined) comparison = compareWithBaseline(report, baseline, args.baseline!);
  } catch (err) {
    progress.clear();
    if (err instanceof GitError) return fail(EXIT.usage, err.message);
    if (io.signal?.aborted) return fail(EXIT.interrupted, "scan interrupted");
    // An invalid configuration: each problem on its own `file:line: field: message` line, the file relative to the cwd.
    if (err instanceof ConfigError) {
      const lines = err.lines(relativePrefix(io.cwd, err.file) || err.displayName);
      for (const line of lines.slice(0, -1)) io.stderr(`llm-readiness: ${line}\n`);
      return fail(EXIT.usage, lines[lines.length - 1] ?? err.message);
    }
    return fail(EXIT.usage, `scan failed: ${(err as Error).message.split("\n")[0]}`);
  }

  if (fixArgs.mode !== "off") {
    const code = fixArgs.mode === "dry-run" ? printFixes(fixed, io, args.quiet) : applyFixes(fixed, io, args.quiet);
    if (code !== undefined) return code;
  }

  const rootDir = roots.length === 1 ? roots[0].abs : io.cwd;
  if (args.command === "baseline") return writeBaseline(report, args.output ?? path.join(path.relative(io.cwd, rootDir) || ".", BASELINE_FILE), io, args.quiet);
  let text: string;
  try {
    text = formatReport(args.format, report, {
      color: args.format === "text" && args.output === undefined && useColor(io),
      rootUri: pathToFileURL(rootDir + path.sep).href,
      ...(comparison ? { comparison } : {}),
    });
  } catch (err) {
    return fail(EXIT.usage, `cannot format the report: ${(err as Error).message.split("\n")[0]}`);
  }

  if (args.output !== undefined) {
    const out = path.resolve(io.cwd, args.output);
    try {
      fs.writeFileSync(out, text);
    } catch (err) {
      return fail(EXIT.usage, `cannot write ${args.output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (!args.quiet) {
      io.stderr(`llm-readiness: wrote ${args.output} (${report.summary.sites} call sites, score ${Math.round(report.score)}, grade ${report.grade})\n`);
    }
  } else {
    io.stdout(text);
  }

  if (args.summary !== undefined) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, args.summary), formatReport("markdown", report, { color: false, ...(comparison ? { comparison } : {}) }));
    } catch (err) {
      return fail(EXIT.usage, `cannot write ${args.summary}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  if (comparison) {
    const code = judgeComparison(comparison, args, baseline, io);
    if (code !== EXIT.ok) return code;
  }
  if (args.minScore !== undefined) {
    if (report.score < args.minScore) return fail(EXIT.belowMinScore, `score ${Math.round(report.score)} is below --min-score ${args.minScore}`);
    return EXIT.ok;
  }
  // Without the flag, each path's own config may set a minimum for that path's score.
  for (const { prefix, report: part } of parts) {
    const min = part.config?.minScore;
    if (min === undefined || part.score >= min) continue;
    const where = part.config!.source;
    const source = prefix ? `${prefix}/${where}` : where;
    const of = roots.length > 1 ? ` of ${prefix || "."}` : "";
    return fail(EXIT.belowMinScore, `score ${Math.round(part.score)}${of} is below minScore ${min} (${source})`);
  }
  return EXIT.ok;
}

/** `--fix-dry-run`: the patch on stdout, what it does on stderr. */
function printFixes(fixed: { prefix: string; fixes: FolderFixes }[], io: CliIo, quiet: boolean): number {
  const patch = fixed.map((f) => patchOf(f.prefix, f.fixes.result.files)).join("");
  io.stdout(useColor(io) ? colorPatch(patch) : patch);
  if (!quiet) {
    // Positions in the original text (fixAll maps them back past earlier fixes), sorted by file and line.
    const applied = fixed
      .flatMap((f) => f.fixes.result.applied.map((a) => ({ ...a, at: f.prefix ? `${f.prefix}/${a.site.file}` : a.site.file })))
      .sort((a, b) => a.at.localeCompare(b.at) || a.site.line - b.site.line || a.site.column - b.site.column);
    const files = fixed.reduce((n, f) => n + f.fixes.result.files.size, 0);
    if (!applied.length) io.stderr("llm-readiness: no finding has a fix to apply\n");
    else {
      io.stderr(`llm-readiness: ${fixCount(applied)} in ${files} file${files === 1 ? "" : "s"}; run with --fix to apply them\n`);
      const where = applied.map((a) => `${a.at}:${a.site.line}:${a.site.column}`);
      const w = Math.max(...where.map((x) => x.length));
      const c = Math.max(...applied.map((a) => a.check.length));
      applied.forEach((a, i) => io.stderr(`  ${where[i]!.padEnd(w)}  ${a.check.padEnd(c)}  ${a.title}\n`));
    }
    noteFailed(fixed, io);
  }
  return EXIT.ok;
}

/** `--fix`: writes every folder's fixes (undefined when all went well: the report follows). */
function applyFixes(fixed: { root: Root; prefix: string; fixes: FolderFixes }[], io: CliIo, quiet: boolean): number | undefined {
  const written: string[] = [];
  const created: string[] = [];
  for (const f of fixed) {
    try {
      const w = writeFixes(f.root.abs, f.fixes.result.files);
      const at = (file: string) => (f.prefix ? `${f.prefix}/${file}` : file);
      written.push(...w.changed.map(at));
      created.push(...w.created.map(at));
    } catch (e) {
      if (!(e instanceof FixWriteError)) throw e;
      io.stderr(`llm-readiness: ${e.message}\n`);
      return EXIT.usage;
    }
  }
  if (!quiet) {
    const applied = fixed.flatMap((f) => f.fixes.result.applied);
    const files = written.length + created.length;
    io.stderr(
      applied.length
        ? `llm-readiness: applied ${fixCount(applied)} to ${files} file${files === 1 ? "" : "s"}${created.length ? ` (created ${created.join(", ")})` : ""}\n`
        : "llm-readiness: no finding has a fix to apply\n",
    );
    noteFailed(fixed, io);
  }
  return undefined;
}

function noteFailed(fixed: { prefix: string; fixes: FolderFixes }[], io: CliIo): void {
  for (const f of fixed) {
    for (const x of f.fixes.result.failed) {
      const at = f.prefix ? `${f.prefix}/${x.fix.site.file}` : x.fix.site.file;
      io.stderr(`llm-readiness: not applied: ${at}:${x.fix.site.line} ${x.fix.check} (${x.fix.title}): ${x.reason}\n`);
    }
  }
}

/** Reads and validates `--baseline` (BaselineError names the file, line and field). */
function readBaseline(file: string, cwd: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read baseline ${file}: ${code ?? (err as Error).message}${code === "ENOENT" ? ` (write one with \`llm-readiness baseline\`)` : ""}`);
  }
  return parseBaseline(file, text);
}

/** `baseline`: the report's findings by fingerprint, written atomically. */
function writeBaseline(report: ScanReport, file: string, io: CliIo, quiet: boolean): number {
  const b = baselineOf(report);
  const abs = path.resolve(io.cwd, file);
  try {
    const tmp = `${abs}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, formatBaseline(b));
    fs.renameSync(tmp, abs);
  } catch (err) {
    return fail2(io, `cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!quiet) {
    const n = b.findings.length;
    io.stderr(`llm-readiness: wrote ${file} (${n} finding${n === 1 ? "" : "s"} from ${report.summary.sites} call sites, score ${Math.round(report.score)}); commit it and run \`llm-readiness scan --baseline ${file}\` in CI\n`);
  }
  return EXIT.ok;
}

function fail2(io: CliIo, reason: string): number {
  io.stderr(`llm-readiness: ${reason}\n`);
  return EXIT.usage;
}

/** Exit code of a comparison: 1 for new findings or a score drop past `--max-score-drop`; prunes the baseline file when asked. */
function judgeComparison(comparison: Comparison, args: Args, baseline: Baseline | undefined, io: CliIo): number {
  if (!args.quiet) {
    io.stderr(`llm-readiness: ${comparisonHeadline(comparison)}\n`);
    if (comparison.absent.length && !args.pruneBaseline && baseline) {
      io.stderr(`llm-readiness: ${comparison.absent.length} baseline entr${comparison.absent.length === 1 ? "y is" : "ies are"} fixed and stale (run with --prune-baseline, or a fixed finding could come back unnoticed):\n`);
      for (const e of comparison.absent) io.stderr(`  ${e.file}  ${e.scope}  ${e.callee}  ${e.check}=${e.value}\n`);
    }
  }
  if (args.pruneBaseline && baseline && args.baseline) {
    const pruned = pruneBaseline(baseline, comparison);
    try {
      fs.writeFileSync(path.resolve(io.cwd, args.baseline), formatBaseline(pruned));
    } catch (err) {
      return fail2(io, `cannot write ${args.baseline}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (!args.quiet) io.stderr(`llm-readiness: pruned ${comparison.absent.length} fixed entr${comparison.absent.length === 1 ? "y" : "ies"} from ${args.baseline}\n`);
  }
  const regressed = regressedOf(comparison);
  if (regressed.length) {
    io.stderr(`llm-readiness: ${regressed.length} new finding${regressed.length === 1 ? "" : "s"} against ${comparison.against}\n`);
    return EXIT.findings;
  }
  const drop = comparison.scoreBefore - comparison.scoreAfter;
  if (args.maxScoreDrop !== undefined && drop > args.maxScoreDrop) {
    io.stderr(`llm-readiness: score dropped from ${Math.round(comparison.scoreBefore)} to ${Math.round(comparison.scoreAfter)}, more than --max-score-drop ${args.maxScoreDrop}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/**
 * The workspace at a git ref: each root checked out in a temporary worktree, scanned, and the worktree removed
 * (also on errors and Ctrl-C); with the lines changed since the ref, files relative to the report's root.
 */
async function scanAtRef(
  ref: string,
  roots: Root[],
  cwd: string,
  scanOne: (root: string) => Promise<ScanReport>,
): Promise<{ report: ScanReport; changes: Map<string, FileChanges> }> {
  const parts: { prefix: string; report: ScanReport }[] = [];
  const changes = new Map<string, FileChanges>();
  for (const root of roots) {
    const prefix = roots.length === 1 ? "" : relativePrefix(cwd, root.abs);
    const checkout = checkoutRef(root.abs, ref);
    try {
      // A folder newer than the ref had nothing in it then: scan it empty (it goes with the worktree).
      fs.mkdirSync(checkout.root, { recursive: true });
      parts.push({ prefix, report: await scanOne(checkout.root) });
    } finally {
      checkout.dispose();
    }
    for (const [file, c] of changedLines(root.abs, ref)) changes.set(prefix ? `${prefix}/${file}` : file, c);
  }
  return { report: parts.length === 1 ? parts[0]!.report : mergeReports(parts, "."), changes };
}
