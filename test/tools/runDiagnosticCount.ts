/**
 * `node out/spec/tools/runDiagnosticCount.js [folder]`: how many diagnostics the editor shows on a workspace
 * (test/workspaces/sample by default), by severity, with the default settings, and the SARIF levels of the CLI;
 * `--messages` prints each site's diagnostics too.
 * The number the noise budget of the editor is measured by (issue #12).
 */
import path from "node:path";
import { AnalysisSession } from "../../src/core/session";
import { withSiteFacts } from "../../src/core/siteFacts";
import { loadCheckRules } from "../../src/extension/checkRules";
import { findingsOf } from "../../src/extension/present";
import { toSarif } from "../../src/report/sarif";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes("--messages");
  const root = path.resolve(args.find((a) => !a.startsWith("--")) ?? "test/workspaces/sample");
  const session = await AnalysisSession.open(root);
  // As the extension's worker makes it (src/extension/worker.ts editorReport).
  const report = withSiteFacts(session.report(), session.sites(), session.state.catalog, session.checkContext());
  const rules = loadCheckRules();
  const editor: Record<string, number> = {};
  let worstSite = 0;
  for (const site of report.sites) {
    const fs = findingsOf(site, rules);
    if (verbose) {
      console.log(`${site.file}:${site.line} ${site.callee}`);
      for (const f of fs) console.log(`  ${f.severity} ${f.check}: ${f.message}`);
    }
    worstSite = Math.max(worstSite, fs.length);
    for (const f of fs) editor[f.severity] = (editor[f.severity] ?? 0) + 1;
  }
  const sarif: Record<string, number> = {};
  for (const r of toSarif(session.report()).runs[0]!.results ?? []) {
    if (r.suppressions?.length) continue;
    sarif[r.level ?? "warning"] = (sarif[r.level ?? "warning"] ?? 0) + 1;
  }
  const total = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  console.log(`${report.sites.length} sites in ${path.relative(process.cwd(), root) || "."}`);
  console.log(`editor diagnostics: ${total(editor)} ${JSON.stringify(editor)} (at most ${worstSite} on one site)`);
  console.log(`SARIF results (unsuppressed): ${total(sarif)} ${JSON.stringify(sarif)}`);
}

void main();
