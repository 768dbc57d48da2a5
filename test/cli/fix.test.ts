/** `scan --fix` and `--fix-dry-run` on temp copies of a small project, with the real scanner and fixes. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, beforeEach, describe, it } from "node:test";
import { applyPatch } from "diff";
import { FixWriteError, patchOf, writeFixes } from "../../src/cli/fix";
import { run } from "../../src/cli/run";
import { scanWorkspace } from "../../src/core/scan";
import type { ScanReport } from "../../src/core/types";

/** A support bot asking OpenAI without a timeout: the timeout fix adds request options. */
const ASK = `import OpenAI from "openai";

const openai = new OpenAI();

export async function suggestReply(ticket: string): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Draft a short, friendly reply to this support ticket." },
      { role: "user", content: ticket },
    ],
  });
  return completion.choices[0]?.message.content ?? "";
}
`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-cli-fix-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A fresh copy of the project under `tmp/<name>`. */
function project(name: string, files: Record<string, string> = { "src/reply.ts": ASK }): string {
  const dir = path.join(tmp, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true, dependencies: { openai: "^7.0.0" } }, null, 2));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: tmp, isTTY: false });
  return { code, stdout, stderr };
}

const read = (dir: string, rel: string) => fs.readFileSync(path.join(dir, rel), "utf8");
const siteOf = (report: ScanReport, file: string) => report.sites.find((s) => s.file === file)!;

describe("cli: --fix-dry-run", () => {
  let dir: string;
  beforeEach(() => (dir = project("dry")));

  it("prints a patch that applies to the files, changes nothing on disk, and says what it does on stderr", async () => {
    const r = await cli(["scan", "dry", "--fix-dry-run", "--fix-checks", "timeout"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^--- a\/dry\/src\/reply\.ts\n\+\+\+ b\/dry\/src\/reply\.ts\n@@ /);
    assert.match(r.stdout, /^\+.*timeout: 30_000/m);
    assert.equal(read(dir, "src/reply.ts"), ASK, "a dry run writes nothing");
    const patched = applyPatch(ASK, r.stdout);
    assert.ok(patched !== false, "the patch applies to the file it was made from");
    assert.match(patched, /\}, \{ timeout: 30_000 \}\);/);
    assert.match(r.stderr, /^llm-readiness: 1 fix \(timeout\) in 1 file; run with --fix to apply them\n {2}dry\/src\/reply\.ts:6:28 {2}timeout {2}Add `timeout: 30_000`/);
  });

  it("prints nothing on stdout when no finding has a fix, and says so", async () => {
    const r = await cli(["scan", "dry", "--fix-dry-run", "--fix-checks", "timeout", "--fix-timeout-ms", "20000"]);
    fs.writeFileSync(path.join(dir, "src/reply.ts"), applyPatch(ASK, r.stdout) as string);
    const again = await cli(["scan", "dry", "--fix-dry-run", "--fix-checks", "timeout"]);
    assert.equal(again.code, 0);
    assert.equal(again.stdout, "");
    assert.equal(again.stderr, "llm-readiness: no finding has a fix to apply\n");
  });

  it("writes the timeout of --fix-timeout-ms, as people write milliseconds", async () => {
    const r = await cli(["scan", "dry", "--fix-dry-run", "--fix-checks", "timeout", "--fix-timeout-ms", "45000"]);
    assert.match(r.stdout, /^\+.*timeout: 45_000/m);
  });

  it("names each path's files from the current directory when several paths are fixed", async () => {
    project("second");
    const r = await cli(["scan", "dry", "second", "--fix-dry-run", "--fix-checks", "timeout", "-q"]);
    assert.equal(r.code, 0);
    assert.deepEqual(r.stdout.match(/^\+\+\+ .*$/gm), ["+++ b/dry/src/reply.ts", "+++ b/second/src/reply.ts"]);
    assert.equal(r.stderr, "", "--quiet: no summary");
  });
});

describe("cli: --fix-dry-run positions", () => {
  it("reports each site where it is in the original text, sorted by file and line, and the patch applies", async () => {
    // Two calls in one file: the fixes of the first (an import, a recordUsage line) move the second down.
    const second = ASK.replace("export async function suggestReply", "export async function draftReply").replace("import OpenAI from \"openai\";\n\nconst openai = new OpenAI();\n", "");
    const text = `${ASK}\n${second}`;
    const lineOf = (t: string, needle: string, from = 0) => t.slice(0, t.indexOf(needle, from)).split("\n").length;
    const dir = project("positions", { "src/reply.ts": text, "src/a-first.ts": ASK.replace("suggestReply", "firstReply") });
    const r = await cli(["scan", "positions", "--fix-dry-run", "--fix-checks", "timeout,usage"]);
    assert.equal(r.code, 0, r.stderr);
    const at = [...r.stderr.matchAll(/^ {2}(\S+):(\d+):\d+ +(\w+)/gm)].map((m) => `${m[1]}:${m[2]} ${m[3]}`);
    const l1 = lineOf(text, "openai.chat.completions.create");
    const l2 = lineOf(text, "openai.chat.completions.create", text.indexOf("draftReply"));
    const la = lineOf(ASK, "openai.chat.completions.create");
    assert.deepEqual(at, [
      `positions/src/a-first.ts:${la} timeout`,
      `positions/src/a-first.ts:${la} usage`,
      `positions/src/reply.ts:${l1} timeout`,
      `positions/src/reply.ts:${l1} usage`,
      `positions/src/reply.ts:${l2} timeout`,
      `positions/src/reply.ts:${l2} usage`,
    ].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
    const patched = applyPatch(text, r.stdout.slice(r.stdout.indexOf("--- a/positions/src/reply.ts")));
    assert.ok(patched !== false, "the patch applies to the original file");
    assert.equal(read(dir, "src/reply.ts"), text);
  });
});

describe("cli: --fix", () => {
  it("applies the fixes, prints the report of the fixed workspace, and a rescan agrees", async () => {
    const dir = project("apply");
    const before = await scanWorkspace(dir);
    assert.equal(siteOf(before, "src/reply.ts").checks.timeout.value, "none");
    const r = await cli(["scan", "apply", "--fix", "--fix-checks", "timeout", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "llm-readiness: applied 1 fix (timeout) to 1 file\n");
    const printed = JSON.parse(r.stdout) as ScanReport;
    assert.equal(siteOf(printed, "src/reply.ts").checks.timeout.value, "explicit");
    const text = read(dir, "src/reply.ts");
    assert.match(text, /\}, \{ timeout: 30_000 \}\);\n {2}return completion/);
    // Only the request changed: the rest of the file is as the user wrote it.
    assert.equal(text.replace(", { timeout: 30_000 }", ""), ASK);
    const rescan = await scanWorkspace(dir);
    assert.equal(siteOf(rescan, "src/reply.ts").checks.timeout.value, "explicit");
    assert.equal(rescan.score, printed.score);
    // Fixed once, nothing more to fix: a second run changes nothing.
    const again = await cli(["scan", "apply", "--fix-dry-run", "--fix-checks", "timeout"]);
    assert.equal(again.stdout, "");
    assert.deepEqual(fs.readdirSync(path.join(dir, "src")), ["reply.ts"], "no temporary file left behind");
  });

  it("judges --min-score on the fixed workspace", async () => {
    project("gate");
    const r = await cli(["scan", "gate", "--fix", "--fix-checks", "timeout", "--min-score", "100", "-q"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^llm-readiness: score \d+ is below --min-score 100\n$/);
    assert.match(read(path.join(tmp, "gate"), "src/reply.ts"), /timeout: 30_000/, "the fixes are written before the gate");
  });
});

describe("cli: fix flags", () => {
  const usage = async (argv: string[], reason: RegExp) => {
    project("flags");
    const r = await cli(argv);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^llm-readiness: [^\n]+\n$/);
    assert.match(r.stderr, reason);
    assert.equal(read(path.join(tmp, "flags"), "src/reply.ts"), ASK);
  };

  it("rejects --fix with --fix-dry-run, and report options with a dry run", async () => {
    await usage(["scan", "flags", "--fix", "--fix-dry-run"], /--fix and --fix-dry-run cannot be used together/);
    await usage(["scan", "flags", "--fix-dry-run", "--format", "json"], /--format does not apply to --fix-dry-run/);
    await usage(["scan", "flags", "--fix-dry-run", "--output", "r.txt"], /--output does not apply to --fix-dry-run/);
    await usage(["scan", "flags", "--fix-dry-run", "--min-score", "50"], /--min-score does not apply to --fix-dry-run/);
  });

  it("rejects fix options without --fix or --fix-dry-run", async () => {
    await usage(["scan", "flags", "--fix-timeout-ms", "20000"], /--fix-timeout-ms needs --fix or --fix-dry-run/);
    await usage(["scan", "flags", "--fix-unsafe"], /--fix-unsafe needs --fix or --fix-dry-run/);
  });

  it("validates each fix option with a reason naming the flag", async () => {
    await usage(["scan", "flags", "--fix", "--fix-timeout-ms", "30"], /--fix-timeout-ms: must be a whole number of milliseconds from 1000 to 3600000 \(got "30"\)/);
    await usage(["scan", "flags", "--fix", "--fix-timeout-ms", "30s"], /--fix-timeout-ms: must be a whole number/);
    await usage(["scan", "flags", "--fix", "--fix-max-retries", "-1"], /--fix-max-retries/);
    await usage(["scan", "flags", "--fix", "--fix-checks", "timout"], /--fix-checks unknown check "timout"/);
    await usage(["scan", "flags", "--fix", "--fix-helper-file", "../shared/retry.ts"], /--fix-helper-file: the helper file must stay inside the workspace folder/);
    await usage(["scan", "flags", "--fix", "--fix-helper-file", "src/llm/retry.json"], /--fix-helper-file: the helper file must be a \.ts or \.js source file/);
  });

  it("are listed in --help", async () => {
    const r = await cli(["--help"]);
    for (const flag of ["--fix ", "--fix-dry-run", "--fix-unsafe", "--fix-checks", "--fix-timeout-ms", "--fix-max-retries", "--fix-helper-file", "--fix-fallback-model"]) assert.ok(r.stdout.includes(flag), flag);
  });
});

describe("writing fixes", () => {
  it("replaces changed files, keeps their mode, and creates new files", () => {
    const dir = project("write", { "src/a.ts": "export const a = 1;\n" });
    fs.chmodSync(path.join(dir, "src/a.ts"), 0o640);
    const w = writeFixes(
      dir,
      new Map([
        ["src/a.ts", { before: "export const a = 1;\n", after: "export const a = 2;\n" }],
        ["src/llm/resilience.ts", { before: null, after: "export {};\n" }],
      ]),
    );
    assert.deepEqual(w, { changed: ["src/a.ts"], created: ["src/llm/resilience.ts"] });
    assert.equal(read(dir, "src/a.ts"), "export const a = 2;\n");
    assert.equal(fs.statSync(path.join(dir, "src/a.ts")).mode & 0o777, 0o640);
    assert.equal(read(dir, "src/llm/resilience.ts"), "export {};\n");
    assert.deepEqual(fs.readdirSync(path.join(dir, "src")).sort(), ["a.ts", "llm"]);
  });

  it("never overwrites a file it would create, and writes nothing then", () => {
    const dir = project("exists", { "src/a.ts": "export const a = 1;\n", "src/llm/resilience.ts": "// mine\n" });
    assert.throws(
      () =>
        writeFixes(
          dir,
          new Map([
            ["src/a.ts", { before: "export const a = 1;\n", after: "export const a = 2;\n" }],
            ["src/llm/resilience.ts", { before: null, after: "export {};\n" }],
          ]),
        ),
      (e: Error) => e instanceof FixWriteError && /src\/llm\/resilience\.ts exists now/.test(e.message),
    );
    assert.equal(read(dir, "src/llm/resilience.ts"), "// mine\n");
    assert.equal(read(dir, "src/a.ts"), "export const a = 1;\n");
  });

  it("writes nothing when a file changed on disk since the fixes were computed", () => {
    const dir = project("moved", { "src/a.ts": "export const a = 10;\n", "src/b.ts": "export const b = 1;\n" });
    assert.throws(
      () =>
        writeFixes(
          dir,
          new Map([
            ["src/b.ts", { before: "export const b = 1;\n", after: "export const b = 2;\n" }],
            ["src/a.ts", { before: "export const a = 1;\n", after: "export const a = 2;\n" }],
          ]),
        ),
      /src\/a\.ts changed on disk/,
    );
    assert.equal(read(dir, "src/b.ts"), "export const b = 1;\n");
  });

  it("makes created files a patch from /dev/null", () => {
    const p = patchOf("app", new Map([["src/llm/resilience.ts", { before: null, after: "export {};\n" }]]));
    assert.equal(p, "--- /dev/null\n+++ b/app/src/llm/resilience.ts\n@@ -0,0 +1,1 @@\n+export {};\n");
  });
});
