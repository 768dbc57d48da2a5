/** The configuration: where it is read from, its validation errors (`file:line: field: message`), and what it changes in a scan. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { checkSettingsOf, ConfigError, loadConfig, parseConfig, scanOptionsWith } from "../../src/core/config";
import { analyzeWorkspace, scanWorkspace } from "../../src/core/scan";
import { buildReport, type Judge } from "../../src/core/buildReport";
import { ScanReportSchema } from "../../src/core/report";
import { CHECK_IDS, type CheckId, type CheckResult, type Logger } from "../../src/core/types";

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-config-"));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function logger() {
  const lines: string[] = [];
  const log: Logger = { info: (m) => lines.push(`info: ${m}`), warn: (m) => lines.push(`warn: ${m}`), error: (m) => lines.push(`error: ${m}`) };
  return { log, lines };
}

/** The ConfigError's message lines thrown by `fn`. */
function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.message.split("\n");
  }
  assert.fail("expected a ConfigError");
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

describe("config: where it is read from", () => {
  it("reads .llm-readiness.json at the root", () => {
    const dir = workspace({ ".llm-readiness.json": json({ $schema: "./node_modules/llm-readiness/rules/schema/config.schema.json", exclude: ["legacy/**"], minScore: 70 }) });
    assert.deepEqual(loadConfig(dir), { source: ".llm-readiness.json", config: { exclude: ["legacy/**"], minScore: 70 } });
  });

  it("reads the llmReadiness key of the root package.json", () => {
    const dir = workspace({ "package.json": json({ name: "app", llmReadiness: { evalGlobs: ["qa/**/*.ts"] } }) });
    assert.deepEqual(loadConfig(dir), { source: "package.json#llmReadiness", config: { evalGlobs: ["qa/**/*.ts"] } });
  });

  it("prefers the file over the key (not validating the key it ignores), and says so in a log line", () => {
    const dir = workspace({ ".llm-readiness.json": json({ minScore: 80 }), "package.json": json({ llmReadiness: { minScore: 10, unknown: true } }) });
    const { log, lines } = logger();
    assert.deepEqual(loadConfig(dir, { logger: log }).config, { minScore: 80 });
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^warn: \.llm-readiness\.json and the "llmReadiness" key of package\.json both configure the scan: using \.llm-readiness\.json/);
  });

  it("is empty without a config, and ignores a package.json without the key or one that does not parse", () => {
    assert.deepEqual(loadConfig(workspace({ "a.ts": "" })), { config: {} });
    assert.deepEqual(loadConfig(workspace({ "package.json": json({ name: "app" }) })), { config: {} });
    const { log, lines } = logger();
    assert.deepEqual(loadConfig(workspace({ "package.json": "{ name: " }), { logger: log }), { config: {} });
    assert.match(lines[0]!, /^warn: package\.json is not valid JSON/);
  });

  it("reads an explicit configFile instead of the root's, relative paths named from the root", () => {
    const dir = workspace({ ".llm-readiness.json": json({ minScore: 80 }), "ci/strict.json": json({ minScore: 95 }) });
    assert.deepEqual(loadConfig(dir, { configFile: path.join(dir, "ci/strict.json") }), { source: "ci/strict.json", config: { minScore: 95 } });
    const outside = workspace({ "x.json": json({ minScore: 1 }) });
    assert.equal(loadConfig(dir, { configFile: path.join(outside, "x.json") }).source, path.join(outside, "x.json"));
    assert.match(problems(() => loadConfig(dir, { configFile: path.join(dir, "nope.json") }))[0]!, /^nope\.json:1: config file not found$/);
  });
});

describe("config: validation errors name the file, line and field", () => {
  const text = ['{', '  "include": ["src/**"],', '  "severity": {', '    "timeout": "loud",', '    "retry": "off"', "  },", '  "minScore": 120', "}", ""].join("\n");

  it("reports every problem as `file:line: field: message`", () => {
    assert.deepEqual(problems(() => parseConfig("/x/.llm-readiness.json", ".llm-readiness.json", text)), [
      '.llm-readiness.json:4: severity.timeout: Invalid option: expected one of "error"|"warning"|"info"|"hint"|"off"',
      ".llm-readiness.json:7: minScore: Too big: expected number to be <=100",
    ]);
  });

  it("rejects unknown keys, at the key's line, listing the known ones", () => {
    const t = ['{', '  "exclude": [],', '  "evalGlob": ["qa/**"],', '  "severity": { "timout": "off" }', "}"].join("\n");
    assert.deepEqual(problems(() => parseConfig("/x/c.json", "c.json", t)), [
      "c.json:3: evalGlob: unknown key (expected one of include, exclude, severity, wrappers, evalGlobs, minScore, fileBudgetMs)",
      "c.json:4: severity.timout: unknown key (expected one of timeout, retry, validation, fallback, usage, eval, context, limits)",
    ]);
  });

  it("checks globs, helper names and types", () => {
    const t = json({ include: ["/abs/src/**", ""], wrappers: { retry: ["with retry"], usage: "track" }, exclude: "dist" });
    const p = problems(() => parseConfig("/x/c.json", "c.json", t));
    const where = p.map((l) => l.split(": ").slice(0, 2).join(": ")).sort();
    assert.deepEqual(where, ["c.json:10: wrappers.usage", "c.json:12: exclude", "c.json:3: include.0", "c.json:4: include.1", "c.json:8: wrappers.retry.0"]);
    assert.ok(p.some((l) => /include\.0: globs are relative to the scanned root/.test(l)));
    assert.ok(p.some((l) => /wrappers\.retry\.0: expected a function name/.test(l)));
  });

  it("names the line of a JSON syntax error", () => {
    const p = problems(() => parseConfig("/x/c.json", "c.json", '{\n  "minScore": 50\n  "include": []\n}'));
    assert.equal(p.length, 1);
    assert.match(p[0]!, /^c\.json:3: invalid JSON: /);
  });

  it("prefixes the field with llmReadiness in package.json", () => {
    const dir = workspace({ "package.json": ['{', '  "name": "app",', '  "llmReadiness": {', '    "minScore": "high"', "  }", "}"].join("\n") });
    assert.deepEqual(problems(() => loadConfig(dir)), ["package.json:4: llmReadiness.minScore: Invalid input: expected number, received string"]);
  });

  it("makes the scan refuse to run (scanWorkspace throws ConfigError)", async () => {
    const dir = workspace({ ".llm-readiness.json": text, "src/a.ts": "export {};\n" });
    await assert.rejects(scanWorkspace(dir), (e: unknown) => e instanceof ConfigError && /^\.llm-readiness\.json:4: severity\.timeout: /.test(e.message));
  });
});

describe("config: what it changes in a scan", () => {
  const call = (q: string) => `import OpenAI from "openai";\nconst openai = new OpenAI();\nexport const r = openai.embeddings.create({ model: "text-embedding-3-small", input: "${q}" });\n`;

  it("merges include/exclude with the scan options: the caller's include wins, excludes add up", () => {
    const cfg = { source: "c", config: { include: ["src/**"], exclude: ["src/legacy/**"] } };
    assert.deepEqual(scanOptionsWith({}, cfg), { include: ["src/**"], exclude: ["src/legacy/**"] });
    assert.deepEqual(scanOptionsWith({ include: ["app/**"], exclude: ["tmp/**"], maxFileBytes: 5 }, cfg), {
      include: ["app/**"],
      exclude: ["src/legacy/**", "tmp/**"],
      maxFileBytes: 5,
    });
  });

  it("passes wrappers and eval globs to the checks", () => {
    const s = checkSettingsOf({ source: "c", config: { wrappers: { retry: ["withBackoff"], usage: ["metered"] }, evalGlobs: ["qa/**"] } });
    assert.deepEqual(s, { wrappers: { retry: ["withBackoff"], timeout: [], fallback: [], usage: ["metered"] }, evalGlobs: ["qa/**"] });
  });

  it("scans only the included files, without the excluded ones, and treats evalGlobs as test files", async () => {
    const dir = workspace({
      ".llm-readiness.json": json({ include: ["src"], exclude: ["src/legacy/**"], evalGlobs: ["src/qa/**"] }),
      "src/a.ts": call("a"),
      "src/legacy/b.ts": call("b"),
      "scripts/c.ts": call("c"),
      "src/qa/check.ts": "export const x = 1;\n",
    });
    const analysis = await analyzeWorkspace(dir);
    assert.deepEqual([...analysis.workspace.files.values(), ...analysis.workspace.dormant.values()].map((f) => f.rel).sort(), ["src/a.ts", "src/qa/check.ts"]);
    assert.ok(analysis.isTestFile("src/qa/check.ts"));
    assert.ok(analysis.isTestFile("src/a.test.ts"), "the default test globs still apply");
    assert.ok(!analysis.isTestFile("src/a.ts"));
  });

  it("puts configured severities on findings, turns `off` checks out of the score, and shows the config in the report", async () => {
    const dir = workspace({ ".llm-readiness.json": json({ severity: { timeout: "hint", eval: "off" }, minScore: 40 }), "src/a.ts": call("a") });
    const analysis = await analyzeWorkspace(dir);
    const judge: Judge = () =>
      ({
        timeout: { value: "none", status: "fail" },
        retry: { value: "sdk-default", status: "pass" },
        validation: { value: "n/a", status: "pass" },
        fallback: { value: "none", status: "fail" },
        usage: { value: "present", status: "pass" },
        eval: { value: "none", status: "fail" },
        context: { value: "bounded", status: "pass" },
        limits: { value: "n/a", status: "pass" },
      }) satisfies Record<CheckId, CheckResult>;
    const report = buildReport(dir, analysis, judge);
    ScanReportSchema.parse(report);
    const site = report.sites[0]!;
    assert.equal(site.checks.timeout.severity, "hint");
    assert.equal(site.checks.retry.severity, undefined, "a pass keeps the rule's severity");
    assert.equal(site.checks.fallback.severity, undefined, "a check the config does not name keeps the rule's severity");
    assert.deepEqual(site.checks.eval, { value: "none", status: "fail", severity: "off" });
    // eval (weight 2) is left out: 17 − 2 = 15; lost: timeout 3 + fallback 2.
    assert.equal(site.score, Math.round((100 * 10) / 15));
    assert.deepEqual(report.config, { source: ".llm-readiness.json", severity: { timeout: "hint", eval: "off" }, minScore: 40 });
    assert.equal(report.summary.byCheck.eval.fail, 1, "statuses are still counted");
    assert.deepEqual(Object.keys(site.checks), [...CHECK_IDS]);
  });

  it("leaves the report without `config` when there is none", async () => {
    const report = buildReport("x", await analyzeWorkspace(workspace({ "src/a.ts": call("a") })));
    assert.equal(report.config, undefined);
    assert.equal("config" in report, false);
  });
});
