/** Arguments, exit codes and output routing of the CLI (`run`), with the scanner replaced by a fixed report. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { run, type CliIo } from "../../src/cli/run";
import { ScanReportSchema } from "../../src/core/report";
import type { ScanOptions, ScanReport } from "../../src/core/types";
import { sampleReport } from "./sampleReport";

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-cli-"));
  fs.mkdirSync(path.join(tmp, "app", "src"), { recursive: true });
  fs.mkdirSync(path.join(tmp, "worker"), { recursive: true });
  fs.writeFileSync(path.join(tmp, "app", "package.json"), "{}");
  fs.writeFileSync(path.join(tmp, "config.json"), JSON.stringify({ exclude: ["legacy/**"] }));
  fs.writeFileSync(path.join(tmp, "broken.json"), "{ exclude: [");
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Call {
  root: string;
  options?: ScanOptions;
}

/** Runs the CLI in `tmp` with a fake scanner; returns the exit code, what was printed, and the scanner's calls. */
async function cli(argv: string[], overrides: Partial<CliIo> & { report?: (root: string) => ScanReport } = {}) {
  let stdout = "";
  let stderr = "";
  const calls: Call[] = [];
  const { report = () => sampleReport(), ...io } = overrides;
  const code = await run(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: tmp,
    isTTY: false,
    scan: async (root, options) => {
      calls.push({ root, options });
      return report(root);
    },
    ...io,
  });
  return { code, stdout, stderr, calls };
}

/** A usage error: exit 2, nothing on stdout, exactly one `llm-readiness: <reason>` line on stderr. */
function assertUsageError(r: { code: number; stdout: string; stderr: string }, reason: RegExp) {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^llm-readiness: [^\n]+\n$/);
  assert.match(r.stderr, reason);
}

describe("cli: exit codes", () => {
  it("exits 0 and prints the text report for a plain scan", async () => {
    const r = await cli(["scan", "app"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.match(r.stdout, /Score 54\/100/);
    assert.deepEqual(r.calls.map((c) => c.root), [path.join(tmp, "app")]);
  });

  it("exits 0 when the score is at --min-score, 1 when it is below, with a one-line reason", async () => {
    assert.equal((await cli(["scan", "app", "--min-score", "54"])).code, 0);
    const r = await cli(["scan", "app", "--min-score", "80"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Score 54\/100/, "the report is still printed");
    assert.equal(r.stderr, "llm-readiness: score 54 is below --min-score 80\n");
  });

  it("exits 2 on an unknown flag", async () => {
    assertUsageError(await cli(["scan", "--fromat", "json"]), /unknown option --fromat/);
    assertUsageError(await cli(["scan", "-x"]), /unknown option -x/);
  });

  it("exits 2 on a bad --format, a missing value, or a bad --min-score", async () => {
    assertUsageError(await cli(["scan", "--format", "xml"]), /--format must be one of text, json, sarif, markdown, github \(got "xml"\)/);
    assertUsageError(await cli(["scan", "--format"]), /--format needs a value/);
    assertUsageError(await cli(["scan", "--min-score", "high"]), /--min-score must be a number from 0 to 100/);
    assertUsageError(await cli(["scan", "--min-score", "101"]), /--min-score must be a number from 0 to 100/);
    assertUsageError(await cli(["scan", "--quiet=yes"]), /--quiet does not take a value/);
  });

  it("exits 2 on a missing path or a path that is a file", async () => {
    const r = await cli(["scan", "app", "nowhere"]);
    assertUsageError(r, /path not found: nowhere/);
    assert.equal(r.calls.length, 0, "nothing is scanned when an argument is wrong");
    assertUsageError(await cli(["scan", "app/package.json"]), /not a directory: app\/package.json/);
  });

  it("exits 2 without a command or with an unknown one", async () => {
    assertUsageError(await cli([]), /missing command/);
    assertUsageError(await cli(["lint", "app"]), /unknown command "lint"/);
  });

  it("exits 2 with the reason when the scanner throws", async () => {
    const r = await cli(["scan", "app"], {
      scan: async () => {
        throw new Error("tsconfig.json: unexpected token\n  at line 3");
      },
    });
    assertUsageError(r, /^llm-readiness: scan failed: tsconfig.json: unexpected token\n$/);
  });

  it("exits 130 when the scan is interrupted", async () => {
    const controller = new AbortController();
    const r = await cli(["scan", "app"], {
      signal: controller.signal,
      scan: async (_root, _options, signal) => {
        controller.abort();
        assert.equal(signal, controller.signal, "the signal reaches the scanner");
        throw new DOMException("aborted", "AbortError");
      },
    });
    assert.equal(r.code, 130);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, "llm-readiness: scan interrupted\n");
  });
});

describe("cli: arguments", () => {
  it("prints help and version on stdout with exit 0", async () => {
    const help = await cli(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: llm-readiness scan \[paths\.\.\.\]/);
    assert.match(help.stdout, /--min-score/);
    const version = await cli(["-v"]);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it("scans the current directory when no path is given, with the root as given", async () => {
    const r = await cli(["scan", "--format", "json"]);
    assert.deepEqual(r.calls.map((c) => c.root), [tmp]);
    assert.equal(JSON.parse(r.stdout).root, ".");
    const named = await cli(["scan", "app", "-f", "json"]);
    assert.equal(JSON.parse(named.stdout).root, "app");
  });

  it("passes --config as an absolute path after checking it is JSON", async () => {
    const r = await cli(["scan", "app", "--config", "config.json"]);
    assert.equal(r.code, 0);
    assert.equal(r.calls[0].options?.configFile, path.join(tmp, "config.json"));
    assertUsageError(await cli(["scan", "--config", "missing.json"]), /cannot read config missing.json: ENOENT/);
    assertUsageError(await cli(["scan", "--config", "broken.json"]), /config broken.json is not valid JSON/);
  });

  it("writes --output to a file, with a note on stderr unless --quiet", async () => {
    const r = await cli(["scan", "app", "--format", "sarif", "--output", "out.sarif"]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^llm-readiness: wrote out.sarif \(4 call sites, score 54, grade E\)\n$/);
    const sarif = JSON.parse(fs.readFileSync(path.join(tmp, "out.sarif"), "utf8"));
    assert.equal(sarif.version, "2.1.0");
    assert.match(sarif.runs[0].originalUriBaseIds["%SRCROOT%"].uri, /^file:\/\/.*\/app\/$/);
    const quiet = await cli(["scan", "app", "-q", "-o", "out.md", "-f", "markdown"]);
    assert.equal(quiet.stderr, "");
    assert.match(fs.readFileSync(path.join(tmp, "out.md"), "utf8"), /^## LLM Readiness: 54\/100/);
    assertUsageError(await cli(["scan", "app", "-o", "no/such/dir/out.json"]), /cannot write no\/such\/dir\/out.json: ENOENT/);
  });

  it("colours text only on a TTY without NO_COLOR, and never in a file", async () => {
    const ESC = "\x1b[";
    assert.ok(!(await cli(["scan", "app"])).stdout.includes(ESC));
    assert.ok((await cli(["scan", "app"], { isTTY: true })).stdout.includes(ESC));
    assert.ok(!(await cli(["scan", "app"], { isTTY: true, env: { NO_COLOR: "1" } })).stdout.includes(ESC));
    assert.ok((await cli(["scan", "app"], { isTTY: true, env: { NO_COLOR: "" } })).stdout.includes(ESC), "an empty NO_COLOR is unset");
    assert.ok((await cli(["scan", "app"], { env: { FORCE_COLOR: "1" } })).stdout.includes(ESC));
    await cli(["scan", "app", "-o", "out.txt"], { isTTY: true });
    assert.ok(!fs.readFileSync(path.join(tmp, "out.txt"), "utf8").includes(ESC));
    assert.ok(!(await cli(["scan", "app", "-f", "json"], { isTTY: true })).stdout.includes(ESC));
  });

  it("shows a progress line on a TTY stderr only, and clears it", async () => {
    const slow = (root: string, options?: ScanOptions) => {
      options?.onProgress?.({ done: 1, total: 2 });
      options?.onProgress?.({ done: 2, total: 2 });
      return Promise.resolve(sampleReport());
    };
    const tty = await cli(["scan", "app"], { stderrIsTTY: true, progressDelayMs: 0, scan: slow });
    assert.match(tty.stderr, /scanning 2\/2 files/);
    assert.ok(tty.stderr.endsWith("\r\x1b[2K"), "the line is cleared at the end");
    assert.equal((await cli(["scan", "app"], { stderrIsTTY: false, progressDelayMs: 0, scan: slow })).stderr, "");
    assert.equal((await cli(["scan", "app", "-q"], { stderrIsTTY: true, progressDelayMs: 0, scan: slow })).stderr, "");
    assert.equal((await cli(["scan", "app"], { stderrIsTTY: true, scan: slow })).stderr, "", "a short scan shows none");
  });
});

describe("cli: several paths", () => {
  it("scans each path once and merges the reports, files relative to the current directory", async () => {
    const r = await cli(["scan", "app", "worker", "app/src", "app", "-f", "json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      r.calls.map((c) => c.root),
      [path.join(tmp, "app"), path.join(tmp, "worker")],
      "a repeated path and a path inside another are scanned once",
    );
    const report = ScanReportSchema.parse(JSON.parse(r.stdout));
    assert.equal(report.root, ".");
    assert.equal(report.sites.length, 8);
    assert.equal(report.summary.sites, 8);
    assert.equal(report.sites[0].file, "app/src/lib/summarize.ts");
    assert.equal(report.sites[4].file, "worker/src/lib/summarize.ts");
    assert.equal(report.sites[0].checks.timeout.evidence, "app/src/lib/summarize.ts:5");
    assert.equal(report.errors[1].file, "worker/src/legacy/importer.ts");
  });
});
