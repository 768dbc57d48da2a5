/** The panel's pure modules (src/panel) and its messages import neither `vscode` nor the DOM: they run in the webview, the host and plain node. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import ts from "typescript";

const files = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => path.join(dir, f));

/** Identifiers of the DOM a module could use without importing anything. */
const DOM = new Set(["document", "window", "HTMLElement", "navigator", "acquireVsCodeApi"]);

function problemsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const out = ts.preProcessFile(text, true, true).importedFiles.filter((f) => f.fileName === "vscode" || f.fileName.startsWith("vscode/")).map(() => "imports vscode");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n) && DOM.has(n.text)) out.push(`uses ${n.text} (line ${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1})`);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe("boundary: the panel's view model", () => {
  it("src/panel and src/shared/panelMessages.ts use no vscode and no DOM", () => {
    const all = [...files(path.resolve("src/panel")), path.resolve("src/shared/panelMessages.ts")];
    assert.ok(all.length >= 5);
    const found = all.flatMap((f) => problemsOf(f).map((p) => `${path.relative(process.cwd(), f)}: ${p}`));
    assert.deepEqual(found, []);
  });

  it("the check finds both", () => {
    const tmp = path.join(fs.mkdtempSync(path.join(require("node:os").tmpdir(), "llmr-boundary-")), "x.ts");
    fs.writeFileSync(tmp, 'import * as vscode from "vscode";\nexport const el = document.body;\n');
    assert.deepEqual(problemsOf(tmp), ["imports vscode", "uses document (line 2)"]);
  });
});
