/** `npm run bench`: times a full scanWorkspace against the parse-only floor (discover + read + parse + walk) on a generated monorepo. */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { discoverFiles, readSourceFile, type DiscoveredFile } from "../../src/core/discover";
import { scanWorkspace } from "../../src/core/scan";
import { parseSource } from "../../src/core/project";
import { GENERATOR_VERSION, MANIFEST, generateWorkspace } from "./generate";

/** Runs timed after one warm-up; the best is reported (the least disturbed by GC and the OS), the median shown too. */
const RUNS = 3;
const FILES = Number(process.env.BENCH_FILES ?? 5000);
/** `npm run bench` runs from the project root. */
const PROJECT_ROOT = process.cwd();
const WORKSPACE = path.join(PROJECT_ROOT, "bench-workspace");

const gc = (globalThis as { gc?: () => void }).gc;

/** Regenerates the workspace when it is missing, from another generator version, or its file count differs. */
async function ensureWorkspace(): Promise<{ files: number; llmModules: number; generated: boolean }> {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(WORKSPACE, MANIFEST), "utf8")) as { version?: number; files?: number; llmModules?: number };
    if (manifest.version === GENERATOR_VERSION && manifest.files === FILES) {
      const { files } = await discoverFiles(WORKSPACE, {});
      if (files.length === FILES) return { files: FILES, llmModules: manifest.llmModules ?? 0, generated: false };
    }
  } catch {
    // No workspace or no manifest yet: generate one.
  }
  fs.rmSync(WORKSPACE, { recursive: true, force: true });
  fs.mkdirSync(WORKSPACE, { recursive: true });
  return { ...generateWorkspace(WORKSPACE, FILES), generated: true };
}

interface FloorResult {
  files: number;
  chars: number;
  nodes: number;
  discoverMs: number;
  readMs: number;
  parseMs: number;
}

/** The least any scanner must do: find the files, read them, parse each with positions, visit every node once. */
async function parseFloor(root: string): Promise<FloorResult> {
  const t0 = performance.now();
  const { files } = await discoverFiles(root, {});
  const t1 = performance.now();
  const texts: { file: DiscoveredFile; text: string }[] = [];
  // Reads in batches, as a scanner would, so the floor is not inflated by one-at-a-time I/O.
  for (let i = 0; i < files.length; i += 64) {
    const batch = files.slice(i, i + 64);
    const read = await Promise.all(batch.map((f) => readSourceFile(f)));
    read.forEach((r, k) => {
      if ("text" in r) texts.push({ file: batch[k]!, text: r.text });
    });
  }
  const t2 = performance.now();
  let nodes = 0;
  let chars = 0;
  for (const { file, text } of texts) {
    chars += text.length;
    const sf = parseSource(file.abs, text);
    const stack: ts.Node[] = [sf];
    while (stack.length > 0) {
      const node = stack.pop()!;
      nodes++;
      // A block body: a truthy return from the callback would stop forEachChild early.
      ts.forEachChild(node, (child) => {
        stack.push(child);
      });
    }
  }
  const t3 = performance.now();
  return { files: files.length, chars, nodes, discoverMs: t1 - t0, readMs: t2 - t1, parseMs: t3 - t2 };
}

/** One warm-up, then RUNS timed runs with a GC before each; returns seconds (best, median) and the last result. */
async function measure<T>(label: string, run: () => Promise<T>): Promise<{ best: number; median: number; result: T }> {
  let result = await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    gc?.();
    const start = performance.now();
    result = await run();
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  const best = times[0]!;
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`${label}: best ${best.toFixed(2)} s, median ${median.toFixed(2)} s (runs: ${times.map((t) => t.toFixed(2)).join(", ")})`);
  return { best, median, result };
}

const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function main(): Promise<void> {
  const genStart = performance.now();
  const ws = await ensureWorkspace();
  console.log(
    `workspace: ${path.relative(PROJECT_ROOT, WORKSPACE)} (${ws.files} files, ${ws.llmModules} LLM modules, ` +
      `${ws.generated ? `generated in ${((performance.now() - genStart) / 1000).toFixed(2)} s` : "reused"})`,
  );
  if (!gc) console.log("note: run with --expose-gc for a GC between runs");

  const floor = await measure("parse floor", () => parseFloor(WORKSPACE));
  const f = floor.result;
  console.log(
    `  last run: discover ${f.discoverMs.toFixed(0)} ms, read ${f.readMs.toFixed(0)} ms, parse+walk ${f.parseMs.toFixed(0)} ms; ` +
      `${f.files} files, ${(f.chars / 1e6).toFixed(1)} M chars, ${f.nodes} nodes; peak RSS so far ${rssMb()} MB`,
  );

  const scan = await measure("scanWorkspace", () => scanWorkspace(WORKSPACE));
  const report = scan.result;
  console.log(
    `  last run: ${report.summary.files} files, ${report.sites.length} sites, ${report.skipped.length} skipped, ` +
      `${report.errors.length} errors, score ${report.score} (${report.grade})`,
  );
  if (report.summary.files !== f.files) {
    console.log(`  warning: the scan saw ${report.summary.files} files, the floor ${f.files}: the ratio compares different work`);
  }

  const ratio = scan.best / floor.best;
  console.log(
    `bench: files=${f.files} scan_s=${scan.best.toFixed(2)} parse_floor_s=${floor.best.toFixed(2)} ` +
      `scan_vs_parse=${ratio.toFixed(2)} peak_rss_mb=${rssMb()}`,
  );
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
});
