/** The edit helpers fixes write code with (src/core/fixes/edit/*.ts): layout, trailing commas, imports in the file's own style. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import ts from "typescript";
import { applyEdits } from "../../src/core/fixes/apply";
import { addProperty, setArgumentOption, setPath, type EditTarget } from "../../src/core/fixes/edit/objects";
import { ensureImport, freeName, isCommonJs, relativeSpecifier, type ImportWanted } from "../../src/core/fixes/edit/imports";
import { indentAt, indentUnit, newlineOf, quoteOf, reindent, usesSemicolons } from "../../src/core/fixes/edit/text";
import type { TextEdit } from "../../src/core/fixes/types";

function target(text: string, file = "src/a.ts"): EditTarget {
  return { sf: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".js") ? ts.ScriptKind.JS : ts.ScriptKind.TS), file };
}

/** The first node of a kind in the file. */
function first<T extends ts.Node>(t: EditTarget, is: (n: ts.Node) => n is T): T {
  let hit: T | undefined;
  const visit = (n: ts.Node): void => {
    if (!hit && is(n)) hit = n;
    if (!hit) n.forEachChild(visit);
  };
  visit(t.sf);
  assert.ok(hit, "node not found");
  return hit;
}

function apply(t: EditTarget, edits: TextEdit | TextEdit[]): string {
  return applyEdits(t.sf.text, Array.isArray(edits) ? edits : [edits]);
}

describe("edit/objects: addProperty", () => {
  it("joins a one-line object on its line", () => {
    const t = target(`const o = { a: 1 };\n`);
    assert.equal(apply(t, addProperty(t, first(t, ts.isObjectLiteralExpression), "b: 2")), `const o = { a: 1, b: 2 };\n`);
  });

  it("fills an empty one-line object", () => {
    const t = target(`call({});\n`);
    assert.equal(apply(t, addProperty(t, first(t, ts.isObjectLiteralExpression), "b: 2")), `call({ b: 2 });\n`);
  });

  it("puts the property on its own line in a multi-line object, keeping the trailing comma", () => {
    const t = target(`const o = {\n  a: 1,\n  c: "x",\n};\n`);
    assert.equal(apply(t, addProperty(t, first(t, ts.isObjectLiteralExpression), "b: 2")), `const o = {\n  a: 1,\n  c: "x",\n  b: 2,\n};\n`);
  });

  it("adds a comma, and none at the end, when the multi-line object has no trailing comma", () => {
    const t = target(`const o = {\n    a: 1\n};\n`);
    assert.equal(apply(t, addProperty(t, first(t, ts.isObjectLiteralExpression), "b: 2")), `const o = {\n    a: 1,\n    b: 2\n};\n`);
  });

  it("indents a property in an empty multi-line object one level in, with the file's line ends", () => {
    const t = target(`function f() {\r\n\tcall({\r\n\t});\r\n}\r\n`);
    assert.equal(apply(t, addProperty(t, first(t, ts.isObjectLiteralExpression), "b: 2")), `function f() {\r\n\tcall({\r\n\t\tb: 2,\r\n\t});\r\n}\r\n`);
  });
});

describe("edit/objects: setPath", () => {
  it("creates the missing levels", () => {
    const t = target(`f({ model: "m" });\n`);
    assert.equal(apply(t, setPath(t, first(t, ts.isObjectLiteralExpression), ["config", "httpOptions", "timeout"], "30_000")), `f({ model: "m", config: { httpOptions: { timeout: 30_000 } } });\n`);
  });

  it("goes into an existing literal level and replaces an existing value", () => {
    const t = target(`f({ config: { httpOptions: { timeout: 0 } } });\n`);
    assert.equal(apply(t, setPath(t, first(t, ts.isObjectLiteralExpression), ["config", "httpOptions", "timeout"], "30_000")), `f({ config: { httpOptions: { timeout: 30_000 } } });\n`);
  });

  it("spreads a level that is not a literal, and a shorthand", () => {
    const a = target(`f({ config: base });\n`);
    assert.equal(apply(a, setPath(a, first(a, ts.isObjectLiteralExpression), ["config", "timeout"], "1")), `f({ config: { ...base, timeout: 1 } });\n`);
    const b = target(`f({ config });\n`);
    assert.equal(apply(b, setPath(b, first(b, ts.isObjectLiteralExpression), ["config", "timeout"], "1")), `f({ config: { ...config, timeout: 1 } });\n`);
  });

  it("overrides a spread by adding the key after it", () => {
    const t = target(`new C({ ...DEFAULTS });\n`);
    assert.equal(apply(t, setPath(t, first(t, ts.isObjectLiteralExpression), ["maxRetries"], "3")), `new C({ ...DEFAULTS, maxRetries: 3 });\n`);
  });
});

describe("edit/objects: setArgumentOption", () => {
  it("adds a new argument after a one-line last argument", () => {
    const t = target(`client.create({ a: 1 });\n`);
    assert.equal(apply(t, setArgumentOption(t, first(t, ts.isCallExpression), 1, ["timeout"], "30_000")), `client.create({ a: 1 }, { timeout: 30_000 });\n`);
  });

  it("puts a new argument on its own line in a multi-line call, keeping a trailing comma", () => {
    const t = target(`await client.create(\n  { a: 1 },\n);\n`);
    assert.equal(apply(t, setArgumentOption(t, first(t, ts.isCallExpression), 1, ["timeout"], "30_000")), `await client.create(\n  { a: 1 },\n  { timeout: 30_000 },\n);\n`);
  });

  it("fills skipped arguments with undefined", () => {
    const t = target(`get(url);\n`);
    assert.equal(apply(t, setArgumentOption(t, first(t, ts.isCallExpression), 2, ["timeout"], "1")), `get(url, undefined, { timeout: 1 });\n`);
  });

  it("spreads an expression argument, and writes into a literal one", () => {
    const a = target(`create(body, opts);\n`);
    assert.equal(apply(a, setArgumentOption(a, first(a, ts.isCallExpression), 1, ["timeout"], "1")), `create(body, { ...opts, timeout: 1 });\n`);
    const b = target(`create(body, { signal } as const);\n`);
    assert.equal(apply(b, setArgumentOption(b, first(b, ts.isCallExpression), 1, ["timeout"], "1")), `create(body, { signal, timeout: 1 } as const);\n`);
  });

  it("gives `new X` without parentheses its argument list, and an empty one its first argument", () => {
    const a = target(`const c = new OpenAI;\n`);
    assert.equal(apply(a, setArgumentOption(a, first(a, ts.isNewExpression), 0, ["maxRetries"], "3")), `const c = new OpenAI({ maxRetries: 3 });\n`);
    const b = target(`const c = new OpenAI<X>();\n`);
    assert.equal(apply(b, setArgumentOption(b, first(b, ts.isNewExpression), 0, ["maxRetries"], "3")), `const c = new OpenAI<X>({ maxRetries: 3 });\n`);
  });
});

describe("edit/imports: ensureImport", () => {
  const cases: { name: string; text: string; file?: string; module: string; wanted: ImportWanted; out: string; local: string }[] = [
    {
      name: "reuses an existing import under its alias",
      text: `import { withRetry as retry } from "./llm/resilience";\n\nretry;\n`,
      module: "./llm/resilience",
      wanted: { named: "withRetry" },
      out: `import { withRetry as retry } from "./llm/resilience";\n\nretry;\n`,
      local: "retry",
    },
    {
      name: "adds a name to a one-line import of the module",
      text: `import { a } from "./llm/resilience";\n`,
      module: "./llm/resilience",
      wanted: { named: "withRetry" },
      out: `import { a, withRetry } from "./llm/resilience";\n`,
      local: "withRetry",
    },
    {
      name: "adds a name on its own line to a multi-line import, keeping the trailing comma",
      text: `import {\n  a,\n  b,\n} from "./llm/resilience";\n`,
      module: "./llm/resilience",
      wanted: { named: "withRetry" },
      out: `import {\n  a,\n  b,\n  withRetry,\n} from "./llm/resilience";\n`,
      local: "withRetry",
    },
    {
      name: "adds named imports beside a default import",
      text: `import OpenAI from "openai";\n`,
      module: "openai",
      wanted: { named: "toFile" },
      out: `import OpenAI, { toFile } from "openai";\n`,
      local: "toFile",
    },
    {
      name: "reads a named export through a namespace import",
      text: `import * as resilience from "./resilience";\n`,
      module: "./resilience",
      wanted: { named: "withRetry" },
      out: `import * as resilience from "./resilience";\n`,
      local: "resilience.withRetry",
    },
    {
      name: "adds an import after the last one, in the file's quotes and without semicolons",
      text: `import a from 'a'\nimport b from 'b'\n\nconst x = 1\n`,
      module: "p-retry",
      wanted: { default: "pRetry" },
      out: `import a from 'a'\nimport b from 'b'\nimport pRetry from 'p-retry'\n\nconst x = 1\n`,
      local: "pRetry",
    },
    {
      name: "renames a name the file already declares",
      text: `import x from "x";\n\nfunction withRetry() {}\n`,
      module: "./llm/resilience",
      wanted: { named: "withRetry" },
      out: `import x from "x";\nimport { withRetry as withRetry2 } from "./llm/resilience";\n\nfunction withRetry() {}\n`,
      local: "withRetry2",
    },
    {
      name: "puts the first import at the top, after a leading comment",
      text: `/** Summaries. */\nexport const a = 1;\n`,
      module: "./llm/resilience",
      wanted: { named: "withRetry" },
      out: `/** Summaries. */\nimport { withRetry } from "./llm/resilience";\n\nexport const a = 1;\n`,
      local: "withRetry",
    },
    {
      name: "requires in a CommonJS file, after its requires",
      text: `const OpenAI = require("openai");\n\nmodule.exports = {};\n`,
      file: "src/a.js",
      module: "./llm/resilience",
      wanted: { named: "withRetry" },
      out: `const OpenAI = require("openai");\nconst { withRetry } = require("./llm/resilience");\n\nmodule.exports = {};\n`,
      local: "withRetry",
    },
    {
      name: "reuses a destructured require under its local name",
      text: `const { withRetry: retry } = require("./llm/resilience");\n`,
      file: "src/a.js",
      module: "./llm/resilience",
      wanted: { named: "withRetry" },
      out: `const { withRetry: retry } = require("./llm/resilience");\n`,
      local: "retry",
    },
    {
      name: "puts a require after \"use strict\" with a blank line",
      text: `"use strict";\n\nmodule.exports = {};\n`,
      file: "src/a.js",
      module: "./llm/resilience",
      wanted: { named: "withRetry" },
      out: `"use strict";\n\nconst { withRetry } = require("./llm/resilience");\n\nmodule.exports = {};\n`,
      local: "withRetry",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const t = target(c.text, c.file);
      const r = ensureImport(t, c.module, c.wanted);
      assert.equal(r.name, c.local);
      assert.equal(apply(t, r.edits), c.out);
    });
  }

  it("leaves a type-only import alone and adds a value import", () => {
    const t = target(`import type { RetryOptions } from "./r";\n`);
    const r = ensureImport(t, "./r", { named: "withRetry" });
    assert.equal(apply(t, r.edits), `import type { RetryOptions } from "./r";\nimport { withRetry } from "./r";\n`);
  });
});

describe("edit/imports: module system and specifiers", () => {
  it("tells CommonJS from ESM JavaScript", () => {
    assert.equal(isCommonJs(target(`const a = require("a");\n`, "src/a.js").sf), true);
    assert.equal(isCommonJs(target(`exports.f = f;\nfunction f() {}\n`, "src/a.js").sf), true);
    assert.equal(isCommonJs(target(`export function f() { return require; }\n`, "src/a.js").sf), false);
    assert.equal(isCommonJs(target(`import a from "a";\n`, "src/a.js").sf), false);
    assert.equal(isCommonJs(target(`x();\n`, "src/a.cjs").sf), true);
    assert.equal(isCommonJs(target(`const a = require("a");\n`, "src/a.ts").sf), false);
  });

  it("writes relative specifiers like the file's own imports (`.js` under NodeNext)", () => {
    assert.equal(relativeSpecifier(target(`import a from "openai";\n`).sf, "src/routes/chat.ts", "src/llm/resilience.ts"), "../llm/resilience");
    assert.equal(relativeSpecifier(target(`import { x } from "./x.js";\n`).sf, "src/chat.ts", "src/llm/resilience.ts"), "./llm/resilience.js");
    assert.equal(relativeSpecifier(target(`import { x } from "./x";\nimport { y } from "./y.js";\n`).sf, "src/chat.ts", "src/llm/resilience.ts"), "./llm/resilience");
  });

  it("finds a free name", () => {
    assert.equal(freeName(target(`const pRetry = 1;\nconst pRetry2 = 2;\n`).sf, "pRetry"), "pRetry3");
    assert.equal(freeName(target(`const a = 1;\n`).sf, "pRetry"), "pRetry");
  });
});

describe("edit/text", () => {
  it("reads indentation, not JSDoc continuation lines", () => {
    assert.equal(indentUnit(`/**\n * Doc.\n */\nfunction f() {\n    return 1;\n}\n`), "    ");
    assert.equal(indentUnit(`if (a) {\n\tb();\n}\n`), "\t");
    assert.equal(indentUnit(`const a = 1;\n`), "  ");
    assert.equal(indentAt(`x\n    foo(bar)\n`, 10), "    ");
  });

  it("reads line ends, quotes and semicolons", () => {
    assert.equal(newlineOf("a\r\nb"), "\r\n");
    assert.equal(newlineOf("a\nb"), "\n");
    assert.equal(quoteOf(target(`import a from 'a';\n`).sf), "'");
    assert.equal(quoteOf(target(`const a = 1;\n`).sf), '"');
    assert.equal(usesSemicolons(target(`const a = 1\nconst b = 2\nfunction f() {}\n`).sf), false);
    assert.equal(usesSemicolons(target(`const a = 1;\nfunction f() {}\n`).sf), true);
  });

  it("re-indents a snippet after its first line", () => {
    assert.equal(reindent("try {\n  a();\n\n} catch {}", "    "), "try {\n      a();\n\n    } catch {}");
    assert.equal(reindent("a\nb", "  ", "\r\n"), "a\r\n  b");
  });
});
