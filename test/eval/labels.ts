/** The labels.json format of test/corpus/<app>/ (zod), shared by the eval runner and the label checks. */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CHECK_VALUES } from "../../src/core/types";

const checkValue = <K extends keyof typeof CHECK_VALUES>(id: K) =>
  z.enum(CHECK_VALUES[id] as unknown as [string, ...string[]]);

/** One labelled call site; `line`/`column` are 1-based and point at the first token of the call (CHECKS.md). */
export const LabelSite = z.object({
  file: z.string().regex(/^[^\\]+$/, "relative path with / separators"),
  line: z.int().min(1),
  column: z.int().min(1),
  provider: z.string().min(1),
  kind: z.enum(["chat", "embedding", "other-model"]),
  callee: z.string().min(1),
  model: z.string().nullable(),
  cases: z.array(z.string()).default([]),
  checks: z.object({
    timeout: checkValue("timeout"),
    retry: checkValue("retry"),
    validation: checkValue("validation"),
    fallback: checkValue("fallback"),
    usage: checkValue("usage"),
    eval: checkValue("eval"),
    /** The checks of issue #15 are labelled in test/eval/labels-context-limits.json and merged in by the eval. */
    context: checkValue("context").optional(),
    limits: checkValue("limits").optional(),
  }),
  note: z.string().optional(),
});
export type LabelSite = z.infer<typeof LabelSite>;

/** A look-alike that is not a call site: a prediction on its line is a false positive worth naming. */
export const Decoy = z.object({
  file: z.string().regex(/^[^\\]+$/, "relative path with / separators"),
  line: z.int().min(1),
  text: z.string().min(1),
  why: z.string().min(1),
});
export type Decoy = z.infer<typeof Decoy>;

export const LabelFile = z.object({
  app: z.string().min(1),
  description: z.string(),
  sites: z.array(LabelSite),
  decoys: z.array(Decoy).default([]),
});
export type LabelFile = z.infer<typeof LabelFile>;

/** The corpus folder, resolved from the project root (the working directory of `npm run eval` / `npm test`). */
export function corpusDir(cwd = process.cwd()): string {
  return path.resolve(cwd, "test", "corpus");
}

export type LoadedApp = { app: string; dir: string; labels: LabelFile } | { app: string; dir: string; error: string };

/** Every folder of the corpus that has a labels.json, parsed; a file that does not parse is returned with its error. */
export function loadCorpus(dir: string): LoadedApp[] {
  const apps: LoadedApp[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const appDir = path.join(dir, entry.name);
    const file = path.join(appDir, "labels.json");
    if (!fs.existsSync(file)) continue;
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      apps.push({ app: entry.name, dir: appDir, error: `labels.json is not JSON: ${(e as Error).message}` });
      continue;
    }
    const parsed = LabelFile.safeParse(json);
    if (parsed.success) apps.push({ app: entry.name, dir: appDir, labels: parsed.data });
    else apps.push({ app: entry.name, dir: appDir, error: z.prettifyError(parsed.error) });
  }
  return apps;
}

/** The first identifier of a callee (`openai` in `openai.chat.completions.create`, `getClient` in `getClient(...).x`). */
export function firstToken(callee: string): string {
  const m = /^[A-Za-z_$][\w$]*/.exec(callee);
  return m ? m[0] : callee;
}

/** Problems with one app's labels against its files, as readable strings (empty when all is well). */
export function labelProblems(appDir: string, labels: LabelFile): string[] {
  const problems: string[] = [];
  const lines = new Map<string, string[] | null>();
  const fileLines = (file: string) => {
    if (!lines.has(file)) {
      const abs = path.join(appDir, file);
      lines.set(file, fs.existsSync(abs) ? fs.readFileSync(abs, "utf8").split(/\r?\n/) : null);
    }
    return lines.get(file)!;
  };
  const siteLines = new Set<string>();
  for (const s of labels.sites) {
    const where = `${s.file}:${s.line}:${s.column}`;
    const text = fileLines(s.file);
    if (!text) {
      problems.push(`${where}: no such file`);
      continue;
    }
    const line = text[s.line - 1];
    if (line === undefined) {
      problems.push(`${where}: the file has ${text.length} lines`);
      continue;
    }
    const token = firstToken(s.callee);
    const at = line.slice(s.column - 1);
    // UTF-16 columns, as String.prototype.slice counts them; the token must end there (not `openai` in `openaiChat`).
    if (!at.startsWith(token) || /^[\w$]/.test(at.slice(token.length))) {
      problems.push(`${where}: expected \`${token}\` (${s.callee}) at the column, found \`${at.slice(0, 40)}\``);
    }
    const k = `${s.file}:${s.line}`;
    if (siteLines.has(k)) problems.push(`${where}: two sites on one line cannot be told apart by the line-based matching`);
    siteLines.add(k);
  }
  for (const d of labels.decoys) {
    const where = `${d.file}:${d.line}`;
    const text = fileLines(d.file);
    if (!text) problems.push(`${where}: decoy in a missing file`);
    else if (!(text[d.line - 1] ?? "").includes(d.text)) problems.push(`${where}: decoy line does not contain \`${d.text}\``);
    if (siteLines.has(where)) problems.push(`${where}: decoy on a labelled site's line`);
  }
  return problems;
}
