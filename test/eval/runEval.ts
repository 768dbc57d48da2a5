/** `npm run eval`: scans every labelled app of test/corpus and scores detection and checks against the labels. */
import fs from "node:fs";
import { scanWorkspace } from "../../src/core/scan";
import { CHECK_IDS } from "../../src/core/types";
import { corpusDir, loadCorpus } from "./labels";
import { loadContextLimits, mergeIntoCorpus } from "./contextLimitsLabels";
import { realworldContextLimits } from "./realworldContextLimits";
import {
  accuracy,
  checkAgreement,
  detectionCounts,
  failedApp,
  headline,
  matchApp,
  precision,
  recall,
  type AppMatch,
} from "./matchSites";

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? "").split(",").filter(Boolean)) : undefined;
const pct = (n: number) => n.toFixed(3);

async function main(): Promise<number> {
  const dir = corpusDir();
  if (!fs.existsSync(dir)) {
    console.error(`eval: no corpus at ${dir} (run from the project root)`);
    return 2;
  }
  const loaded = loadCorpus(dir).filter((a) => !only || only.has(a.app));
  // The context and limits labels live in a file of their own (test/eval/labels-context-limits.json).
  const extra = loadContextLimits();
  const { merged, orphans } = mergeIntoCorpus(loaded, extra);
  const results: AppMatch[] = [];
  for (const app of loaded) {
    if ("error" in app) {
      console.log(`skipped ${app.app}: labels.json is invalid\n  ${app.error.replaceAll("\n", "\n  ")}`);
      continue;
    }
    try {
      const report = await scanWorkspace(app.dir);
      results.push(matchApp(app.app, app.labels, report.sites));
    } catch (e) {
      results.push(failedApp(app.app, app.labels, (e as Error).message));
    }
  }
  if (results.length === 0) {
    console.error("eval: no readable labels.json in the corpus");
    return 2;
  }

  console.log("app".padEnd(28) + "tp".padStart(5) + "fp".padStart(5) + "fn".padStart(5) + "decoys".padStart(8));
  for (const r of results) {
    const c = detectionCounts([r]).overall;
    console.log(
      r.app.padEnd(28) + String(c.tp).padStart(5) + String(c.fp).padStart(5) + String(c.fn).padStart(5) + String(r.decoyHits.length).padStart(8) +
        (r.scanError ? `  scan failed: ${r.scanError}` : ""),
    );
    if (verbose) {
      for (const l of r.missed) console.log(`    missed  ${l.file}:${l.line}:${l.column} ${l.callee} (${l.provider})`);
      for (const p of r.extra) console.log(`    extra   ${p.file}:${p.line}:${p.column} ${p.callee ?? ""} (${p.provider})`);
    }
  }

  const { byProvider, overall } = detectionCounts(results);
  console.log("\nprovider".padEnd(17) + "tp".padStart(5) + "fp".padStart(5) + "fn".padStart(5) + "  precision  recall");
  for (const [provider, c] of [...byProvider, ["overall", overall] as const]) {
    console.log(
      provider.padEnd(16) + String(c.tp).padStart(5) + String(c.fp).padStart(5) + String(c.fn).padStart(5) + `  ${pct(precision(c)).padStart(9)}  ${pct(recall(c)).padStart(6)}`,
    );
  }

  const decoyHits = results.flatMap((r) => r.decoyHits.map((h) => ({ app: r.app, ...h })));
  console.log(`\ndecoys hit: ${decoyHits.length} of ${loaded.reduce((n, a) => n + ("labels" in a ? a.labels.decoys.length : 0), 0)}`);
  for (const h of decoyHits) console.log(`  ${h.app}/${h.decoy.file}:${h.decoy.line} ${h.decoy.text}  -> reported as ${h.predicted.callee ?? "?"} (${h.decoy.why})`);

  const cols = results.flatMap((r) => r.columnMismatches.map((m) => ({ app: r.app, ...m })));
  console.log(`column mismatches: ${cols.length}`);
  for (const m of cols) console.log(`  ${m.app}/${m.label.file}:${m.label.line} want column ${m.label.column}, got ${m.predicted.column} (${m.label.callee})`);

  const agreement = checkAgreement(results);
  console.log("\nchecks (exact value over matched sites)");
  for (const c of CHECK_IDS) {
    const a = agreement[c];
    const wrong = [...a.confusion].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ×${n}`);
    console.log(`  ${c.padEnd(11)}${pct(accuracy(a))} (${a.right}/${a.all})${wrong.length ? "  " + wrong.join(", ") : ""}`);
  }
  if (verbose) {
    for (const r of results) {
      for (const { label, predicted } of r.matched) {
        const diffs = CHECK_IDS.filter((c) => label.checks[c] !== undefined && label.checks[c] !== "unknown" && predicted.checks?.[c]?.value !== label.checks[c]).map(
          (c) => `${c} ${label.checks[c]}->${predicted.checks?.[c]?.value ?? "(missing)"}`,
        );
        if (diffs.length) console.log(`    ${r.app}/${label.file}:${label.line} ${label.callee}: ${diffs.join(", ")}`);
      }
    }
  }

  console.log(`\ncontext/limits labels: ${merged} corpus sites (test/eval/labels-context-limits.json)${orphans.length ? `, ${orphans.length} not found: ${orphans.join(", ")}` : ""}`);
  for (const c of ["context", "limits"] as const) console.log(`  ${c.padEnd(11)}${pct(accuracy(agreement[c]))} (${agreement[c].right}/${agreement[c].all}) on the corpus`);
  const real = await realworldContextLimits(extra.realworld);
  if (real) {
    for (const c of ["context", "limits"] as const) {
      const a = real.agreement[c];
      const wrong = [...a.confusion].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ×${n}`);
      console.log(`  ${c.padEnd(11)}${pct(accuracy(a))} (${a.right}/${a.all}) on ${real.repos} real repositories${wrong.length ? "  " + wrong.join(", ") : ""}`);
    }
    if (verbose) for (const d of real.diffs) console.log(`    ${d}`);
    if (real.missing.length) console.log(`  real repositories not available: ${real.missing.join(", ")}`);
  } else console.log("  real repositories: no snapshots here (MIRRORS), skipped");

  const [detection, checks] = headline(results);
  console.log(detection);
  console.log(checks);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`eval: ${(e as Error).stack ?? e}`);
    process.exit(2);
  },
);
