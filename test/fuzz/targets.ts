/**
 * What the fuzzer runs and what it asks of each answer (the oracles), shared by `npm run fuzz`
 * (test/fuzz/runFuzz.ts) and the regression test that replays saved inputs (test/fuzz/regressions.test.ts).
 * A finding is a string saying what went wrong; undefined when the input was handled well.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { run } from "../../src/cli/run";
import { Config } from "../../src/core/config";
import { ScanReportSchema } from "../../src/core/report";
import { scanWorkspace } from "../../src/core/scan";
import { AnalysisSession, type FileChange } from "../../src/core/session";
import { CHECK_IDS, type ScanReport, type SiteReport } from "../../src/core/types";
import { insideFolder, insideFolderOnDisk } from "../../src/panel/insideFolder";
import { FromWebview } from "../../src/shared/panelMessages";

/** One file's analysis over this is a hang (CPU time of the process: other engineers' load does not count). */
export const HANG_MS = 2_000;

/** CPU milliseconds of this process (user + system): a clock that a busy machine does not stretch. */
export const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export interface Outcome {
  /** What went wrong: a crash (an exception out of the core, an empty or invalid report) or a wrong answer. */
  crash?: string;
  hang?: string;
  /** CPU ms of the analysis of the input (0 when nothing was analysed). */
  ms: number;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `llmr-fuzz-${prefix}-`));
}

/** Copies a corpus project (sources and package.json, not labels) into a temp folder. */
export function copyProject(src: string): string {
  const dir = tempDir(path.basename(src));
  fs.cpSync(src, dir, { recursive: true, filter: (p) => !p.includes(`${path.sep}node_modules`) && path.basename(p) !== "labels.json" });
  return dir;
}

const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? "").split("\n").slice(1, 6).join("\n")}` : String(e));

/** The report must pass the JSON schema of the `--format json` contract. */
export function schemaProblem(report: unknown): string | undefined {
  const r = ScanReportSchema.safeParse(report);
  return r.success ? undefined : `report fails the JSON schema: ${z.prettifyError(r.error).split("\n").slice(0, 6).join(" ")}`;
}

/** What a site is, for comparing two reports of the same code. */
const siteKey = (s: SiteReport) =>
  JSON.stringify([s.line, s.callee, s.provider, s.kind, s.model, CHECK_IDS.map((c) => s.checks[c].value), s.suppressed.map((x) => x.check)]);

/** A report in a form where the order of errors and skipped files does not matter (an update appends, a scan walks). */
export function normalized(r: ScanReport): unknown {
  const byText = <T>(xs: readonly T[]) => xs.map((x) => JSON.stringify(x)).sort();
  return { ...r, root: "", errors: byText(r.errors), skipped: byText(r.skipped) };
}

/** The first difference between two normalized reports, as a short path and values. */
export function firstDifference(a: unknown, b: unknown, at = ""): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (a && b && typeof a === "object" && typeof b === "object") {
    // Sites first: a score differs because a site does.
    const keys = new Set(["sites", "errors", "skipped", ...Object.keys(a), ...Object.keys(b)].filter((k) => k in a || k in b));
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  return `${at || "(root)"}: ${JSON.stringify(a)?.slice(0, 300)} ≠ ${JSON.stringify(b)?.slice(0, 300)}`;
}

// ---------------------------------------------------------------- source files, in their project

/**
 * A corpus project opened in a session: each input replaces one file's text (as an unsaved buffer
 * would), is judged, and is then reverted, and the revert must give the first report back.
 */
export class ProjectBench {
  readonly dir: string;
  private session!: AnalysisSession;
  private baseline!: ScanReport;
  readonly originals = new Map<string, string>();

  private constructor(readonly project: string) {
    this.dir = copyProject(project);
  }

  static async open(project: string): Promise<ProjectBench> {
    const b = new ProjectBench(project);
    b.session = await AnalysisSession.open(b.dir, { clock: cpuMs });
    b.baseline = b.session.report();
    for (const f of fs.readdirSync(b.dir, { recursive: true }) as string[]) {
      if (/\.(m|c)?[jt]sx?$/.test(f) && !f.includes("node_modules") && !f.endsWith(".d.ts")) b.originals.set(f.split(path.sep).join("/"), fs.readFileSync(path.join(b.dir, f), "utf8"));
    }
    return b;
  }

  /** Sources that the scan reads (relative paths). */
  files(): string[] {
    return [...this.originals.keys()].sort();
  }

  sitesOf(rel: string): number {
    return this.baseline.sites.filter((s) => s.file === rel).length;
  }

  /** Analyses `text` in place of `rel`; `keeps`: the mutation kept the code's meaning, so its sites must stay. */
  async run(rel: string, text: string, keeps: boolean): Promise<Outcome> {
    const abs = path.join(this.dir, rel);
    const start = cpuMs();
    let report: ScanReport;
    try {
      report = await this.session.update([{ abs, text }]);
    } catch (e) {
      return { crash: `update threw ${errorText(e)}`, ms: cpuMs() - start };
    }
    const ms = cpuMs() - start;
    const out: Outcome = { ms };
    const bad = schemaProblem(report);
    const skipped = report.skipped.find((s) => s.file === rel);
    const errors = report.errors.filter((e) => e.file === rel);
    if (bad) out.crash = bad;
    else if (ms > HANG_MS || skipped?.reason === "time-budget") out.hang = `${rel}: ${ms.toFixed(0)} ms${skipped ? " (skipped: time budget)" : ""}`;
    else if (keeps) {
      const before = this.baseline.sites.filter((s) => s.file === rel).map(siteKey);
      const after = report.sites.filter((s) => s.file === rel).map(siteKey);
      // Nesting past what the parser's stack takes is reported as an error for the file, never a silent empty file.
      // So is a file that the guards of a disk read skip (NULs are binary, a 300 kB line is minified, over 1 MB is too large).
      const accounted = errors.some((e) => /too deeply nested|could not parse/.test(e.message)) || (skipped !== undefined && ["binary", "minified", "too-large"].includes(skipped.reason));
      if (JSON.stringify(before) !== JSON.stringify(after) && !accounted) {
        out.crash = `the mutation keeps the code, but the sites changed:\n  before ${before.join("\n         ")}\n  after  ${after.join("\n         ")}`;
      }
    }
    // Back to the original text: the session must give the first report again.
    try {
      const back = await this.session.update([{ abs, text: this.originals.get(rel)! }]);
      const d = firstDifference(normalized(back), normalized(this.baseline));
      if (d && !out.crash) out.crash = `after reverting ${rel} the session's report differs from before: ${d}`;
    } catch (e) {
      if (!out.crash) out.crash = `revert threw ${errorText(e)}`;
    }
    return out;
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A file alone in a folder, scanned from disk (discovery, reading, binary/minified/size guards, the parse budget). */
export async function scanAlone(name: string, text: string): Promise<Outcome & { report?: ScanReport }> {
  const dir = tempDir("alone");
  try {
    fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
    const start = cpuMs();
    let report: ScanReport;
    try {
      report = await scanWorkspace(dir, { clock: cpuMs });
    } catch (e) {
      return { crash: `scan threw ${errorText(e)}`, ms: cpuMs() - start };
    }
    const ms = cpuMs() - start;
    const bad = schemaProblem(report);
    if (bad) return { crash: bad, ms };
    const skipped = report.skipped.find((s) => s.file === name);
    if (ms > HANG_MS || skipped?.reason === "time-budget") return { hang: `${name}: ${ms.toFixed(0)} ms`, ms };
    // The file is accounted for: analysed (counted), skipped with a reason, or in errors.
    if (report.summary.files === 0 && !skipped && !report.errors.some((e) => e.file === name)) return { crash: `${name} vanished: not analysed, not skipped, no error`, ms };
    return { ms, report };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- configuration files

export type ConfigTarget = "config" | "package";

/** The project a configuration is tried on: one OpenAI call. */
const CONFIG_PROJECT_SOURCE = `import OpenAI from "openai";
const openai = new OpenAI();
export async function ask(q: string) {
  const r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: q }] });
  return r.choices[0]?.message.content ?? "";
}
`;

/** What the loader must do with a text, derived from the zod schema: undefined when valid, else the fields its message must name. */
export function expectedConfigProblems(target: ConfigTarget, text: string): { valid: true } | { valid: false; fields: string[]; json: boolean } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // A broken package.json is only our problem when it holds our key.
    if (target === "package" && !text.includes(`"llmReadiness"`)) return { valid: true };
    return { valid: false, fields: [], json: true };
  }
  let value = raw;
  const prefix: string[] = [];
  if (target === "package") {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw) || !("llmReadiness" in raw)) return { valid: true };
    value = (raw as Record<string, unknown>).llmReadiness;
    prefix.push("llmReadiness");
  }
  const r = Config.safeParse(value);
  if (r.success) return { valid: true };
  const fields = r.error.issues.flatMap((i) => {
    const paths = i.code === "unrecognized_keys" ? i.keys.map((k) => [...i.path, k]) : [i.path];
    return paths.map((p) => [...prefix, ...p].map(String).join(".") || "(root)");
  });
  return { valid: false, fields, json: false };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A folder with one source file, where configurations are tried through the CLI. */
export class ConfigBench {
  readonly dir = tempDir("config");
  constructor() {
    fs.mkdirSync(path.join(this.dir, "src"));
    fs.writeFileSync(path.join(this.dir, "src/ask.ts"), CONFIG_PROJECT_SOURCE);
  }

  /** Runs `llm-readiness scan <dir> --format json` with the text as .llm-readiness.json or package.json. */
  async run(target: ConfigTarget, text: string): Promise<Outcome> {
    const file = target === "config" ? ".llm-readiness.json" : "package.json";
    for (const f of [".llm-readiness.json", "package.json"]) fs.rmSync(path.join(this.dir, f), { force: true });
    fs.writeFileSync(path.join(this.dir, file), text);
    let stdout = "";
    let stderr = "";
    const start = cpuMs();
    let code: number;
    try {
      code = await run(["scan", ".", "--format", "json", "--quiet"], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: this.dir, isTTY: false });
    } catch (e) {
      return { crash: `the CLI threw ${errorText(e)}`, ms: cpuMs() - start };
    }
    const ms = cpuMs() - start;
    const expected = expectedConfigProblems(target, text);
    const input = `${file} ${JSON.stringify(text.slice(0, 200))}`;
    if (/scan failed/.test(stderr)) return { crash: `${input}: ${stderr.trim()}`, ms };
    if (expected.valid) {
      if (code === 2) return { crash: `${input} is valid by the schema, but the CLI refused it: ${stderr.trim()}`, ms };
      try {
        const report = JSON.parse(stdout) as ScanReport;
        const bad = schemaProblem(report);
        if (bad) return { crash: bad, ms };
        const raw = (() => {
          try {
            return JSON.parse(text) as Record<string, unknown>;
          } catch {
            return undefined;
          }
        })();
        const hasConfig = target === "config" || (raw !== undefined && raw !== null && typeof raw === "object" && "llmReadiness" in raw);
        if (hasConfig && !report.config) return { crash: `${input}: valid configuration, but the report does not say it was read`, ms };
      } catch (e) {
        return { crash: `${input}: exit ${code} without a JSON report (${errorText(e)})`, ms };
      }
      return { ms };
    }
    if (code !== 2) return { crash: `${input} is invalid by the schema, but the CLI accepted it (exit ${code})`, ms };
    const name = escapeRe(file);
    if (expected.json) {
      if (!new RegExp(`${name}:\\d+: invalid JSON`).test(stderr)) return { crash: `${input}: invalid JSON without a located message: ${stderr.trim()}`, ms };
      return { ms };
    }
    for (const field of expected.fields) {
      if (!new RegExp(`${name}:\\d+: ${escapeRe(field)}: `).test(stderr)) return { crash: `${input}: no \`${file}:line: ${field}\` in the message: ${stderr.trim().slice(0, 400)}`, ms };
    }
    return { ms };
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- suppression comments

export interface SuppressionCase {
  /** The comment's text, as written in the file (it may span lines). */
  comment: string;
  /** `next-line`: above the call; `file`: at the top of the file; `end`: after the code (an unterminated comment). */
  where: "next-line" | "file" | "end";
  /** Well formed: these checks are suppressed. `ignored`: not a directive of ours (no error, no effect). `malformed`: an error, no effect. */
  expect: { suppresses: string[] } | "ignored" | "malformed" | "any";
}

const SUPPRESSION_SITE = `import OpenAI from "openai";
const openai = new OpenAI();
export async function ask(q: string) {
  /*MARK*/
  const r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: q }] });
  return r.choices[0]?.message.content ?? "";
}
`;

export async function runSuppression(c: SuppressionCase): Promise<Outcome> {
  let text = SUPPRESSION_SITE;
  if (c.where === "next-line") text = text.replace("/*MARK*/", c.comment);
  else if (c.where === "file") text = `${c.comment}\n${text.replace("/*MARK*/", "")}`;
  else text = `${text.replace("/*MARK*/", "")}${c.comment}`;
  const commentLine = c.where === "next-line" ? 4 : c.where === "file" ? 1 : SUPPRESSION_SITE.split("\n").length;
  const r = await scanAlone("src/ask.ts", text);
  if (r.crash || r.hang || !r.report) return r;
  const report = r.report;
  const site = report.sites.find((s) => s.callee === "openai.chat.completions.create");
  const input = JSON.stringify(c.comment);
  if (!site) return { crash: `${input}: the call site is gone`, ms: r.ms };
  const suppressed = site.suppressed.map((s) => s.check).sort();
  const errors = report.errors.filter((e) => /suppression was ignored/.test(e.message));
  if (c.expect === "any") return { ms: r.ms };
  if (c.expect === "ignored" || c.expect === "malformed") {
    if (suppressed.length) return { crash: `${input}: ${c.expect}, but it suppressed ${suppressed.join(", ")}`, ms: r.ms };
    if (c.expect === "malformed" && !errors.some((e) => e.line === commentLine)) return { crash: `${input}: malformed, but no error at line ${commentLine} (${JSON.stringify(report.errors)})`, ms: r.ms };
    if (c.expect === "ignored" && errors.length) return { crash: `${input}: not a directive, but reported: ${errors[0]!.message}`, ms: r.ms };
    return { ms: r.ms };
  }
  const want = [...new Set(c.expect.suppresses)].sort();
  if (JSON.stringify(suppressed) !== JSON.stringify(want) || errors.length) {
    return { crash: `${input}: expected to suppress ${want.join(", ")}, suppressed ${suppressed.join(", ") || "nothing"}${errors.length ? `; errors: ${errors[0]!.message}` : ""}`, ms: r.ms };
  }
  return { ms: r.ms };
}

// ---------------------------------------------------------------- webview messages and paths

/** A second reading of the webview → extension contract (src/shared/panelMessages.ts), written apart from the zod schema. */
export function expectedWebviewValid(m: unknown): boolean {
  if (m === null || typeof m !== "object" || Array.isArray(m)) return false;
  const o = m as Record<string, unknown>;
  const str = (x: unknown) => typeof x === "string" && x.length >= 1;
  const pos = (x: unknown) => typeof x === "number" && Number.isSafeInteger(x) && x >= 1;
  switch (o.type) {
    case "webview/ready":
    case "scan/rerun":
      return true;
    case "site/reveal":
      return str(o.folder) && str(o.file) && pos(o.line) && pos(o.column);
    case "check/docs":
      return typeof o.check === "string" && (CHECK_IDS as readonly string[]).includes(o.check);
    case "report/export":
    case "report/copy":
      return str(o.folder);
    case "test/snapshot":
      return pos(o.id) && !!o.texts && typeof o.texts === "object" && !Array.isArray(o.texts) && Object.values(o.texts).every((v) => typeof v === "string");
    case "test/clicked":
      return pos(o.id) && typeof o.found === "boolean";
    default:
      return false;
  }
}

export function runWebviewMessage(m: unknown): Outcome {
  let ok: boolean;
  try {
    ok = FromWebview.safeParse(m).success;
  } catch (e) {
    return { crash: `FromWebview.safeParse threw on ${JSON.stringify(m)?.slice(0, 200)}: ${errorText(e)}`, ms: 0 };
  }
  const want = expectedWebviewValid(m);
  if (ok !== want) return { crash: `${JSON.stringify(m)?.slice(0, 300)}: the schema ${ok ? "accepts" : "rejects"} it, the contract ${want ? "accepts" : "rejects"} it`, ms: 0 };
  return { ms: 0 };
}

/** A folder with files inside and symlinks that lead out of it, for the path guard. */
export class PathBench {
  readonly root = tempDir("paths");
  readonly outside = tempDir("outside");
  /** Paths (relative, `/`) of real files inside. */
  readonly inside = ["src/a.ts", "src/lib/b.ts", "c.ts", "src/..foo/d.ts"];
  /** Paths through symlinks that end outside the folder. */
  readonly viaLinks = ["link-out/secret.ts", "evil.ts", "src/up/outside-secret.ts", "src/lib/deep-link/secret.ts"];
  constructor() {
    for (const f of this.inside) {
      fs.mkdirSync(path.dirname(path.join(this.root, f)), { recursive: true });
      fs.writeFileSync(path.join(this.root, f), "export {};\n");
    }
    fs.writeFileSync(path.join(this.outside, "secret.ts"), "export const secret = 1;\n");
    fs.symlinkSync(this.outside, path.join(this.root, "link-out"), "dir");
    fs.symlinkSync(path.join(this.outside, "secret.ts"), path.join(this.root, "evil.ts"));
    fs.symlinkSync(path.dirname(this.outside), path.join(this.root, "src/up"), "dir");
    fs.writeFileSync(path.join(path.dirname(this.outside), "outside-secret.ts"), "export {};\n");
    fs.symlinkSync(this.outside, path.join(this.root, "src/lib/deep-link"), "dir");
  }

  /** `escapes`: the path must be refused; otherwise it must open the file it names. */
  run(rel: string, escapes: boolean): Outcome {
    let pure: string | undefined;
    let onDisk: string | undefined;
    try {
      pure = insideFolder(this.root, rel);
      onDisk = insideFolderOnDisk(this.root, rel);
    } catch (e) {
      return { crash: `the path guard threw on ${JSON.stringify(rel)}: ${errorText(e)}`, ms: 0 };
    }
    if (escapes && onDisk !== undefined) return { crash: `${JSON.stringify(rel)} leaves the folder, but the guard lets it open ${onDisk}`, ms: 0 };
    if (!escapes && onDisk === undefined) return { crash: `${JSON.stringify(rel)} is a file inside the folder, but the guard refuses it`, ms: 0 };
    if (pure !== undefined && !escapes && path.relative(this.root, pure).startsWith("..")) return { crash: `${JSON.stringify(rel)} resolved outside: ${pure}`, ms: 0 };
    return { ms: 0 };
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
    fs.rmSync(path.join(path.dirname(this.outside), "outside-secret.ts"), { force: true });
    fs.rmSync(this.outside, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- the session under edits

/** One step of an edit sequence: changes written to disk and given to update(), maybe cancelled after `abortAfter` checkpoints. */
export interface EditStep {
  changes: FileChange[];
  abortAfter?: number;
}

/** A signal that aborts at its n-th check (deterministic, unlike a timer). */
function abortingAt(n: number): AbortSignal {
  let k = 0;
  const s = {
    get aborted() {
      return k >= n;
    },
    throwIfAborted() {
      if (++k >= n) throw new DOMException("cancelled by the fuzzer", "AbortError");
    },
    addEventListener() {},
    removeEventListener() {},
  };
  return s as unknown as AbortSignal;
}

/**
 * Opens a session on a copy of the project, applies the steps (files written as they change), then
 * compares the session's report with a fresh scan of the same files. `changes[].abs` are relative here.
 */
export async function runSequence(project: string, steps: readonly EditStep[], everyStep = false): Promise<Outcome> {
  const dir = copyProject(project);
  try {
    const start = cpuMs();
    let maxStep = 0;
    const session = await AnalysisSession.open(dir, { clock: cpuMs });
    for (const [i, step] of steps.entries()) {
      const changes = step.changes.map((c) => ({ abs: path.join(dir, c.abs), text: c.text }));
      for (const c of changes) {
        if (c.text === null) fs.rmSync(c.abs, { force: true });
        else {
          fs.mkdirSync(path.dirname(c.abs), { recursive: true });
          fs.writeFileSync(c.abs, c.text);
        }
      }
      const t = cpuMs();
      try {
        const r = await session.update(changes, step.abortAfter !== undefined ? abortingAt(step.abortAfter) : undefined);
        const bad = schemaProblem(r);
        if (bad) return { crash: `step ${i}: ${bad}`, ms: cpuMs() - start };
      } catch (e) {
        if (!(e instanceof DOMException && e.name === "AbortError" && step.abortAfter !== undefined)) return { crash: `step ${i}: update threw ${errorText(e)}`, ms: cpuMs() - start };
      }
      maxStep = Math.max(maxStep, cpuMs() - t);
      if (everyStep && step.abortAfter === undefined) {
        // Debugging a saved sequence: the first step after which the session and a fresh scan part.
        const mine = session.report();
        const theirs = await scanWorkspace(dir, { clock: cpuMs });
        const d = firstDifference(normalized(mine), normalized(theirs));
        if (d) {
          const keys = (r: ScanReport) => new Set(r.sites.map((x) => `${x.file}:${x.line} ${x.callee} ${JSON.stringify(x.checks)}`));
          const [a, b] = [keys(mine), keys(theirs)];
          const only = (x: Set<string>, y: Set<string>) => [...x].filter((k) => !y.has(k)).join("\n    ");
          return { crash: `step ${i} (${step.changes.map((c) => `${path.relative(dir, c.abs)}${c.text === null ? " deleted" : ""}`).join(", ")}): ${d}\n  only in the session:\n    ${only(a, b)}\n  only in the fresh scan:\n    ${only(b, a)}`, ms: maxStep };
        }
      }
    }
    // A last update with no change of its own: a cancelled step before it is replayed here.
    const updated = await session.update([]);
    const fresh = await scanWorkspace(dir, { clock: cpuMs });
    const d = firstDifference(normalized(updated), normalized(fresh));
    if (d) return { crash: `after ${steps.length} edits the session's report differs from a fresh scan: ${d}`, ms: maxStep };
    return { ms: maxStep };
  } catch (e) {
    return { crash: `session threw ${errorText(e)}`, ms: 0 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
