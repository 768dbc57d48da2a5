/** What the .vsix carries (`vsce ls` against .vscodeignore's allowlist), one TypeScript in the bundles, and the manifest's contributions. */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import Module from "node:module";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";

const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));

/** Files that run or that users read; anything else in the package is a mistake. */
const ALLOWED = [/^dist\/(extension|worker|cli)\.js$/, /^dist\/(worker|cli)\.main\.js$/, /^dist\/webview\/(panel\.js|panel\.css|codicon\.ttf)$/, /^rules\//, /^media\//, /^package\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/];

/** A TypeScript bundle defines `ts.versionMajorMinor` once (the count of its mentions in a bundle of one copy). */
const typescriptCopies = (file: string) => {
  const text = fs.readFileSync(file, "utf8");
  return (text.match(/var versionMajorMinor = "/g) ?? []).length;
};

describe("packaging", () => {
  it("vsce ls lists only the bundles, rules, media, the manifest, README and LICENSE", () => {
    const out = execFileSync(process.execPath, [path.resolve("node_modules/@vscode/vsce/vsce"), "ls"], { encoding: "utf8" });
    const files = out.split("\n").map((l) => l.trim()).filter(Boolean);
    for (const f of files) assert.ok(ALLOWED.some((r) => r.test(f)), `packaged but not allowed: ${f}`);
    const needed = ["dist/extension.js", "dist/worker.js", "dist/cli.js", "dist/worker.main.js", "dist/cli.main.js", "package.json", "LICENSE", "rules/checks/timeout.json"];
    // The readiness panel: its script, its stylesheet (with the codicons), the codicon font, its tab icons.
    needed.push("dist/webview/panel.js", "dist/webview/panel.css", "dist/webview/codicon.ttf", "media/panel-icon-light.svg", "media/panel-icon-dark.svg");
    for (const f of needed) assert.ok(files.includes(f), `missing: ${f}`);
    assert.ok(!files.some((f) => f.endsWith(".map")), "no source maps");
  });

  it("the extension host bundle has no TypeScript; the worker and the CLI one each, required once", () => {
    assert.equal(typescriptCopies("dist/extension.js"), 0);
    assert.equal(typescriptCopies("dist/worker.main.js"), 1);
    assert.equal(typescriptCopies("dist/cli.main.js"), 1);
    // One `require_typescript()` call site (src/core/typescript.ts): esbuild's per-module `__toESM` copies would cost ~80 ms a start.
    for (const f of ["dist/worker.main.js", "dist/cli.main.js"]) assert.equal((fs.readFileSync(f, "utf8").match(/require_typescript\(\)/g) ?? []).length, 1, f);
  });

  it("dist/cli.js and dist/worker.js load their bundle through a compile cache", () => {
    for (const [loader, bundle] of [["dist/cli.js", "cli.main.js"], ["dist/worker.js", "worker.main.js"]] as const) {
      const text = fs.readFileSync(loader, "utf8");
      assert.ok(text.includes("enableCompileCache") && text.includes("cachedData") && text.includes(JSON.stringify(bundle)), loader);
    }
    assert.ok(fs.readFileSync("dist/cli.js", "utf8").startsWith("#!/usr/bin/env node\n"));
  });

  it("without Node's own compile cache, the CLI writes a V8 code cache on its first run and starts from it after, with the same output", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-v8cache-"));
    try {
      const run = () => execFileSync(process.execPath, ["dist/cli.js", "scan", "test/workspaces/sample", "--format", "json"], { encoding: "utf8", env: { ...process.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp } });
      const first = run();
      const cached = fs.existsSync(path.join(tmp, "llm-readiness-v8cache")) ? fs.readdirSync(path.join(tmp, "llm-readiness-v8cache")) : [];
      const ownCache = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === "function";
      assert.equal(cached.filter((f) => f.startsWith("cli.main.js-") && f.endsWith(".bin")).length, ownCache ? 0 : 1, cached.join(", "));
      const strip = (s: string) => s.replace(/"(generatedAt|durationMs|elapsedMs)":\s*("[^"]*"|\d+)/g, "");
      assert.equal(strip(run()), strip(first));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("the panel's stylesheet loads the codicon font from beside it, and nothing remote", () => {
    const css = fs.readFileSync("dist/webview/panel.css", "utf8");
    const urls = [...css.matchAll(/url\(\s*["']?([^"')]+)/g)].map((m) => m[1]!);
    assert.ok(urls.length > 0 && urls.every((u) => /^\.\/codicon\.ttf(\?|$)/.test(u)), urls.join(", "));
    assert.ok(css.includes(".codicon-pass:before"), "the codicons are in the bundle");
    assert.doesNotMatch(css, /@import|https?:\/\//);
  });

  it("opens the readiness panel from its command, and restores it after a reload", () => {
    const panel = pkg.contributes.commands.find((c: { command: string }) => c.command === "llmReadiness.showPanel");
    assert.equal(panel.title, "Open Readiness Panel");
    for (const id of ["llmReadiness.exportReport", "llmReadiness.copyReport"]) assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === id), id);
    assert.ok(pkg.activationEvents.includes("onWebviewPanel:llmReadiness.panel"));
    assert.equal(pkg.dependencies["@vscode/codicons"], "0.0.45");
  });

  it("contributes its commands under the LLM Readiness category, and validates .llm-readiness.json", () => {
    const ids = pkg.contributes.commands.map((c: { command: string }) => c.command);
    for (const id of ["llmReadiness.scanWorkspace", "llmReadiness.showPanel"]) assert.ok(ids.includes(id), id);
    for (const c of pkg.contributes.commands) assert.equal(c.category, "LLM Readiness", c.command);
    assert.equal(pkg.contributes.commands.find((c: { command: string }) => c.command === "llmReadiness.scanWorkspace").title, "Rescan Workspace");
    const v = pkg.contributes.jsonValidation.find((j: { fileMatch: string }) => j.fileMatch === ".llm-readiness.json");
    assert.equal(v.url, "./rules/schema/config.schema.json");
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  });

  it("targets a VS Code the e2e code-server provides", () => {
    assert.equal(pkg.engines.vscode, "^1.138.0");
    assert.equal(pkg.devDependencies["@types/vscode"], "1.138.0");
  });
});
