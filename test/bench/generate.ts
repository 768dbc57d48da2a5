/** A deterministic generator of a large monorepo workspace for `npm run bench`: ordinary modules plus about 1 file in 25 calling an LLM through real SDK APIs. */
import fs from "node:fs";
import path from "node:path";

/** Bump when the generated content changes, so runBench regenerates an old workspace. */
export const GENERATOR_VERSION = 2;

/** The file runBench reads to know what a workspace on disk was generated with. */
export const MANIFEST = "bench-manifest.json";

export interface GeneratedWorkspace {
  /** Source files written that the scanner discovers (build output and ignored files not counted). */
  files: number;
  /** Of those, modules that issue an LLM request: SDK calls, or calls of the shared wrappers. */
  llmModules: number;
}

/** mulberry32: a small seeded PRNG, so every run writes the same bytes. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = [
  "user", "order", "invoice", "cart", "session", "report", "metric", "ticket", "profile", "account",
  "payment", "product", "shipment", "review", "search", "feed", "notification", "message", "document", "team",
  "project", "task", "comment", "tag", "coupon", "refund", "address", "inventory", "booking", "survey",
];
const VERBS = [
  "format", "parse", "validate", "normalize", "merge", "compute", "build", "resolve", "filter", "group",
  "sort", "score", "load", "sync", "export", "summarize", "index", "rank", "match", "clean",
];
const FIELDS: [string, string][] = [
  ["id", "string"], ["name", "string"], ["createdAt", "Date"], ["updatedAt", "Date"], ["status", "Status"],
  ["count", "number"], ["total", "number"], ["tags", "string[]"], ["ownerId", "string"], ["active", "boolean"],
  ["notes", "string | undefined"], ["priority", "number"], ["email", "string"], ["locale", "string"],
  ["metadata", "Record<string, unknown>"], ["score", "number"],
];
const MODELS = { openai: ["gpt-4o-mini", "gpt-4.1", "gpt-4o"], anthropic: ["claude-sonnet-4-5", "claude-haiku-4-5"] };

const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

/** Writes one module: a list of lines that the block builders append to. */
class ModuleWriter {
  readonly lines: string[] = [];
  readonly exports: string[] = [];
  private readonly used = new Set<string>();
  constructor(readonly rand: () => number) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)]!;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.rand() * (max - min + 1));
  }
  /** Marks an imported name as taken; false when it already was. */
  reserve(name: string): boolean {
    if (this.used.has(name)) return false;
    this.used.add(name);
    return true;
  }
  /** A name not yet used in this module. */
  name(make: () => string): string {
    let n = make();
    for (let i = 2; this.used.has(n); i++) n = `${make()}${i}`;
    this.used.add(n);
    return n;
  }
  push(...lines: string[]): void {
    this.lines.push(...lines);
  }
  text(): string {
    return `${this.lines.join("\n")}\n`;
  }
}

function typeBlock(w: ModuleWriter): void {
  const name = w.name(() => cap(w.pick(NOUNS)) + w.pick(["", "Record", "Summary", "Input", "View", "Event"]));
  const fields = Array.from({ length: w.int(4, 9) }, () => w.pick(FIELDS));
  const seen = new Set<string>();
  w.push(`/** A ${name.toLowerCase()} as stored and shown. */`, `export interface ${name} {`);
  for (const [f, t] of fields) {
    if (seen.has(f)) continue;
    seen.add(f);
    w.push(`  ${w.rand() < 0.2 ? "readonly " : ""}${f}${w.rand() < 0.25 ? "?" : ""}: ${t === "Status" ? '"open" | "closed" | "pending"' : t};`);
  }
  w.push("}", "");
  if (w.rand() < 0.4) {
    const alias = w.name(() => `${name}Patch`);
    w.push(`export type ${alias} = Partial<Omit<${name}, "id">> & { id: string };`, "");
    w.exports.push(alias);
  }
  w.exports.push(name);
}

function utilBlock(w: ModuleWriter): void {
  const noun = w.pick(NOUNS);
  const fn = w.name(() => `${w.pick(VERBS)}${cap(noun)}s`);
  const variant = w.int(0, 3);
  w.push(`/** ${cap(fn)}: pure, no I/O. */`);
  if (variant === 0) {
    w.push(
      `export function ${fn}<T extends { id: string; score?: number }>(items: readonly T[], limit = ${w.int(5, 50)}): T[] {`,
      "  const seen = new Set<string>();",
      "  const out: T[] = [];",
      "  for (const item of items) {",
      "    if (seen.has(item.id)) continue;",
      "    seen.add(item.id);",
      `    if ((item.score ?? 0) < ${w.int(0, 10) / 10}) continue;`,
      "    out.push(item);",
      "    if (out.length >= limit) break;",
      "  }",
      "  return out.sort((a, b) => (b.score ?? 0) - (a.score ?? 0));",
      "}",
    );
  } else if (variant === 1) {
    w.push(
      `export const ${fn} = (input: string, options: { trim?: boolean; max?: number } = {}): string => {`,
      "  let value = options.trim === false ? input : input.trim();",
      `  value = value.replace(/\\s+/g, " ").replace(/[^\\w\\s.,-]/g, "");`,
      "  if (options.max !== undefined && value.length > options.max) {",
      "    value = `${value.slice(0, options.max - 1)}…`;",
      "  }",
      `  return value.length > 0 ? value : ${JSON.stringify(noun)};`,
      "};",
    );
  } else if (variant === 2) {
    w.push(
      `export function ${fn}(rows: Array<Record<string, unknown>>, key: string): Map<string, number> {`,
      "  const totals = new Map<string, number>();",
      "  for (const row of rows) {",
      "    const bucket = String(row[key] ?? \"unknown\");",
      "    const amount = typeof row.amount === \"number\" ? row.amount : Number(row.amount) || 0;",
      "    totals.set(bucket, (totals.get(bucket) ?? 0) + amount);",
      "  }",
      "  return totals;",
      "}",
    );
  } else {
    w.push(
      `export async function ${fn}(ids: string[], fetchOne: (id: string) => Promise<unknown>): Promise<unknown[]> {`,
      "  const results: unknown[] = [];",
      `  for (let i = 0; i < ids.length; i += ${w.int(2, 16)}) {`,
      `    const batch = ids.slice(i, i + ${w.int(2, 16)});`,
      "    try {",
      "      results.push(...(await Promise.all(batch.map((id) => fetchOne(id)))));",
      "    } catch (error) {",
      "      console.warn(`batch ${i} failed`, error);",
      "    }",
      "  }",
      "  return results;",
      "}",
    );
  }
  w.push("");
  w.exports.push(fn);
}

function classBlock(w: ModuleWriter): void {
  const noun = w.pick(NOUNS);
  const cls = w.name(() => `${cap(noun)}${w.pick(["Service", "Repository", "Store", "Manager", "Controller"])}`);
  w.push(
    `export class ${cls} {`,
    `  private readonly cache = new Map<string, { value: unknown; at: number }>();`,
    `  private ${w.rand() < 0.5 ? "static " : ""}instances = 0;`,
    "",
    `  constructor(private readonly baseUrl: string, private readonly ttlMs = ${w.int(1, 60) * 1000}) {}`,
    "",
  );
  for (let m = 0; m < w.int(2, 5); m++) {
    const method = w.name(() => `${w.pick(VERBS)}${cap(w.pick(NOUNS))}`);
    if (w.rand() < 0.5) {
      w.push(
        `  async ${method}(id: string): Promise<unknown> {`,
        "    const hit = this.cache.get(id);",
        "    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;",
        `    const response = await fetch(\`\${this.baseUrl}/${noun}s/\${encodeURIComponent(id)}\`);`,
        "    if (!response.ok) throw new Error(`" + method + " failed: ${response.status}`);",
        "    const value: unknown = await response.json();",
        "    this.cache.set(id, { value, at: Date.now() });",
        "    return value;",
        "  }",
        "",
      );
    } else {
      w.push(
        `  ${method}(entries: ReadonlyArray<[string, number]>): number {`,
        "    let total = 0;",
        "    for (const [key, amount] of entries) {",
        "      switch (key.charAt(0)) {",
        `        case "${noun[0]}":`,
        "          total += amount * 2;",
        "          break;",
        "        default:",
        "          total += amount;",
        "      }",
        "    }",
        "    return total;",
        "  }",
        "",
      );
    }
  }
  w.push("}", "");
  w.exports.push(cls);
}

function componentBlock(w: ModuleWriter): void {
  const noun = w.pick(NOUNS);
  const comp = w.name(() => `${cap(noun)}${w.pick(["Card", "List", "Panel", "Row", "Badge", "Form"])}`);
  w.push(
    `export interface ${comp}Props {`,
    `  ${noun}s: Array<{ id: string; name: string; count?: number }>;`,
    "  onSelect?: (id: string) => void;",
    "  title?: string;",
    "}",
    "",
    `export function ${comp}({ ${noun}s, onSelect, title = "${cap(noun)}s" }: ${comp}Props) {`,
    "  const [query, setQuery] = useState(\"\");",
    "  const [expanded, setExpanded] = useState(false);",
    "  const visible = useMemo(",
    `    () => ${noun}s.filter((item) => item.name.toLowerCase().includes(query.toLowerCase())),`,
    `    [${noun}s, query],`,
    "  );",
    "  useEffect(() => {",
    `    if (visible.length === 0 && query) console.debug("no ${noun}s for", query);`,
    "  }, [visible, query]);",
    "  return (",
    `    <section className="${noun}-panel">`,
    "      <header>",
    "        <h2>{title}</h2>",
    "        <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder=\"Filter\" />",
    "        <button onClick={() => setExpanded(!expanded)}>{expanded ? \"Less\" : \"More\"}</button>",
    "      </header>",
    "      <ul>",
    "        {visible.slice(0, expanded ? undefined : 10).map((item) => (",
    "          <li key={item.id} onClick={() => onSelect?.(item.id)}>",
    "            {item.name} {item.count !== undefined && <span className=\"count\">{item.count}</span>}",
    "          </li>",
    "        ))}",
    "      </ul>",
    "    </section>",
    "  );",
    "}",
    "",
  );
  w.exports.push(comp);
}

function hookBlock(w: ModuleWriter): void {
  const noun = w.pick(NOUNS);
  const hook = w.name(() => `use${cap(noun)}${w.pick(["", "s", "Query", "State"])}`);
  w.push(
    `export function ${hook}(id: string | undefined) {`,
    "  const [data, setData] = useState<unknown>(null);",
    "  const [error, setError] = useState<Error | null>(null);",
    "  useEffect(() => {",
    "    if (!id) return;",
    "    const controller = new AbortController();",
    `    fetch(\`/api/${noun}s/\${id}\`, { signal: controller.signal })`,
    "      .then((r) => r.json())",
    "      .then(setData)",
    "      .catch((e: unknown) => setError(e instanceof Error ? e : new Error(String(e))));",
    "    return () => controller.abort();",
    "  }, [id]);",
    "  return { data, error, loading: data === null && error === null };",
    "}",
    "",
  );
  w.exports.push(hook);
}

function jsBlock(w: ModuleWriter): void {
  const fn = w.name(() => `${w.pick(VERBS)}${cap(w.pick(NOUNS))}`);
  w.push(
    `/** @param {Record<string, unknown>} config */`,
    `export function ${fn}(config) {`,
    "  const entries = Object.entries(config).filter(([, v]) => v !== undefined);",
    "  return entries.reduce((acc, [k, v]) => ({ ...acc, [k.toLowerCase()]: v }), {});",
    "}",
    "",
  );
  w.exports.push(fn);
}

interface ClientRef {
  /** Import line that brings the clients into scope. */
  importLine: string;
  openai: string;
}

/** One LLM-calling module body, using a client or wrapper from elsewhere in the workspace. */
function llmBlock(w: ModuleWriter, local: ClientRef | undefined): string[] {
  const noun = w.pick(NOUNS);
  const variant = w.int(0, 5);
  const fn = w.name(() => `${w.pick(["triage", "describe", "draft", "classify", "summarize", "explain"])}${cap(noun)}`);
  const guarded = w.rand() < 0.5;
  const imports: string[] = [];
  const body: string[] = [];
  if (variant === 0) {
    const client = local && w.rand() < 0.6 ? local : undefined;
    imports.push(client ? client.importLine : 'import { openai } from "@bench/ai";');
    const name = client ? client.openai : "openai";
    body.push(
      `export async function ${fn}(input: { title: string; body: string }): Promise<string> {`,
      ...(guarded ? ["  try {"] : []),
      `  const completion = await ${name}.chat.completions.create(`,
      "    {",
      `      model: "${w.pick(MODELS.openai)}",`,
      "      messages: [",
      `        { role: "system", content: "You help with ${noun}s. Answer in two sentences." },`,
      "        { role: \"user\", content: `${input.title}\\n\\n${input.body}` },",
      "      ],",
      `      temperature: ${w.int(0, 10) / 10},`,
      "    },",
      ...(w.rand() < 0.4 ? [`    { timeout: ${w.int(5, 60) * 1000} },`] : []),
      "  );",
      "  return completion.choices[0]?.message?.content ?? \"\";",
      ...(guarded ? ["  } catch (error) {", `    console.error("${fn} failed", error);`, '    return "";', "  }"] : []),
      "}",
    );
  } else if (variant === 1) {
    imports.push('import { anthropic } from "@bench/ai";');
    body.push(
      `export async function ${fn}(text: string): Promise<{ label: string; confidence: number }> {`,
      "  const message = await anthropic.messages.create({",
      `    model: "${w.pick(MODELS.anthropic)}",`,
      `    max_tokens: ${w.pick([256, 512, 1024])},`,
      `    system: "Classify the ${noun} and reply with JSON {label, confidence}.",`,
      "    messages: [{ role: \"user\", content: text }],",
      "  });",
      "  const raw = message.content.map((b) => (b.type === \"text\" ? b.text : \"\")).join(\"\");",
      ...(guarded
        ? ["  try {", "    return JSON.parse(raw) as { label: string; confidence: number };", "  } catch {", '    return { label: "unknown", confidence: 0 };', "  }"]
        : ["  return JSON.parse(raw);"]),
      "}",
    );
  } else if (variant === 2) {
    imports.push('import { generateText } from "ai";', 'import { fastModel } from "@bench/ai";');
    body.push(
      `export async function ${fn}(prompt: string): Promise<string> {`,
      "  const { text, usage } = await generateText({",
      "    model: fastModel,",
      `    system: "Write a short ${noun} description.",`,
      "    prompt,",
      ...(w.rand() < 0.5 ? [`    abortSignal: AbortSignal.timeout(${w.int(5, 30) * 1000}),`] : []),
      "  });",
      `  console.info("${fn} tokens", usage.totalTokens);`,
      "  return text;",
      "}",
    );
  } else if (variant === 3) {
    imports.push('import { chatModel } from "@bench/ai";');
    body.push(
      `export async function ${fn}(question: string): Promise<string> {`,
      "  const response = await chatModel.invoke([",
      `    ["system", "You answer questions about ${noun}s."],`,
      "    [\"human\", question],",
      "  ]);",
      "  return typeof response.content === \"string\" ? response.content : JSON.stringify(response.content);",
      "}",
    );
  } else if (variant === 4) {
    imports.push('import { askModel, summarize } from "@bench/ai";');
    body.push(
      `export async function ${fn}(items: Array<{ name: string }>): Promise<string> {`,
      "  const list = items.map((i) => `- ${i.name}`).join(\"\\n\");",
      "  try {",
      `    const answer = await askModel(\`Describe these ${noun}s:\\n\${list}\`);`,
      "    return answer.trim();",
      "  } catch {",
      "    return summarize(list);",
      "  }",
      "}",
    );
  } else {
    imports.push('import { openai } from "@bench/ai";');
    body.push(
      `export async function ${fn}(texts: string[]): Promise<number[][]> {`,
      "  const result = await openai.embeddings.create({ model: \"text-embedding-3-small\", input: texts });",
      "  return result.data.map((d) => d.embedding);",
      "}",
    );
  }
  w.exports.push(fn);
  w.push(...body, "");
  return imports;
}

type Kind = "util" | "types" | "service" | "component" | "hook" | "js" | "test";
const KIND_WEIGHTS: [Kind, number][] = [
  ["util", 30], ["types", 12], ["service", 20], ["component", 20], ["hook", 8], ["js", 5], ["test", 5],
];

function pickKind(rand: () => number): Kind {
  let r = rand() * 100;
  for (const [k, weight] of KIND_WEIGHTS) {
    if ((r -= weight) < 0) return k;
  }
  return "util";
}

const AI_PACKAGE: Record<string, string> = {
  "packages/ai/package.json": JSON.stringify({ name: "@bench/ai", version: "1.0.0", main: "src/index.ts" }, null, 2),
  "packages/ai/src/index.ts": 'export * from "./clients";\nexport * from "./complete";\n',
  "packages/ai/src/clients.ts": [
    "/** The workspace's shared model clients. */",
    'import OpenAI from "openai";',
    'import Anthropic from "@anthropic-ai/sdk";',
    'import { createOpenAI } from "@ai-sdk/openai";',
    'import { ChatOpenAI } from "@langchain/openai";',
    "",
    "export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, timeout: 30_000, maxRetries: 3 });",
    "export const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });",
    "const provider = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });",
    'export const fastModel = provider("gpt-4o-mini");',
    'export const chatModel = new ChatOpenAI({ model: "gpt-4o-mini", temperature: 0, timeout: 20_000 });',
    "",
  ].join("\n"),
  "packages/ai/src/complete.ts": [
    "/** Wrappers the rest of the workspace calls instead of the SDKs. */",
    'import { anthropic, openai } from "./clients";',
    "",
    "export async function askModel(prompt: string, model = \"gpt-4o-mini\"): Promise<string> {",
    "  const completion = await openai.chat.completions.create({ model, messages: [{ role: \"user\", content: prompt }] });",
    "  console.info(\"askModel usage\", completion.usage?.total_tokens);",
    "  return completion.choices[0]?.message?.content ?? \"\";",
    "}",
    "",
    "export async function summarize(text: string): Promise<string> {",
    "  const message = await anthropic.messages.create({",
    '    model: "claude-haiku-4-5",',
    "    max_tokens: 512,",
    '    messages: [{ role: "user", content: `Summarize:\\n${text}` }],',
    "  });",
    "  return message.content.map((b) => (b.type === \"text\" ? b.text : \"\")).join(\"\");",
    "}",
    "",
  ].join("\n"),
};

/** A small package most modules import (a type and a helper): a comment typed in it is the bench's `incr_shared_ms`. */
const SHARED_PACKAGE: Record<string, string> = {
  "packages/shared/package.json": JSON.stringify({ name: "@bench/shared", version: "1.0.0", main: "src/index.ts" }, null, 2),
  "packages/shared/src/index.ts": [
    "/** Types and helpers every package shares. */",
    "export type Id = string & { readonly brand?: \"Id\" };",
    "",
    "export function isPresent<T>(value: T | null | undefined): value is T {",
    "  return value !== null && value !== undefined;",
    "}",
    "",
  ].join("\n"),
};

const AI_FILES = [...Object.keys(AI_PACKAGE), ...Object.keys(SHARED_PACKAGE)].filter((rel) => rel.endsWith(".ts")).length;

/**
 * Writes a monorepo of `files` discoverable source files into `dir` (which should be empty or
 * missing): `packages/ai` with shared clients and wrappers, then `packages/pkg-NN/src/…` of
 * about 100 modules each. Imports go across files (relative), across packages (`@bench/ai`,
 * resolvable through the root tsconfig `paths` and the workspace package names) and into a
 * package-local client in every third package. Each package also has build output in `dist/`
 * and every tenth a `.gitignore`d `src/generated/` folder, neither counted in `files`.
 */
export function generateWorkspace(dir: string, files = 5000): GeneratedWorkspace {
  if (files < AI_FILES) throw new Error(`A bench workspace has at least ${AI_FILES} files.`);
  const rand = prng(0x11e5eed);
  let written = 0;
  let llmModules = 0;
  const write = (rel: string, text: string, counted: boolean): void => {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    if (counted) written++;
  };

  write("package.json", JSON.stringify({ name: "bench-monorepo", private: true, workspaces: ["packages/*"] }, null, 2), false);
  write("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true, jsx: "react-jsx", baseUrl: ".", paths: { "@bench/*": ["packages/*/src"] } } }, null, 2), false);
  write(".gitignore", "*.log\n.env\n", false);
  for (const [rel, text] of Object.entries(SHARED_PACKAGE)) write(rel, text, rel.endsWith(".ts"));
  for (const [rel, text] of Object.entries(AI_PACKAGE)) {
    const counted = rel.endsWith(".ts");
    write(rel, text, counted);
    if (rel.endsWith("complete.ts")) llmModules++;
  }

  const perPackage = 100;
  const width = Math.max(2, String(Math.ceil(files / perPackage)).length);
  let slot = 0;
  for (let p = 0; written < files; p++) {
    const pkg = `packages/pkg-${String(p).padStart(width, "0")}`;
    write(`${pkg}/package.json`, JSON.stringify({ name: `@bench/pkg-${p}`, version: "1.0.0", main: "src/index.ts" }, null, 2), false);
    write(`${pkg}/dist/index.js`, `"use strict";\nmodule.exports = require("./bundle");\n`, false);
    if (p % 10 === 0) {
      write(`${pkg}/.gitignore`, "src/generated/\n", false);
      write(`${pkg}/src/generated/schema.ts`, "export const schema = {};\n", false);
    }
    let local: ClientRef | undefined;
    if (p % 3 === 0 && files - written >= 3) {
      local = { importLine: 'import { llm } from "../llm/client";', openai: "llm" };
      write(
        `${pkg}/src/llm/client.ts`,
        [
          "/** This package's own OpenAI client: a tighter budget than the shared one. */",
          'import OpenAI from "openai";',
          "",
          "export const llm = new OpenAI({ timeout: 15_000, maxRetries: 1 });",
          "",
        ].join("\n"),
        true,
      );
    }

    /** Modules of this package so far, with their exports (for imports between them). */
    const modules: { rel: string; exports: string[]; kind: Kind }[] = [];
    const taken = new Set<string>();
    const budget = Math.min(perPackage, files - written) - 1; // one left for index.ts
    for (let i = 0; i < budget; i++, slot++) {
      const isLlm = slot % 25 === 12;
      const kind: Kind = isLlm ? "service" : pickKind(rand);
      const body = new ModuleWriter(rand);
      // Unique within the package, so no module overwrites another.
      let base = `${body.pick(NOUNS)}${cap(body.pick(VERBS))}`;
      if (taken.has(base)) base = `${base}${i}`;
      taken.add(base);
      body.reserve(base);
      const [folder, file] = {
        util: ["utils", `${base}.ts`],
        types: ["models", `${base}.ts`],
        service: [isLlm ? "ai" : "services", `${base}Service.ts`],
        component: ["components", `${cap(base)}.tsx`],
        hook: ["hooks", `use${cap(base)}.ts`],
        js: ["scripts", `${base}.${body.pick(["js", "mjs", "cjs"])}`],
        test: ["__tests__", `${base}.test.ts`],
      }[kind] as [string, string];
      const rel = `src/${folder}/${file}`;
      const fromHere = (target: string): string => {
        const r = path.posix.relative(path.posix.dirname(rel), target.replace(/\.(tsx?|[cm]?js)$/, ""));
        return r.startsWith(".") ? r : `./${r}`;
      };

      const header: string[] = [`/** ${cap(kind)} module ${base} of ${pkg}. */`];
      if (kind === "component" || kind === "hook") header.push('import { useEffect, useMemo, useState } from "react";');
      // Most modules import the shared package (a value in 4 of 5, a type only in the rest).
      if (kind !== "js" && kind !== "test") header.push(rand() < 0.8 ? 'import { isPresent } from "@bench/shared";' : 'import type { Id } from "@bench/shared";');
      const importable = modules.filter((m) => m.kind !== "test" && m.kind !== "js" && m.exports.length > 0);
      if (kind !== "js" && kind !== "test" && importable.length > 0) {
        for (let k = body.int(0, 3); k > 0; k--) {
          const m = body.pick(importable);
          const names = [...new Set([body.pick(m.exports), body.pick(m.exports)])].filter((n) => body.reserve(n));
          if (names.length > 0) header.push(`import ${m.kind === "types" ? "type " : ""}{ ${names.join(", ")} } from "${fromHere(m.rel)}";`);
        }
      }

      // 1 in 10 files is long (200-400 lines); the rest 30-150.
      const targetLines = rand() < 0.1 ? body.int(200, 400) : body.int(30, 150);
      if (isLlm) {
        header.push(...llmBlock(body, local));
        llmModules++;
      }
      if (kind === "test") {
        header.push('import { describe, it } from "node:test";', 'import assert from "node:assert/strict";');
        const target = importable.length > 0 ? body.pick(importable) : undefined;
        if (target) header.push(`import * as subject from "${fromHere(target.rel)}";`);
        body.push(`describe("${base}", () => {`);
        if (target) body.push('  it("exports its API", () => {', "    assert.ok(Object.keys(subject).length > 0);", "  });");
        while (body.lines.length + header.length < targetLines - 1) {
          const n = body.name(() => `${body.pick(VERBS)}s ${body.pick(NOUNS)}s`);
          body.push(
            `  it("${n}", () => {`,
            `    const input = [${Array.from({ length: body.int(1, 4) }, () => `"${body.pick(NOUNS)}"`).join(", ")}];`,
            "    assert.equal(input.length > 0, true);",
            "  });",
          );
        }
        body.push("});");
      } else {
        const blocks: ((m: ModuleWriter) => void)[] = {
          util: [utilBlock],
          types: [typeBlock],
          service: [classBlock, utilBlock],
          component: [componentBlock, utilBlock],
          hook: [hookBlock],
          js: [jsBlock],
          test: [],
        }[kind];
        while (body.lines.length + header.length < targetLines) body.pick(blocks)(body);
      }
      write(`${pkg}/${rel}`, [...header, "", body.text()].join("\n"), true);
      modules.push({ rel, exports: body.exports, kind });
    }

    // The package's entry point re-exports a few modules.
    const reexports = modules.filter((m) => m.kind !== "test" && m.kind !== "js").slice(0, 8);
    write(
      `${pkg}/src/index.ts`,
      [`/** Public API of ${pkg}. */`, ...reexports.map((m) => `export * from "./${m.rel.slice(4).replace(/\.tsx?$/, "")}";`), ""].join("\n"),
      true,
    );
  }

  fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify({ version: GENERATOR_VERSION, files: written, llmModules }, null, 2));
  return { files: written, llmModules };
}

/**
 * One module of about `lines` lines for the incremental bench: an LLM call through the shared
 * `@bench/ai` client, then utilities, types and classes as in the generated workspace. Deterministic.
 */
export function generateLargeModule(lines: number, seed = 0x1a7e): string {
  const w = new ModuleWriter(prng(seed));
  const body = new ModuleWriter(w.rand);
  const imports = llmBlock(body, undefined);
  const blocks = [utilBlock, typeBlock, classBlock];
  for (let i = 0; body.lines.length + imports.length + 2 < lines; i++) blocks[i % blocks.length]!(body);
  w.push("/** A large module for the incremental bench: one LLM call among ordinary code. */", ...new Set(imports), "", ...body.lines);
  return w.text();
}
