/**
 * Detection forms of issue #10: factories, untraceable receivers (shape), URL helpers and HTTP
 * instances, answers leaving through channels and overloads, callback tables, build output of
 * workspace packages, catalog additions, and the vendor behind multi-vendor SDKs.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { analyzeWorkspace } from "../../src/core/scan";
import { buildReport, location } from "../../src/core/buildReport";

async function write(files: Record<string, string>): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-forms-"));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

/** The sites of a project as `file:line callee`. */
async function sitesOf(files: Record<string, string>): Promise<string[]> {
  const a = await analyzeWorkspace(await write(files));
  return a.sites.map((s) => `${s.file.rel}:${location(s).line} ${s.callee}`).sort();
}

/** The report's sites as `file:line provider/sdk resolution test? model`. */
async function reportOf(files: Record<string, string>): Promise<string[]> {
  const dir = await write(files);
  const r = buildReport(dir, await analyzeWorkspace(dir));
  return r.sites.map((s) => `${s.file}:${s.line} ${s.provider}/${s.sdk} ${s.resolution}${s.test ? " test" : ""} ${s.model ?? "-"}`);
}

const PKG = `{ "name": "app", "type": "module" }\n`;

describe("call sites: LangChain stores and retrievers that embed", () => {
  test("addDocuments and a retriever's invoke on a store built with an embeddings model", async () => {
    assert.deepEqual(
      await sitesOf({
        "package.json": PKG,
        "src/retrieval.ts": `import { OpenAIEmbeddings } from "@langchain/openai";\nimport { SupabaseVectorStore } from "@langchain/community/vectorstores/supabase";\n\nexport async function makeRetriever(k: number) {\n  const embeddings = new OpenAIEmbeddings({ model: "text-embedding-3-small" });\n  const store = new SupabaseVectorStore(embeddings, { tableName: "documents" });\n  return store.asRetriever({ k });\n}\n`,
        "src/graph.ts": `import { makeRetriever } from "./retrieval.js";\n\nexport async function retrieve(state: { query: string }) {\n  const retriever = await makeRetriever(4);\n  const docs = await retriever.invoke(state.query);\n  return { documents: docs };\n}\n\nexport async function ingest(docs: { pageContent: string }[]) {\n  const retriever = await makeRetriever(4);\n  await retriever.addDocuments(docs);\n  return { status: "indexed" };\n}\n`,
      }),
      ["src/graph.ts:11 retriever.addDocuments", "src/graph.ts:5 retriever.invoke"],
    );
  });
});
