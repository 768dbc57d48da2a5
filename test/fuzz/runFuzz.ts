/**
 * `npm run fuzz [-- --quick] [-- --seed N]`: the analysis core over generated hostile inputs (see
 * README "Reliability"). Prints, last, `fuzz: inputs=N crashes=0 hangs=0 max_file_ms=X peak_rss_mb=M`;
 * exits 1 when anything crashed or hung. Every failing input is saved under test/fuzz/regressions/,
 * which test/fuzz/regressions.test.ts replays in `npm test`.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { configCase, editSequence, pathCase, suppressionCases, webviewMessage } from "./generators";
import { Rng } from "./rng";
import { BREAKING, KEEPING, extOf, tokenEnds } from "./sourceMutations";
import { replay, type SavedInput } from "./replay";
import { ConfigBench, PathBench, ProjectBench, runSequence, runSuppression, runWebviewMessage, scanAlone, type Outcome } from "./targets";

const CORPUS = path.resolve("test/corpus");
const REGRESSIONS = path.resolve("test/fuzz/regressions");

interface Args {
  seed: number;
  quick: boolean;
  /** A saved input to run again, verbosely (a session sequence is compared with a fresh scan after every step). */
  replay?: string;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { seed: 1, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--quick") out.quick = true;
    else if (a === "--seed") out.seed = Number(argv[++i]);
    else if (a.startsWith("--seed=")) out.seed = Number(a.slice(7));
    else if (a === "--replay") out.replay = argv[++i];
    else throw new Error(`unknown argument ${a} (use --quick, --seed N)`);
  }
  if (!Number.isInteger(out.seed)) throw new Error("--seed takes an integer");
  return out;
}

class Tally {
  inputs = 0;
  crashes = 0;
  hangs = 0;
  maxMs = 0;
  private shown = 0;

  record(kind: string, input: Record<string, unknown>, o: Outcome): void {
    this.inputs++;
    this.maxMs = Math.max(this.maxMs, o.ms);
    if (!o.crash && !o.hang) return;
    if (o.crash) this.crashes++;
    else this.hangs++;
    const finding = o.crash ?? o.hang!;
    if (this.shown++ < 20) process.stderr.write(`fuzz: ${o.crash ? "CRASH" : "HANG"} (${kind}) ${finding.slice(0, 800)}\n`);
    // Every failing input becomes a regression fixture (small enough to read, or its recipe).
    const body = JSON.stringify({ kind, ...input, finding: finding.slice(0, 2000) }, null, 1);
    const name = `${kind}-${crypto.createHash("sha1").update(body).digest("hex").slice(0, 10)}.json`;
    fs.mkdirSync(REGRESSIONS, { recursive: true });
    if (body.length < 3_000_000) fs.writeFileSync(path.join(REGRESSIONS, name), body + "\n");
  }

  progress(label: string): void {
    process.stderr.write(`fuzz: ${label}: ${this.inputs} inputs so far, ${this.crashes} crashes, ${this.hangs} hangs, max ${this.maxMs.toFixed(0)} ms\n`);
  }
}

/** The project's files with the most call sites first (the truncation seeds). */
function projects(): string[] {
  return fs
    .readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(CORPUS, d.name))
    .sort();
}

async function fuzzSources(rng: Rng, t: Tally, quick: boolean): Promise<void> {
  for (const project of projects()) {
    const bench = await ProjectBench.open(project);
    try {
      const files = bench.files();
      const bySites = [...files].sort((a, b) => bench.sitesOf(b) - bench.sitesOf(a) || (a < b ? -1 : 1));
      // Truncation at every token boundary of the file with the most sites (every 12th in --quick).
      const seed = bySites[0]!;
      const text = bench.originals.get(seed)!;
      const ends = tokenEnds(text, extOf(seed));
      const stride = quick ? 12 : 1;
      for (let i = 0; i < ends.length; i += stride) {
        const cut = text.slice(0, ends[i]);
        t.record("source", { project: path.basename(project), file: seed, mutation: "truncate", text: cut }, await bench.run(seed, cut, false));
      }
      // Every keeping mutation on every file (a sample in --quick), and breaking ones at random.
      for (const file of files) {
        const original = bench.originals.get(file)!;
        const ext = extOf(file);
        for (const m of KEEPING) {
          if (m.applies && !m.applies(ext)) continue;
          if (quick && !rng.chance(0.06)) continue;
          const mutated = m.apply(original, rng, ext);
          t.record("source", { project: path.basename(project), file, mutation: m.name, text: mutated }, await bench.run(file, mutated, true));
        }
        for (let k = quick ? (rng.chance(0.5) ? 1 : 0) : 3; k > 0; k--) {
          const m = rng.pick(BREAKING.filter((b) => !b.applies || b.applies(ext)));
          const mutated = m.apply(original, rng, ext);
          t.record("source", { project: path.basename(project), file, mutation: m.name, text: mutated }, await bench.run(file, mutated, false));
        }
      }
      // A few files scanned alone from disk: reading, the binary/minified/size guards, the parse budget.
      for (let k = quick ? 2 : 10; k > 0; k--) {
        const file = rng.pick(files);
        const m = rng.pick([...KEEPING, ...BREAKING].filter((x) => !x.applies || x.applies(extOf(file))));
        const mutated = m.apply(bench.originals.get(file)!, rng, extOf(file));
        t.record("alone", { file, mutation: m.name, text: mutated }, await scanAlone(file, mutated));
      }
    } finally {
      bench.dispose();
    }
    t.progress(`sources of ${path.basename(project)}`);
  }
}

async function fuzzConfigs(rng: Rng, t: Tally, quick: boolean): Promise<void> {
  const bench = new ConfigBench();
  try {
    for (let i = quick ? 120 : 1_200; i > 0; i--) {
      const c = configCase(rng);
      t.record("config", c, await bench.run(c.target, c.text));
    }
  } finally {
    bench.dispose();
  }
  t.progress("configurations");
}

async function fuzzSuppressions(rng: Rng, t: Tally, quick: boolean): Promise<void> {
  for (const c of suppressionCases()) {
    if (quick && !rng.chance(0.05)) continue;
    t.record("suppression", { case: c }, await runSuppression(c));
  }
  t.progress("suppression comments");
}

function fuzzWebview(rng: Rng, t: Tally, quick: boolean): void {
  for (let i = quick ? 200 : 1_000; i > 0; i--) {
    const m = webviewMessage(rng);
    t.record("webview", { message: m }, runWebviewMessage(m));
  }
  const bench = new PathBench();
  try {
    for (let i = quick ? 100 : 500; i > 0; i--) {
      const c = pathCase(rng, bench.inside, bench.viaLinks, bench.root);
      t.record("path", { rel: c.rel, escapes: c.escapes }, bench.run(c.rel, c.escapes));
    }
  } finally {
    bench.dispose();
  }
  t.progress("webview messages and paths");
}

async function fuzzSessions(rng: Rng, t: Tally, quick: boolean): Promise<void> {
  const all = projects();
  for (let i = quick ? 12 : 120; i > 0; i--) {
    const project = rng.pick(all);
    const bench = await ProjectBench.open(project);
    const originals = new Map(bench.originals);
    bench.dispose();
    const steps = editSequence(rng, originals);
    t.record("session", { project: path.basename(project), steps }, await runSequence(project, steps));
  }
  t.progress("edit sequences");
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.replay) {
    const o = await replay(JSON.parse(fs.readFileSync(args.replay, "utf8")) as SavedInput, true);
    process.stdout.write(`${o.crash ?? o.hang ?? "fine"}\n`);
    return;
  }
  const rng = new Rng(args.seed);
  const t = new Tally();
  process.stderr.write(`fuzz: seed ${args.seed}${args.quick ? " (quick)" : ""}\n`);
  // Each area gets its own stream: changing one generator does not reshuffle the others.
  fuzzWebview(rng.fork(1), t, args.quick);
  await fuzzConfigs(rng.fork(2), t, args.quick);
  await fuzzSuppressions(rng.fork(3), t, args.quick);
  await fuzzSessions(rng.fork(4), t, args.quick);
  await fuzzSources(rng.fork(5), t, args.quick);
  const peak = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`fuzz: inputs=${t.inputs} crashes=${t.crashes} hangs=${t.hangs} max_file_ms=${Math.round(t.maxMs)} peak_rss_mb=${Math.round(peak)}\n`);
  process.exitCode = t.crashes || t.hangs ? 1 : 0;
}

void main().catch((e: unknown) => {
  process.stderr.write(`fuzz: the fuzzer itself failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 2;
});
