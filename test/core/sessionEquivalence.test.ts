/**
 * The incremental session gives the report a full scan gives, over seeded random edit sequences on
 * the sample workspace plus a small module most files import: comments typed (the export signature
 * holds), comment lines (it moves), numbers and options changed, calls added, syntax broken and
 * mended, files deleted and created again. Any difference is a bug of the session's shortcuts.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { AnalysisSession } from "../../src/core/session";
import { scanWorkspace } from "../../src/core/scan";
import type { ScanReport } from "../../src/core/types";

const SAMPLE = path.resolve("test/workspaces/sample");

/** mulberry32: seeded, so a failure replays. */
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

const SHARED = `/** Shared helpers. */\nexport type Id = string;\nexport const TIMEOUT_MS = 15_000;\nexport function isPresent<T>(v: T | null | undefined): v is T {\n  return v != null;\n}\n`;

function copyTree(from: string, to: string): void {
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (e.name === "node_modules") continue;
    const s = path.join(from, e.name);
    const d = path.join(to, e.name);
    if (e.isDirectory()) {
      fs.mkdirSync(d, { recursive: true });
      copyTree(s, d);
    } else fs.copyFileSync(s, d);
  }
}

/** The sample workspace in a temporary folder, every source importing a shared module. */
function workspace(): { dir: string; files: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-equiv-"));
  copyTree(SAMPLE, dir);
  // The SDKs' typings resolve from the project (the analysis reads package names, never node_modules code).
  fs.writeFileSync(path.join(dir, "src", "shared.ts"), SHARED);
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) files.push(p);
    }
  };
  walk(path.join(dir, "src"));
  walk(path.join(dir, "test"));
  files.sort();
  for (const f of files) {
    if (f.endsWith("shared.ts")) continue;
    const spec = path.relative(path.dirname(f), path.join(dir, "src", "shared")).split(path.sep).join("/");
    fs.writeFileSync(f, `import { isPresent } from "${spec.startsWith(".") ? spec : `./${spec}`}";\n${fs.readFileSync(f, "utf8")}`);
  }
  return { dir, files };
}

/** The report without what legitimately differs between runs (none of it does today; root is the same folder). */
const comparable = (r: ScanReport): ScanReport => r;

type Edit = (text: string, rand: () => number) => string;

const lineAt = (text: string, rand: () => number): number => {
  const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)].filter((i) => i < text.length);
  return starts[Math.floor(rand() * starts.length)] ?? 0;
};

const EDITS: [string, Edit][] = [
  // A keystroke in a comment at the end of a line: the signature holds.
  ["trailing comment", (t, r) => {
    const end = t.indexOf("\n", lineAt(t, r));
    return end < 0 ? `${t} // typed` : `${t.slice(0, end)} // typed ${Math.floor(r() * 100)}${t.slice(end)}`;
  }],
  ["comment line", (t, r) => {
    const at = lineAt(t, r);
    return `${t.slice(0, at)}// a note\n${t.slice(at)}`;
  }],
  ["number changed", (t, r) => t.replace(/\b\d[\d_]*\b/, String(1 + Math.floor(r() * 90_000)))],
  ["timeout removed", (t) => t.replace(/timeout:\s*[^,}\n]+,?/, "")],
  ["call added", (t, r) => `${t}\nexport async function extra${Math.floor(r() * 1000)}() {\n  const { openai } = await import("./lib/openai");\n  return openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] });\n}\n`],
  ["syntax broken", (t, r) => {
    const at = lineAt(t, r);
    return `${t.slice(0, at)}const = (;\n${t.slice(at)}`;
  }],
  ["import of the SDK added", (t) => `import OpenAI from "openai";\nexport const extraClient = new OpenAI({ maxRetries: 0 });\n${t}`],
];

async function run(seed: number, steps: number): Promise<void> {
  const rand = prng(seed);
  const { dir, files } = workspace();
  try {
    const original = new Map(files.map((f) => [f, fs.readFileSync(f, "utf8")]));
    const current = new Map(original);
    const session = await AnalysisSession.open(dir);
    for (let step = 0; step < steps; step++) {
      const file = files[Math.floor(rand() * files.length)]!;
      const what = rand();
      let label: string;
      let text: string | null;
      if (what < 0.08 && current.get(file) !== null) {
        label = "deleted";
        text = null;
      } else if (what < 0.16) {
        label = "restored";
        text = original.get(file)!;
      } else {
        const [name, edit] = EDITS[Math.floor(rand() * EDITS.length)]!;
        label = name;
        text = edit(current.get(file) ?? original.get(file)!, rand);
      }
      current.set(file, text as string);
      if (text === null) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, text);
      const incremental = await session.update([{ abs: file, text }]);
      const full = await scanWorkspace(dir);
      assert.deepEqual(comparable(incremental), comparable(full), `seed ${seed}, step ${step}: ${label} in ${path.relative(dir, file)}`);
      // Settling (what fixes do first) changes nothing in the report either.
      if (rand() < 0.3) assert.deepEqual(comparable(session.settle()), comparable(full), `seed ${seed}, step ${step}: settle after ${label}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("incremental session = full scan", () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: 25 random edits, the report after each equals a fresh scan`, async () => {
      await run(seed, 25);
    });
  }
});
