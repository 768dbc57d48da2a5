/**
 * An SDK whose source is in the workspace (the SDK's own monorepo, its examples importing it by name)
 * stays the SDK for files outside that package; files inside the package follow the name to the source.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { scanWorkspace } from "../../src/core/scan";

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-sdk-ws-"));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

const SDK_SOURCE = {
  "package.json": JSON.stringify({ name: "sdk-monorepo", private: true, workspaces: ["packages/*", "examples/*"] }),
  "packages/ai/package.json": JSON.stringify({ name: "ai", version: "9.0.0", main: "src/index.ts" }),
  "packages/ai/src/index.ts": `export { generateText } from "./generate-text";\n`,
  "packages/ai/src/generate-text.ts": `export async function generateText(options: { model: unknown; prompt: string }): Promise<{ text: string }> {\n  return { text: String(options.prompt) };\n}\n`,
  "packages/openai/package.json": JSON.stringify({ name: "@ai-sdk/openai", version: "9.0.0", main: "src/index.ts" }),
  "packages/openai/src/index.ts": `export function openai(model: string) {\n  return { model };\n}\n`,
};

test("an example importing `ai` and `@ai-sdk/openai` from the SDK's own monorepo calls the SDK", async () => {
  const dir = project({
    ...SDK_SOURCE,
    "examples/basic/package.json": JSON.stringify({ name: "example-basic", private: true }),
    "examples/basic/src/main.ts": [
      `import { generateText } from "ai";`,
      `import { openai } from "@ai-sdk/openai";`,
      ``,
      `export async function main() {`,
      `  const { text } = await generateText({ model: openai("gpt-4o-mini"), prompt: "Say hi" });`,
      `  return text;`,
      `}`,
      ``,
    ].join("\n"),
  });
  try {
    const report = await scanWorkspace(dir);
    const sites = report.sites.map((s) => `${s.file}:${s.line} ${s.callee} (${s.provider})`);
    assert.deepEqual(sites, ["examples/basic/src/main.ts:5 generateText (vercel-ai)"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("inside the package, its own name leads to its source, not to the SDK", async () => {
  const dir = project({
    ...SDK_SOURCE,
    "packages/ai/src/agent.ts": [`import { generateText } from "ai";`, ``, `export async function agent(prompt: string) {`, `  return generateText({ model: null, prompt });`, `}`, ``].join("\n"),
  });
  try {
    const report = await scanWorkspace(dir);
    assert.deepEqual(report.sites, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
