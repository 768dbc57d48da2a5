/**
 * `npm run bench [-- --repo DIR]`: the analyzer against the parse-only floor (discover + read +
 * parse + walk), on a generated monorepo or any checkout.
 *
 * - Floor and scan run interleaved, round by round; the ratios are paired per round (wall and CPU
 *   time) and their medians reported, so a machine that slows down mid-run moves both sides.
 * - Peak RSS of each side comes from its own child process (one run each), so `rss_vs_parse` compares
 *   like with like.
 * - `incr_*`: one keystroke (`AnalysisSession.update`, a comment typed at the end of the first line) in a
 *   file of about 1,000 lines with call sites, against parsing that text alone. `incr_shared_ms`: the same
 *   in a small file that most of the workspace imports. A comment line added at the top (lines move) is
 *   timed too, in its own output line.
 * - `activate_ms` / `first_diag_ms`: from the last e2e run (test-results/e2e-timings.json), n/a before one.
 *
 * The last line is machine-readable:
 * `bench: files=N scan_vs_parse=R cpu_vs_parse=R rss_vs_parse=R incr_p50_ms=X incr_p95_ms=Y incr_vs_parse=R incr_shared_ms=Z activate_ms=A first_diag_ms=D`.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { discoverFiles, readSourceFile, type DiscoveredFile } from "../../src/core/discover";
import { scanWorkspace } from "../../src/core/scan";
import { parseSource } from "../../src/core/project";
import { AnalysisSession } from "../../src/core/session";
import { closure, importGraph } from "../../src/core/relevance";
import { GENERATOR_VERSION, MANIFEST, generateLargeModule, generateWorkspace } from "./generate";

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

const ROUNDS = Number(arg("--rounds") ?? process.env.BENCH_ROUNDS ?? 5);
const FILES = Number(process.env.BENCH_FILES ?? 5000);
const INCR_RUNS = Number(arg("--incr-runs") ?? process.env.BENCH_INCR_RUNS ?? 60);
/** `npm run bench` runs from the project root. */
const PROJECT_ROOT = process.cwd();
const REPO = arg("--repo");
const WORKSPACE = REPO ? path.resolve(REPO) : path.join(PROJECT_ROOT, "bench-workspace");

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
}

/** The least any scanner must do: find the files, read them, parse each with positions, visit every node once. */
async function parseFloor(root: string): Promise<FloorResult> {
  const { files } = await discoverFiles(root, {});
  let nodes = 0;
  let chars = 0;
  // Reads in batches, as the scanner does; each tree is dropped after its walk.
  for (let i = 0; i < files.length; i += 32) {
    const batch = files.slice(i, i + 32);
    const read = await Promise.all(batch.map((f: DiscoveredFile) => readSourceFile(f)));
    read.forEach((r, k) => {
      if (!("text" in r)) return;
      chars += r.text.length;
      const stack: ts.Node[] = [parseSource(batch[k]!.abs, r.text)];
      while (stack.length > 0) {
        const node = stack.pop()!;
        nodes++;
        // A block body: a truthy return from the callback would stop forEachChild early.
        ts.forEachChild(node, (child) => {
          stack.push(child);
        });
      }
    });
  }
  return { files: files.length, chars, nodes };
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; cpu: number; result: T }> {
  gc?.();
  const c = cpuMs();
  const t = performance.now();
  const result = await run();
  return { ms: performance.now() - t, cpu: cpuMs() - c, result };
}

/** One side in a fresh process: its peak RSS in MB (the parent's heap does not count). */
function childPeakRss(side: "floor" | "scan"): number {
  const out = execFileSync(process.execPath, ["--expose-gc", __filename, "--child", side, "--repo", WORKSPACE], { encoding: "utf8", maxBuffer: 1 << 24 });
  const line = out.trim().split("\n").pop() ?? "";
  const m = /^rss_mb=(\d+)/.exec(line);
  if (!m) throw new Error(`the ${side} child printed no rss_mb line: ${line}`);
  return Number(m[1]);
}

async function child(side: string): Promise<void> {
  if (side === "floor") await parseFloor(WORKSPACE);
  else await scanWorkspace(WORKSPACE);
  console.log(`rss_mb=${Math.round(process.resourceUsage().maxRSS / 1024)}`);
}

const rel = (abs: string): string => path.relative(WORKSPACE, abs);

async function main(): Promise<void> {
  const childSide = arg("--child");
  if (childSide) return child(childSide);

  if (REPO) {
    if (!fs.existsSync(WORKSPACE)) throw new Error(`--repo ${REPO}: no such folder`);
    console.log(`workspace: ${WORKSPACE} (--repo)`);
  } else {
    const genStart = performance.now();
    const ws = await ensureWorkspace();
    console.log(
      `workspace: ${path.relative(PROJECT_ROOT, WORKSPACE)} (${ws.files} files, ${ws.llmModules} LLM modules, ` +
        `${ws.generated ? `generated in ${((performance.now() - genStart) / 1000).toFixed(2)} s` : "reused"})`,
    );
  }
  if (!gc) console.log("note: run with --expose-gc for a GC before each timed run");

  // Warm-up (JIT, file cache), then rounds of floor and scan back to back.
  const f = (await parseFloor(WORKSPACE));
  let report = await scanWorkspace(WORKSPACE);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const fl = await timed(() => parseFloor(WORKSPACE));
    const sc = await timed(() => scanWorkspace(WORKSPACE));
    report = sc.result;
    wall.push(sc.ms / fl.ms);
    cpu.push(sc.cpu / fl.cpu);
    console.log(
      `round ${r + 1}: floor ${fl.ms.toFixed(0)} ms (cpu ${fl.cpu.toFixed(0)}), scan ${sc.ms.toFixed(0)} ms (cpu ${sc.cpu.toFixed(0)}): ` +
        `${(sc.ms / fl.ms).toFixed(2)}x wall, ${(sc.cpu / fl.cpu).toFixed(2)}x cpu`,
    );
  }
  console.log(
    `floor: ${f.files} files, ${(f.chars / 1e6).toFixed(1)} M chars, ${f.nodes} nodes; scan: ${report.summary.files} files, ${report.sites.length} sites, ` +
      `${report.skipped.length} skipped, ${report.errors.length} errors, score ${report.score} (${report.grade})`,
  );
  if (report.summary.files !== f.files) console.log(`warning: the scan saw ${report.summary.files} files, the floor ${f.files}: the ratio compares different work`);

  const floorRss = childPeakRss("floor");
  const scanRss = childPeakRss("scan");
  console.log(`peak RSS (own process each): floor ${floorRss} MB, scan ${scanRss} MB`);

  const incr = await incremental();
  const activate = activateTimings();
  const fmt = (x: number | undefined, d = 0): string => (x === undefined ? "n/a" : x.toFixed(d));
  console.log(
    `bench: files=${f.files} scan_vs_parse=${median(wall).toFixed(2)} cpu_vs_parse=${median(cpu).toFixed(2)} rss_vs_parse=${(scanRss / floorRss).toFixed(2)} ` +
      `incr_p50_ms=${fmt(incr.p50, 1)} incr_p95_ms=${fmt(incr.p95, 1)} incr_vs_parse=${fmt(incr.p50 !== undefined ? incr.p50 / incr.parse : undefined, 2)} ` +
      `incr_shared_ms=${fmt(incr.shared, 1)} activate_ms=${fmt(activate?.activateMs)} first_diag_ms=${fmt(activate?.firstDiagnosticsMs)}`,
  );
}

/**
 * Text with a comment typed at the end of its first line (run `i`): what keystrokes in a comment do
 * (lines stay where they are; the Enter that opens a new line is one edit among many).
 */
const typed = (text: string, i: number): string => {
  const eol = text.search(/\r?\n/);
  return eol < 0 ? `${text} // edit ${i}` : `${text.slice(0, eol)} // edit ${i}${text.slice(eol)}`;
};

/** The file with sites whose length is nearest 1,000 lines; in the generated workspace, a generated 1k-line module. */
function pickSiteFile(session: AnalysisSession): { abs: string; text: string; created: boolean } {
  if (!REPO) {
    const abs = path.join(WORKSPACE, "packages", "pkg-00", "src", "services", "benchEdited1000.ts");
    return { abs, text: generateLargeModule(1000, 1000), created: true };
  }
  let best: { abs: string; text: string; d: number } | undefined;
  const seen = new Set<string>();
  for (const s of session.report().sites) {
    if (seen.has(s.file)) continue;
    seen.add(s.file);
    const abs = path.join(WORKSPACE, s.file);
    const text = fs.readFileSync(abs, "utf8");
    const d = Math.abs(text.split("\n").length - 1000);
    if (!best || d < best.d) best = { abs, text, d };
  }
  if (!best) throw new Error("no file with call sites in this workspace: the incremental bench needs one");
  return { ...best, created: false };
}

/** A small file (≤ 60 lines) with the most files importing it, directly or not. */
function pickSharedFile(session: AnalysisSession): { abs: string; text: string; importers: number } | undefined {
  const a = session.state;
  const graph = importGraph(a.workspace, a.summaries);
  const small = [...graph.importers]
    .filter(([abs]) => {
      try {
        return fs.readFileSync(abs, "utf8").split("\n").length <= 60;
      } catch {
        return false;
      }
    })
    .sort((x, y) => y[1].length - x[1].length)
    .slice(0, 40);
  let best: { abs: string; importers: number } | undefined;
  for (const [abs] of small) {
    const n = closure([abs], graph.importers).size - 1;
    if (!best || n > best.importers) best = { abs, importers: n };
  }
  return best && { ...best, text: fs.readFileSync(best.abs, "utf8") };
}

async function editRuns(session: AnalysisSession, abs: string, text: string, runs: number): Promise<{ update: number[]; parse: number[] }> {
  const update: number[] = [];
  const parse: number[] = [];
  for (let i = 1; i <= 3; i++) await session.update([{ abs, text: typed(text, i) }]);
  for (let i = 0; i < runs; i++) {
    const t1 = typed(text, 100 + i);
    gc?.();
    let t = performance.now();
    await session.update([{ abs, text: t1 }]);
    update.push(performance.now() - t);
    t = performance.now();
    parseSource(abs, t1);
    parse.push(performance.now() - t);
  }
  // Back to the text on disk (or gone, for a generated file).
  return { update, parse };
}

async function incremental(): Promise<{ p50?: number; p95?: number; parse: number; shared?: number }> {
  const start = performance.now();
  // BENCH_FILE_BUDGET_MS: on a loaded machine the 2 s budget per file can skip the edited file (its sites then vanish and every edit re-analyses it).
  const budget = process.env.BENCH_FILE_BUDGET_MS ? Number(process.env.BENCH_FILE_BUDGET_MS) : undefined;
  const session = await AnalysisSession.open(WORKSPACE, budget ? { fileBudgetMs: budget } : {});
  gc?.();
  console.log(`incremental: session opened in ${((performance.now() - start) / 1000).toFixed(2)} s; heap used ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB${gc ? " after GC" : ""}`);
  const site = pickSiteFile(session);
  if (site.created) await session.update([{ abs: site.abs, text: site.text }]);
  const sites = session.report().sites.filter((s) => s.file === rel(site.abs).split(path.sep).join("/")).length;
  const k = await editRuns(session, site.abs, site.text, INCR_RUNS);
  const skipped = session.report().skipped.find((x) => x.file === rel(site.abs).split(path.sep).join("/"));
  if (skipped) console.log(`warning: the edited file was skipped (${skipped.reason}: ${skipped.detail ?? ""}); set BENCH_FILE_BUDGET_MS on a loaded machine`);
  await session.update([{ abs: site.abs, text: site.created ? null : site.text }]);
  const p50 = percentile(k.update, 50);
  const p95 = percentile(k.update, 95);
  const parse = median(k.parse);
  console.log(
    `incremental ${rel(site.abs)} (${site.text.split("\n").length} lines, ${sites} site${sites === 1 ? "" : "s"}): update p50 ${p50.toFixed(1)} ms, ` +
      `p95 ${p95.toFixed(1)} ms; parse alone ${parse.toFixed(1)} ms (${(p50 / parse).toFixed(2)}x) over ${INCR_RUNS} runs`,
  );

  const shared = pickSharedFile(session);
  let sharedMs: number | undefined;
  if (shared) {
    const s = await editRuns(session, shared.abs, shared.text, Math.min(INCR_RUNS, 30));
    await session.update([{ abs: shared.abs, text: shared.text }]);
    sharedMs = median(s.update);
    console.log(
      `incremental shared ${rel(shared.abs)} (${shared.text.split("\n").length} lines, imported by ${shared.importers} files): ` +
        `update median ${sharedMs.toFixed(1)} ms, p95 ${percentile(s.update, 95).toFixed(1)} ms`,
    );
    // Lines that move (a comment line added, then removed): every importer is re-detected.
    const moved: number[] = [];
    for (let i = 0; i < 4; i++) {
      gc?.();
      const t = performance.now();
      await session.update([{ abs: shared.abs, text: i % 2 === 0 ? `// a new line\n${shared.text}` : shared.text }]);
      moved.push(performance.now() - t);
    }
    console.log(`incremental shared, a comment line added or removed (lines move): update median ${median(moved).toFixed(1)} ms over ${moved.length} runs`);
  } else console.log("incremental shared: no small file with importers");
  return { p50, p95, parse, shared: sharedMs };
}

/**
 * activate() → first diagnostics on the sample workspace, as the e2e run measured it in code-server
 * (test/e2e/suite/diagnostics.test.ts writes test-results/e2e-timings.json); undefined before a run.
 */
function activateTimings(): { activateMs?: number; firstDiagnosticsMs?: number } | undefined {
  const file = path.join(PROJECT_ROOT, "test-results", "e2e-timings.json");
  try {
    const t = JSON.parse(fs.readFileSync(file, "utf8")) as { activateMs?: number; firstDiagnosticsMs?: number; at?: string };
    console.log(
      `activate: activate() returned in ${t.activateMs?.toFixed(1) ?? "?"} ms, first diagnostics ${t.firstDiagnosticsMs?.toFixed(0) ?? "?"} ms after it ` +
        `(e2e run of ${t.at ?? "?"}, ${path.relative(PROJECT_ROOT, file)})`,
    );
    return t;
  } catch {
    console.log("activate: no test-results/e2e-timings.json yet (run `npm run test:e2e` first)");
    return undefined;
  }
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
});
