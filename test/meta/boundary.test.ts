/** The core, the CLI and the worker messages never import `vscode` (STYLE.md: a thin host), and the version in package.json is the one the reports carry. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import ts from "typescript";
import { TOOL_VERSION } from "../../src/core/version";

/** Module specifiers a source text imports, requires, re-exports or `import()`s (comments and strings are not imports). */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.[cm]?[jt]sx?$/.test(e.name) ? [p] : [];
  });
}

describe("boundary: no vscode in src/core, src/cli and src/shared", () => {
  it("finds imports in every form, and not in comments or strings", () => {
    const text = [
      'import * as vscode from "vscode";',
      'import type { Uri } from "vscode";',
      'export { window } from "vscode";',
      'const v = require("vscode");',
      'const w = await import("vscode");',
      '// import "vscode";',
      'const s = "import x from \'vscode\'";',
    ].join("\n");
    assert.deepEqual(importsOf(text), ["vscode", "vscode", "vscode", "vscode", "vscode"]);
  });

  it("no file imports vscode", () => {
    // src/shared holds the messages of the analysis worker, which runs outside the extension host.
    const offenders = ["src/core", "src/cli", "src/shared"]
      .filter((d) => fs.existsSync(path.resolve(d)))
      .flatMap((d) => sourceFiles(path.resolve(d)))
      .filter((f) => importsOf(fs.readFileSync(f, "utf8")).some((s) => s === "vscode" || s.startsWith("vscode/")))
      .map((f) => path.relative(process.cwd(), f).split(path.sep).join("/"));
    assert.deepEqual(offenders, [], `these files import vscode: ${offenders.join(", ")}`);
  });
});

describe("version", () => {
  it("package.json's version is TOOL_VERSION (src/core/version.ts)", () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve("package.json"), "utf8")) as { version: string };
    assert.equal(pkg.version, TOOL_VERSION);
  });
});
