/**
 * The baseline for CI: `baseline` writes today's findings, `scan --baseline` fails only on new ones, prunes and
 * lists fixed ones; `--baseline-ref` compares with a git ref and names the change that caused a regression in a
 * file the change never touched; SARIF carries `baselineState`.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import type * as Sarif from "sarif";
import { run } from "../../src/cli/run";
import { Baseline, BASELINE_FILE, parseBaseline } from "../../src/core/baseline";
import { assertValidSarif } from "./sarifSchema";

const CLIENT = `import OpenAI from "openai";

export const openai = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  timeout: 20_000,
});
`;
const CHAT = `import { openai } from "./client";

export async function summarize(text: string) {
  const res = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: text }] });
  return res.choices[0].message.content;
}
`;
const SUPPORT = `import { openai } from "./client";

export class Support {
  async reply(question: string) {
    const r = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: question }] });
    return r.choices[0].message.content ?? "";
  }
}
`;

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-baseline-"));
  dirs.push(dir);
  write(dir, files);
  return dir;
}
function write(dir: string, files: Record<string, string>) {
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
}

async function cli(cwd: string, argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, isTTY: false });
  return { code, stdout, stderr };
}

const readBaseline = (dir: string) => parseBaseline(BASELINE_FILE, fs.readFileSync(path.join(dir, BASELINE_FILE), "utf8"));

describe("baseline: write, compare, prune", () => {
  it("writes the findings sorted, one per line, with no line numbers and nothing machine-specific", async () => {
    const dir = project({ "src/client.ts": CLIENT.replace("  timeout: 20_000,\n", ""), "src/chat.ts": CHAT, "src/support.ts": SUPPORT });
    const r = await cli(dir, ["baseline"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /wrote \.llm-readiness-baseline\.json \(10 findings from 2 call sites/);
    const text = fs.readFileSync(path.join(dir, BASELINE_FILE), "utf8");
    const b = Baseline.parse(JSON.parse(text));
    assert.equal(b.findings.length, 10);
    assert.deepEqual([...new Set(b.findings.map((f) => `${f.file} ${f.scope}`))], ["src/chat.ts summarize", "src/support.ts Support.reply"]);
    assert.deepEqual(b.findings.slice(0, 4).map((f) => f.check), ["timeout", "fallback", "usage", "eval"]);
    assert.ok(!/"(line|column|endLine)"/.test(text), "no line numbers");
    assert.ok(!text.includes(dir) && !text.includes(os.tmpdir()) && !text.includes(os.userInfo().username + "/"), "nothing machine-specific");
    assert.equal(text.split("\n").filter((l) => l.includes('"fingerprint"')).length, 10, "one finding per line");

    // The same workspace written again, from another folder, gives the same bytes.
    const copy = project({ "src/client.ts": CLIENT.replace("  timeout: 20_000,\n", ""), "src/chat.ts": CHAT, "src/support.ts": SUPPORT });
    assert.equal((await cli(copy, ["baseline"])).code, 0);
    assert.equal(fs.readFileSync(path.join(copy, BASELINE_FILE), "utf8"), text);
  });

  it("round-trips: a scan against its own baseline has only known findings, also after lines move", async () => {
    const dir = project({ "src/client.ts": CLIENT.replace("  timeout: 20_000,\n", ""), "src/chat.ts": CHAT, "src/support.ts": SUPPORT });
    assert.equal((await cli(dir, ["baseline"])).code, 0);
    write(dir, { "src/chat.ts": `// Summaries for the inbox.\n\n${CHAT.replace("({ model", "({\n    model")}` });
    const r = await cli(dir, ["scan", "--baseline", BASELINE_FILE, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(json.baseline.counts, { new: 0, unchanged: 10, updated: 0, absent: 0, regressed: 0 });
    assert.match(r.stderr, /against \.llm-readiness-baseline\.json: 0 new findings, 10 known, 0 fixed/);
  });

  it("exits 1 for a new finding only, and names it", async () => {
    const dir = project({ "src/client.ts": CLIENT, "src/chat.ts": CHAT, "src/support.ts": SUPPORT });
    assert.equal((await cli(dir, ["baseline"])).code, 0);
    write(dir, { "src/draft.ts": `import OpenAI from "openai";\nconst ai = new OpenAI();\nexport async function draft(p: string) {\n  return ai.responses.create({ model: "gpt-4o", input: p });\n}\n` });
    const r = await cli(dir, ["scan", "--baseline", BASELINE_FILE]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /new {2}src\/draft\.ts:4 {2}timeout=none/);
    assert.doesNotMatch(r.stdout, /new {2}src\/chat\.ts/);
    assert.match(r.stderr, /\d+ new findings against \.llm-readiness-baseline\.json\n$/);
  });

  it("lists fixed entries as stale, and --prune-baseline removes them", async () => {
    const dir = project({ "src/client.ts": CLIENT.replace("  timeout: 20_000,\n", ""), "src/chat.ts": CHAT, "src/support.ts": SUPPORT });
    assert.equal((await cli(dir, ["baseline"])).code, 0);
    write(dir, { "src/client.ts": CLIENT });
    const r = await cli(dir, ["scan", "--baseline", BASELINE_FILE]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /2 baseline entries are fixed and stale \(run with --prune-baseline/);
    assert.match(r.stderr, /\n {2}src\/chat\.ts {2}summarize {2}openai\.chat\.completions\.create {2}timeout=none\n/);
    assert.match(r.stderr, /\n {2}src\/support\.ts {2}Support\.reply {2}openai\.chat\.completions\.create {2}timeout=none\n/);
    assert.equal(readBaseline(dir).findings.length, 10, "listing does not rewrite the file");

    const pruned = await cli(dir, ["scan", "--baseline", BASELINE_FILE, "--prune-baseline", "-q"]);
    assert.equal(pruned.code, 0, pruned.stderr);
    const after = readBaseline(dir);
    assert.equal(after.findings.length, 8);
    assert.ok(after.findings.every((f) => f.check !== "timeout"));

    const again = await cli(dir, ["scan", "--baseline", BASELINE_FILE]);
    assert.doesNotMatch(again.stderr, /stale/);
    // Now the pruned finding coming back is new again, not silently known.
    write(dir, { "src/client.ts": CLIENT.replace("  timeout: 20_000,\n", "") });
    const back = await cli(dir, ["scan", "--baseline", BASELINE_FILE]);
    assert.equal(back.code, 1);
    assert.match(back.stderr, /2 new findings/);
  });

  it("exits 1 for a score drop past --max-score-drop even without a new finding", async () => {
    const dir = project({ "src/client.ts": CLIENT, "src/chat.ts": CHAT, "src/support.ts": SUPPORT });
    assert.equal((await cli(dir, ["baseline"])).code, 0);
    const b = readBaseline(dir);
    fs.writeFileSync(path.join(dir, BASELINE_FILE), JSON.stringify({ ...b, score: b.score + 20 }, null, 2));
    assert.equal((await cli(dir, ["scan", "--baseline", BASELINE_FILE, "-q"])).code, 0);
    const r = await cli(dir, ["scan", "--baseline", BASELINE_FILE, "--max-score-drop", "5", "-q"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /score dropped from \d+ to \d+, more than --max-score-drop 5/);
    assert.equal((await cli(dir, ["scan", "--baseline", BASELINE_FILE, "--max-score-drop", "25", "-q"])).code, 0);
  });

  it("rejects an invalid baseline with file:line: field errors (exit 2)", async () => {
    const dir = project({ "src/chat.ts": CHAT });
    fs.writeFileSync(
      path.join(dir, "bad.json"),
      `{\n  "version": 1,\n  "tool": "llm-readiness",\n  "score": 50,\n  "findings": [\n    {"fingerprint":"xyz","site":"c30632741ffdbe3d","file":"a.ts","scope":"f","provider":"openai","callee":"c","check":"timeout","value":"none","status":"fail"}\n  ]\n}\n`,
    );
    const r = await cli(dir, ["scan", "--baseline", "bad.json"]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^llm-readiness: bad\.json:6: findings\.0\.fingerprint: expected 16 lowercase hex digits\n$/);
    const missing = await cli(dir, ["scan", "--baseline", "nope.json"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read baseline nope\.json: ENOENT \(write one with `llm-readiness baseline`\)/);
    fs.writeFileSync(path.join(dir, "broken.json"), `{\n  "version": 1,\n  oops\n}`);
    assert.match((await cli(dir, ["scan", "--baseline", "broken.json"])).stderr, /^llm-readiness: broken\.json:3: invalid JSON/);
  });

  it("refuses flags that do not go together (exit 2)", async () => {
    const dir = project({ "src/chat.ts": CHAT });
    for (const [argv, why] of [
      [["scan", "--prune-baseline"], /--prune-baseline needs --baseline/],
      [["scan", "--max-score-drop", "3"], /--max-score-drop needs --baseline or --baseline-ref/],
      [["scan", "--baseline", "a.json", "--baseline-ref", "main"], /cannot be used together/],
      [["baseline", "--format", "json"], /--format does not apply to `baseline`/],
      [["scan", "--baseline-ref", "main", "--max-score-drop", "x"], /--max-score-drop must be a number/],
    ] as const) {
      const r = await cli(dir, [...argv]);
      assert.equal(r.code, 2, `${argv.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, why);
    }
  });

  it("marks SARIF results new, unchanged, updated and absent, valid against SARIF 2.1.0", async () => {
    const dir = project({ "src/client.ts": CLIENT.replace("  timeout: 20_000,\n", ""), "src/chat.ts": CHAT, "src/support.ts": SUPPORT });
    assert.equal((await cli(dir, ["baseline"])).code, 0);
    // Fixed: the timeouts. Updated: summarize's fallback now only logs. New: a call in a new file.
    write(dir, {
      "src/client.ts": CLIENT,
      "src/chat.ts": CHAT.replace(
        "  const res = await openai.chat.completions.create({ model: \"gpt-4o-mini\", messages: [{ role: \"user\", content: text }] });\n  return res.choices[0].message.content;",
        "  try {\n    const res = await openai.chat.completions.create({ model: \"gpt-4o-mini\", messages: [{ role: \"user\", content: text }] });\n    return res.choices[0].message.content;\n  } catch (err) {\n    console.error(\"summarize failed\", err);\n    throw err;\n  }",
      ),
      "src/draft.ts": `import OpenAI from "openai";\nconst ai = new OpenAI();\nexport async function draft(p: string) {\n  return ai.responses.create({ model: "gpt-4o", input: p });\n}\n`,
    });
    const r = await cli(dir, ["scan", "--baseline", BASELINE_FILE, "--format", "sarif"]);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    assertValidSarif(log);
    const results = log.runs[0]!.results ?? [];
    const states = results.map((x) => `${x.locations?.[0]?.physicalLocation?.artifactLocation?.uri} ${x.ruleId} ${x.baselineState}`);
    assert.ok(states.includes("src/chat.ts fallback updated"), states.join("\n"));
    assert.ok(states.includes("src/chat.ts usage unchanged"));
    assert.ok(states.includes("src/draft.ts timeout new"));
    assert.ok(states.includes("src/chat.ts timeout absent"));
    assert.ok(states.includes("src/support.ts timeout absent"));
    assert.ok(results.every((x) => x.baselineState !== undefined));
    const absent = results.find((x) => x.baselineState === "absent")!;
    assert.equal(absent.kind, "pass");
    assert.equal(absent.level, "none");
  });
});

function git(cwd: string, ...args: string[]) {
  return execFileSync("git", ["-c", "user.email=dev@example.com", "-c", "user.name=Dev", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });
}

describe("baseline: --baseline-ref", () => {
  it("scans the ref in a temporary worktree and names the change in another file that regressed the sites", async () => {
    const dir = project({ "src/lib/client.ts": CLIENT, "src/chat.ts": CHAT.replace("./client", "./lib/client"), "src/support.ts": SUPPORT.replace("./client", "./lib/client") });
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "chat and support on a shared client");
    git(dir, "checkout", "-qb", "drop-timeout");
    write(dir, { "src/lib/client.ts": CLIENT.replace("  timeout: 20_000,\n", "") });
    git(dir, "commit", "-qam", "client: drop the timeout");
    const before = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith("llm-readiness-ref-"));

    const r = await cli(dir, ["scan", "--baseline-ref", "main", "--format", "json"]);
    assert.equal(r.code, 1, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(
      json.baseline.findings.map((f: { file: string; line: number; check: string; state: string; cause?: { file: string; line: number; text: string } }) =>
        `${f.file}:${f.line} ${f.check} ${f.state} ${f.cause ? `${f.cause.file}:${f.cause.line}: ${f.cause.text}` : "-"}`,
      ),
      ["src/chat.ts:4 timeout new src/lib/client.ts:5: timeout removed", "src/support.ts:5 timeout new src/lib/client.ts:5: timeout removed"],
    );
    assert.equal(json.baseline.counts.unchanged, 8);
    assert.ok(json.baseline.scoreBefore > json.baseline.scoreAfter);

    const md = await cli(dir, ["scan", "--baseline-ref", "main", "--format", "markdown"]);
    assert.match(md.stdout, /### Against `main`: 2 new findings, 0 fixed · score \d+ → \d+ \(−\d+\)/);
    assert.match(md.stdout, /\| `src\/chat\.ts:4` \| `openai\.chat\.completions\.create` \| ❌ timeout `none` \| regressed by `src\/lib\/client\.ts:5`: timeout removed \|/);

    const gh = await cli(dir, ["scan", "--baseline-ref", "main", "--format", "github"]);
    const annotations = gh.stdout.split("\n").filter((l) => /^::(error|warning|notice) file=/.test(l));
    assert.deepEqual(annotations.map((l) => /file=([^,]+),line=(\d+)/.exec(l)!.slice(1).join(":")), ["src/chat.ts:4", "src/support.ts:5"], "only the new findings");
    assert.match(annotations[0]!, /title=LLM Readiness%3A timeout is none::.*Regressed by src\/lib\/client\.ts:5: timeout removed\./);

    // The worktree is gone, from git's list and from the disk.
    assert.equal(git(dir, "worktree", "list").trim().split("\n").length, 1);
    assert.deepEqual(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith("llm-readiness-ref-")), before);
  });

  it("gives no cause when the finding's own lines changed, and refuses an unknown ref (exit 2), cleaning up", async () => {
    const dir = project({ "src/lib/client.ts": CLIENT, "src/chat.ts": CHAT.replace("./client", "./lib/client") });
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "base");
    write(dir, { "src/chat.ts": CHAT.replace("./client", "./lib/client").replace("openai.chat.completions.create", "openai.responses.create").replace("messages: [{ role: \"user\", content: text }]", "input: text") });
    const r = await cli(dir, ["scan", "--baseline-ref", "HEAD", "--format", "json"]);
    assert.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout).baseline.findings as { cause?: unknown; state: string; changedHere?: boolean }[];
    assert.ok(findings.length > 0 && findings.every((f) => f.state === "new" && f.cause === undefined && f.changedHere === true));
    assert.equal(JSON.parse(r.stdout).baseline.absent.length, findings.length, "the old call's findings are gone");

    const bad = await cli(dir, ["scan", "--baseline-ref", "no-such-branch"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--baseline-ref no-such-branch names no commit/);
    assert.equal(git(dir, "worktree", "list").trim().split("\n").length, 1);
    const outside = project({ "src/chat.ts": CHAT });
    const notRepo = await cli(outside, ["scan", "--baseline-ref", "main"]);
    assert.equal(notRepo.code, 2);
    assert.match(notRepo.stderr, /git rev-parse failed: .*not a git repository/);
  });

  it("names the wrapper's change for its callers when the wrapper's fallback is removed", async () => {
    const ASK = `import { openai } from "./client";

export async function ask(question: string): Promise<string> {
  try {
    const r = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: question }] });
    return r.choices[0].message.content ?? "";
  } catch (err) {
    console.error(err);
    return "Sorry, the assistant is unavailable right now.";
  }
}
`;
    const ROUTE = `import { ask } from "./lib/ask";\n\nexport async function handle(q: string) {\n  const answer = await ask(q);\n  return { answer };\n}\n`;
    const dir = project({ "src/lib/client.ts": CLIENT, "src/lib/ask.ts": ASK, "src/route.ts": ROUTE });
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "base");
    // Uncommitted: the working tree is compared with the ref.
    write(dir, { "src/lib/ask.ts": ASK.replace(/  try \{\n    (const r[^\n]*\n)    (return r[^\n]*\n)  \} catch[\s\S]*?\n  \}\n/, "  $1  $2") });
    assert.doesNotMatch(fs.readFileSync(path.join(dir, "src/lib/ask.ts"), "utf8"), /catch/);
    const r = await cli(dir, ["scan", "--baseline-ref", "main", "--format", "markdown"]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /\| `src\/lib\/ask\.ts:4` \| `openai\.chat\.completions\.create` \| ❌ fallback `none` \| changed at the call \|/);
    assert.match(r.stdout, /\| `src\/route\.ts:4` \| `ask` \| ❌ fallback `none` \| regressed by `src\/lib\/ask\.ts:7`: fallback removed \|/);
  });

  it("removes the worktree when the scan is interrupted", async () => {
    const dir = project({ "src/lib/client.ts": CLIENT, "src/chat.ts": CHAT.replace("./client", "./lib/client") });
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "base");
    const controller = new AbortController();
    let scans = 0;
    let stderr = "";
    const code = await run(["scan", "--baseline-ref", "main"], {
      stdout: () => {},
      stderr: (s) => (stderr += s),
      cwd: dir,
      isTTY: false,
      signal: controller.signal,
      scan: async (root) => {
        // The first scan is the working tree; Ctrl-C comes while the ref's worktree is being scanned.
        if (++scans === 2) {
          assert.equal(git(dir, "worktree", "list").trim().split("\n").length, 2, "the worktree exists during its scan");
          assert.ok(fs.existsSync(path.join(root, "src/chat.ts")));
          controller.abort();
          throw new DOMException("aborted", "AbortError");
        }
        const { scanWorkspace } = await import("../../src/core/scan");
        return scanWorkspace(root);
      },
    });
    assert.equal(code, 130, stderr);
    assert.equal(scans, 2);
    assert.equal(git(dir, "worktree", "list").trim().split("\n").length, 1);
  });
});
