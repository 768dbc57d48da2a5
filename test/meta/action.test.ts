/**
 * action.yml (the one-step GitHub Action) validated against GitHub's own action metadata schema: the strict
 * `action-root-strict` schema (action-v1.0.json) and the parser that GitHub's Actions language service uses,
 * from the npm package @actions/workflow-parser. That package is ESM importing its JSON schema without an import
 * attribute, which Node 20 refuses; esbuild (already our bundler) bundles it into CommonJS here instead.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import * as esbuild from "esbuild";

interface ParserModule {
  parseAction(file: { name: string; content: string }, trace: { error(m: string): void; info(m: string): void; verbose(m: string): void }): {
    context: { errors: { getErrors(): { message: string }[] } };
    value: unknown;
  };
  convertActionTemplate(context: unknown, value: unknown): {
    name: string;
    description: string;
    inputs?: { id: string; default?: unknown }[];
    runs: { using: string; steps?: { uses?: { toString(): string }; run?: { toString(): string } }[] };
  };
}

function loadParser(): ParserModule {
  const out = esbuild.buildSync({
    stdin: { contents: `export { parseAction, convertActionTemplate } from "@actions/workflow-parser/actions/index";`, resolveDir: __dirname, loader: "js" },
    bundle: true,
    format: "cjs",
    platform: "node",
    write: false,
    logLevel: "silent",
  });
  const mod = { exports: {} as ParserModule };
  new Function("module", "exports", "require", out.outputFiles[0]!.text)(mod, mod.exports, require);
  return mod.exports;
}

const parser = loadParser();
const silent = { error() {}, info() {}, verbose() {} };
const errorsOf = (content: string) => parser.parseAction({ name: "action.yml", content }, silent).context.errors.getErrors().map((e) => e.message);

const root = (() => {
  for (let d = __dirname; d !== path.dirname(d); d = path.dirname(d)) if (fs.existsSync(path.join(d, "action.yml"))) return d;
  return process.cwd();
})();
const text = fs.readFileSync(path.join(root, "action.yml"), "utf8");

describe("action.yml", () => {
  it("is valid against GitHub's action metadata schema", () => {
    assert.deepEqual(errorsOf(text), []);
  });

  it("the validator catches what GitHub would reject (so the test can fail)", () => {
    assert.ok(errorsOf("name: x\nruns:\n  using: composite\n  steps:\n    - run: echo\n").length > 0, "a missing description and a run without shell");
    assert.ok(errorsOf("name: x\ndescription: y\nruns:\n  using: composite\n  steps: []\n  extra: 1\n").some((m) => /extra/.test(m)), "an unknown key under runs");
  });

  it("is a composite action that sets up Node, scans against the base ref, uploads SARIF and writes the summary", () => {
    const r = parser.parseAction({ name: "action.yml", content: text }, silent);
    const action = parser.convertActionTemplate(r.context, r.value);
    assert.equal(action.runs.using, "composite");
    const uses = (action.runs.steps ?? []).map((s) => s.uses?.toString()).filter(Boolean);
    assert.ok(uses.some((u) => /^actions\/setup-node@v\d+$/.test(u!)), uses.join(", "));
    assert.ok(uses.some((u) => /^github\/codeql-action\/upload-sarif@v\d+$/.test(u!)), uses.join(", "));
    const scripts = (action.runs.steps ?? []).map((s) => s.run?.toString() ?? "").join("\n");
    assert.match(scripts, /--baseline-ref "\$BASE_REF"/);
    assert.match(scripts, /--format sarif --output "\$OUT\/results\.sarif" --summary "\$OUT\/summary\.md"/);
    assert.match(scripts, />> "\$GITHUB_STEP_SUMMARY"/);
    assert.match(text, /default: \$\{\{ github\.event\.pull_request\.base\.sha \|\| github\.event\.before \}\}/);
  });

  it("names only inputs it declares, and passes them to scripts through the environment", () => {
    const declared = new Set([...text.matchAll(/^ {2}([a-z-]+):\n {4}description:/gm)].map((m) => m[1]));
    const used = new Set([...text.matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]));
    for (const u of used) assert.ok(declared.has(u), `inputs.${u} is declared`);
    // No expression inside a script body: values reach bash as environment variables (no injection).
    const runBodies = [...text.matchAll(/run: \|\n((?: {8}.*\n)+)/g)].map((m) => m[1]!);
    assert.ok(runBodies.length >= 3);
    for (const body of runBodies) assert.doesNotMatch(body, /\$\{\{/);
  });

  it("its scripts are valid bash", () => {
    const bodies = [...text.matchAll(/run: \|\n((?: {8}.*\n)+)/g)].map((m) => m[1]!.replace(/^ {8}/gm, ""));
    for (const body of bodies) execFileSync("bash", ["-n"], { input: body });
  });
});
