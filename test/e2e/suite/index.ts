/**
 * The extensionTestsPath entry: runs the mocha suites of this folder inside the extension host
 * (code-server via test/e2e/runCodeServer.ts, or a desktop VS Code via @vscode/test-electron).
 */
import fs from "node:fs";
import path from "node:path";
import Mocha from "mocha";
import * as vscode from "vscode";

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", color: false, timeout: 60_000, reporter: "spec" });
  // A multi-root window runs only the `multi-root` suite; a single folder runs everything else.
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  // LLMR_E2E_GREP narrows that choice (one regex: mocha has a single grep, and invert would apply to it).
  const only = process.env.LLMR_E2E_GREP;
  if (only) mocha.grep(new RegExp(multiRoot ? `^multi-root .*(?:${only})` : `^(?!multi-root ).*(?:${only})`));
  else {
    mocha.grep(/^multi-root /);
    if (!multiRoot) mocha.invert();
  }
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith(".test.js")).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const counts = await new Promise<{ passed: number; failed: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
  });
  // The harness reads this line for its closing `N passed, N failed` summary.
  console.log(`E2E-RESULT ${JSON.stringify(counts)}`);
  if (counts.failed > 0) throw new Error(`${counts.failed} e2e test(s) failed`);
}
