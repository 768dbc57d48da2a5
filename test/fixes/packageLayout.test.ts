/** Per-package decisions of the fixes (src/core/fixes/packageLayout.ts): where the helper goes, how it is imported. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { helperLocation, layoutOf, specifierFor } from "../../src/core/fixes/packageLayout";
import { parseSource } from "../../src/core/project";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-layout-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

describe("package layout", () => {
  write({
    "package.json": `{ "name": "mono", "private": true, "workspaces": ["apps/*"] }`,
    "apps/web/package.json": `{ "name": "web" }`,
    "apps/web/tsconfig.json": `{ "compilerOptions": { "paths": { "@/*": ["./*"] } }, "include": ["**/*.ts"] }`,
    "apps/web/lib/x.ts": "",
    "apps/api/package.json": `{ "name": "api" }`,
    "apps/api/tsconfig.json": `{ "compilerOptions": { "rootDir": "src", "module": "NodeNext", "moduleResolution": "NodeNext" }, "include": ["src"] }`,
    "apps/api/src/x.ts": "",
    "tools/package.json": `{ "name": "tools" }`,
    "tools/tsconfig.json": `{ "compilerOptions": {} }`,
  });

  it("puts the helper inside the file's package: its lib/ behind the @/ alias, or under rootDir", () => {
    assert.equal(helperLocation(root, layoutOf(root, "apps/web/app/api/chat/route.ts"), "src/llm/resilience.ts", "apps/web/app/api/chat/route.ts"), "apps/web/lib/llm/resilience.ts");
    assert.equal(helperLocation(root, layoutOf(root, "apps/api/src/routes/a.ts"), "src/llm/resilience.ts", "apps/api/src/routes/a.ts"), "apps/api/src/llm/resilience.ts");
  });

  it("imports by the alias, with .js under NodeNext, and without .ts where the tsconfig does not allow it", () => {
    const web = layoutOf(root, "apps/web/app/page.ts");
    assert.equal(specifierFor(web, parseSource(path.join(root, "apps/web/app/page.ts"), ""), "apps/web/app/page.ts", "apps/web/lib/llm/resilience.ts"), "@/lib/llm/resilience");
    const api = layoutOf(root, "apps/api/src/routes/a.ts");
    assert.equal(specifierFor(api, parseSource(path.join(root, "apps/api/src/routes/a.ts"), ""), "apps/api/src/routes/a.ts", "apps/api/src/llm/resilience.ts"), "../llm/resilience.js");
    // A script whose own imports end in .ts (run by bun or tsx) in a package that does not allow them in its tsconfig: TS5097 otherwise.
    const tools = layoutOf(root, "tools/scripts/check.ts");
    const sf = parseSource(path.join(root, "tools/scripts/check.ts"), `import { x } from "./lib.ts";\n`);
    assert.equal(specifierFor(tools, sf, "tools/scripts/check.ts", "tools/llm/resilience.ts"), "../llm/resilience");
  });
});
