/** Executed doc examples: each ```ts block of rules/docs/<id>.md after `<!-- expect: <value> -->` is scanned and must give one site with that value of <id>. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { scanWorkspace } from "../../src/core/scan";
import { CHECK_IDS, type CheckId } from "../../src/core/types";

const DOCS = path.resolve("rules/docs");

export interface DocExample {
  /** 1-based line of the opening fence. */
  line: number;
  expect: string;
  /** File name → text: `example.ts`, or the files a `// @filename: <path>` line starts. */
  files: Record<string, string>;
}

/**
 * The examples of a docs page: fenced ts/tsx blocks whose nearest non-blank line above is
 * `<!-- expect: <value> -->`. A block may hold several files, each opened by `// @filename: <path>`
 * (TypeScript's twoslash convention), for examples that need a client module or a test file.
 */
export function docExamples(md: string): DocExample[] {
  const lines = md.split("\n");
  const out: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(`{3,})\s*(ts|tsx|typescript)\s*$/.exec(lines[i]!);
    if (!fence) continue;
    let end = i + 1;
    while (end < lines.length && lines[end]!.trim() !== fence[1]) end++;
    let above = i - 1;
    while (above >= 0 && !lines[above]!.trim()) above--;
    const expect = above >= 0 ? /^<!--\s*expect:\s*(\S+)\s*-->$/.exec(lines[above]!.trim())?.[1] : undefined;
    if (expect) out.push({ line: i + 1, expect, files: splitFiles(lines.slice(i + 1, end), fence[2] === "tsx" ? "example.tsx" : "example.ts") });
    i = end;
  }
  return out;
}

function splitFiles(body: string[], defaultName: string): Record<string, string> {
  const files: Record<string, string> = {};
  let name = defaultName;
  let current: string[] = [];
  const flush = () => {
    if (current.some((l) => l.trim())) files[name] = `${current.join("\n")}\n`;
  };
  for (const l of body) {
    const m = /^\/\/\s*@filename:\s*(\S+)\s*$/.exec(l);
    if (m) {
      flush();
      name = m[1]!;
      current = [];
    } else current.push(l);
  }
  flush();
  return files;
}

const tmpDirs: string[] = [];
after(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("docs examples: the parser", () => {
  it("takes ts blocks after an expect comment, splitting @filename sections", () => {
    const md = [
      "# t",
      "<!-- expect: none -->",
      "",
      "```ts",
      "a();",
      "```",
      "```ts",
      "b();",
      "```",
      "<!-- expect: explicit -->",
      "```ts",
      "// @filename: src/client.ts",
      "export const c = 1;",
      "// @filename: src/use.ts",
      'import { c } from "./client";',
      "```",
    ].join("\n");
    assert.deepEqual(docExamples(md), [
      { line: 4, expect: "none", files: { "example.ts": "a();\n" } },
      { line: 11, expect: "explicit", files: { "src/client.ts": "export const c = 1;\n", "src/use.ts": 'import { c } from "./client";\n' } },
    ]);
  });
});

const pages = fs.existsSync(DOCS) ? fs.readdirSync(DOCS).filter((f) => f.endsWith(".md")) : [];

describe("docs examples: every check's page has some", () => {
  for (const id of CHECK_IDS) {
    it(`rules/docs/${id}.md has at least one executed example`, () => {
      const file = path.join(DOCS, `${id}.md`);
      assert.ok(fs.existsSync(file), `rules/docs/${id}.md is missing`);
      assert.ok(docExamples(fs.readFileSync(file, "utf8")).length > 0, `rules/docs/${id}.md: no \`\`\`ts block after <!-- expect: <value> -->`);
    });
  }
});

for (const page of pages) {
  const id = page.replace(/\.md$/, "");
  const examples = docExamples(fs.readFileSync(path.join(DOCS, page), "utf8"));
  if (!examples.length) continue;
  describe(`docs examples: rules/docs/${page}`, () => {
    it("is a check's page", () => assert.ok((CHECK_IDS as readonly string[]).includes(id), `rules/docs/${page} has expect comments but is no check's page`));
    if (!(CHECK_IDS as readonly string[]).includes(id)) return;
    for (const ex of examples) {
      it(`line ${ex.line}: ${id} = ${ex.expect}`, async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `llmr-doc-${id}-`));
        tmpDirs.push(dir);
        for (const [name, text] of Object.entries(ex.files)) {
          fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
          fs.writeFileSync(path.join(dir, name), text);
        }
        const report = await scanWorkspace(dir);
        const where = `rules/docs/${page}:${ex.line}`;
        assert.equal(report.sites.length, 1, `${where}: expected one call site, found ${report.sites.length}: ${report.sites.map((s) => `${s.file}:${s.line} ${s.callee}`).join(", ")}`);
        const result = report.sites[0]!.checks[id as CheckId];
        assert.equal(result.value, ex.expect, `${where}: ${id} is ${result.value}${result.note ? ` (${result.note})` : ""}, the page says ${ex.expect}`);
      });
    }
  });
}
