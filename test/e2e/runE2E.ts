/**
 * `npm run test:e2e`: installs the runtime once (test/e2e/runtime.ts), runs the mocha suites of
 * test/e2e/suite inside code-server through @vscode/test-electron and the shim (as a desktop VS Code
 * would run them), then packages the .vsix, installs it and checks it without the development payload,
 * saving screenshots. Ends with `e2e: N passed, N failed` and exits non-zero on any failure.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { runTests } from "@vscode/test-electron";
import { tempDir } from "./codeServer";
import { checkInstalledVsix } from "./installedVsix";
import { ensureRuntime } from "./runtime";

const ROOT = process.cwd();
const OUT = path.resolve(process.env.LLMR_OUT ?? "out", "e2e");
const RESULTS = path.join(ROOT, "test-results");
const SAMPLE = path.join(ROOT, "test", "workspaces", "sample");
const args = new Set(process.argv.slice(2));

/** Passes output through while watching for the suites' `E2E-RESULT {...}` line. */
function teeWithResult(target: NodeJS.WriteStream, onResult: (r: { passed: number; failed: number }) => void): Writable {
  let buf = "";
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      const s = chunk.toString();
      target.write(s);
      buf += s;
      let i: number;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const m = /E2E-RESULT (\{.*\})/.exec(line);
        if (m) onResult(JSON.parse(m[1]!) as { passed: number; failed: number });
      }
      cb();
    },
  });
}

/** Runs the suites on a copy of the sample (or, multi-root, of the sample and test/workspaces/second). */
async function runSuites(multiRoot: boolean): Promise<{ passed: number; failed: number }> {
  const dir = tempDir("llmr-e2e-ws-");
  const sample = path.join(dir, "sample");
  fs.cpSync(SAMPLE, sample, { recursive: true });
  let target = sample;
  if (multiRoot) {
    const second = path.join(dir, "second");
    fs.cpSync(path.join(ROOT, "test", "workspaces", "second"), second, { recursive: true });
    target = path.join(dir, "two-folders.code-workspace");
    fs.writeFileSync(target, JSON.stringify({ folders: [{ path: "sample" }, { path: "second" }] }, null, 2));
  }
  let result: { passed: number; failed: number } | undefined;
  const onResult = (r: { passed: number; failed: number }) => (result = r);
  const started = Date.now();
  try {
    await runTests({
      // The shim takes VS Code's arguments and runs them in code-server (test/e2e/code-server-shim.sh);
      // LLMR_E2E_DESKTOP=1 lets test-electron download a desktop VS Code instead, where the network allows.
      ...(process.env.LLMR_E2E_DESKTOP === "1" ? {} : { vscodeExecutablePath: path.join(ROOT, "test", "e2e", "code-server-shim.sh") }),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(OUT, "suite", "index.js"),
      launchArgs: [target],
      reuseMachineInstall: true,
      extensionTestsEnv: { LLMR_E2E_RUNNER: path.join(OUT, "runCodeServer.js"), LLMR_LOG_TO_CONSOLE: "1" },
      stdout: teeWithResult(process.stdout, onResult) as unknown as NodeJS.WriteStream,
      stderr: process.stderr,
    });
  } catch (e) {
    console.error(`e2e suites: ${(e as Error).message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`e2e suites (${multiRoot ? "multi-root" : "one folder"}) took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // No result line: the run broke before mocha finished (counted as one failure).
  return result ?? { passed: 0, failed: 1 };
}

function packageVsix(): string {
  const dir = tempDir("llmr-e2e-pkg-");
  const vsix = path.join(dir, "llm-readiness.vsix");
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "@vscode", "vsce", "vsce"), "package", "--out", vsix], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`vsce package failed:\n${r.stdout}${r.stderr}`);
  }
  return vsix;
}

async function main(): Promise<number> {
  fs.mkdirSync(RESULTS, { recursive: true });
  const rt = ensureRuntime((s) => console.log(s));
  let passed = 0;
  let failed = 0;
  if (!args.has("--screenshots-only")) {
    for (const multiRoot of [false, true]) {
      const suites = await runSuites(multiRoot);
      passed += suites.passed;
      failed += suites.failed;
    }
  }
  console.log("\ninstalled .vsix (no development payload), screenshots under test-results/");
  let vsix: string | undefined;
  try {
    vsix = packageVsix();
    const r = await checkInstalledVsix(rt, vsix, SAMPLE, RESULTS);
    for (const c of r.checks) c.ok ? passed++ : failed++;
    for (const s of r.screenshots) console.log(`  screenshot: ${path.relative(ROOT, s)}`);
  } catch (e) {
    console.error(`  ✗ packaging or installing the .vsix: ${(e as Error).stack ?? e}`);
    failed++;
  } finally {
    if (vsix) fs.rmSync(path.dirname(vsix), { recursive: true, force: true });
    // `vsce package` left a production build in dist/: rebuild the development one (with source maps).
    spawnSync(process.execPath, [path.join(ROOT, "esbuild.mjs")], { cwd: ROOT, stdio: "inherit" });
  }
  console.log(`\ne2e: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
