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

describe("call sites: factories and closures", () => {
  test("a factory call is not a site; calls of the closures it returns are, through locals, properties and ReturnType annotations", async () => {
    assert.deepEqual(
      await sitesOf({
        "package.json": PKG,
        "src/f.ts": `import OpenAI from "openai";\nconst openai = new OpenAI();\nexport function makeAsker(system: string) {\n  return async (q: string) => {\n    const r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "system", content: system }, { role: "user", content: q }] });\n    return r.choices[0]?.message.content ?? "";\n  };\n}\n`,
        "src/use.ts": `import { makeAsker } from "./f.js";\nconst ask = makeAsker("be brief");\ntype Deps = { ask: ReturnType<typeof makeAsker> };\nexport async function a(q: string) { console.log(await ask(q)); }\nexport async function b(deps: Deps, q: string) { console.log(await deps.ask(q)); }\n`,
      }),
      ["src/f.ts:5 openai.chat.completions.create", "src/use.ts:4 ask", "src/use.ts:5 deps.ask"],
    );
  });

  test("a closure the wrapper declares and calls itself is plumbing; recursion is plumbing", async () => {
    assert.deepEqual(
      await sitesOf({
        "package.json": PKG,
        "src/w.ts": `import OpenAI from "openai";\nconst openai = new OpenAI();\nexport async function ask(q: string, tries = 2): Promise<string> {\n  const once = async (model: string) => {\n    const r = await openai.chat.completions.create({ model, messages: [{ role: "user", content: q }] });\n    return r.choices[0]?.message.content ?? "";\n  };\n  try {\n    return await once("gpt-4o");\n  } catch {\n    if (tries > 0) return ask(q, tries - 1);\n    return once("gpt-4o-mini");\n  }\n}\n`,
        "src/main.ts": `import { ask } from "./w.js";\nconsole.log(await ask("hi"));\n`,
      }),
      ["src/main.ts:2 ask", "src/w.ts:5 openai.chat.completions.create"],
    );
  });

  test("a function that feeds the answer back into itself is a flow, not a wrapper", async () => {
    assert.deepEqual(
      await sitesOf({
        "package.json": PKG,
        "src/r.ts": `import { generateText } from "ai";\nimport { openai } from "@ai-sdk/openai";\nexport async function dig(q: string, depth: number): Promise<string[]> {\n  const { text } = await generateText({ model: openai("gpt-4o-mini"), prompt: q });\n  const next = text.split("\\n");\n  if (depth === 0) return next;\n  const out = [...next];\n  for (const n of next) out.push(...(await dig(n, depth - 1)));\n  return out;\n}\n`,
        "src/main.ts": `import { dig } from "./r.js";\nconsole.log(await dig("why?", 2));\n`,
      }),
      ["src/r.ts:4 generateText"],
    );
  });
});

describe("call sites: untraceable receivers, vendors and test files in the report", () => {
  test("an injected structural client is a site by its shape; client checks are unknown", async () => {
    const sites = await reportOf({
      "package.json": PKG,
      "src/s.ts": `type Chat = { chat: { completions: { create(b: unknown): Promise<any> } } };\nexport class Svc {\n  constructor(private opts: { client: Chat }) {}\n  async go(q: string) {\n    const r = await this.opts.client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: q }] });\n    console.log(r.choices[0].message.content);\n  }\n}\nexport async function notify(inbox: { messages: { create(m: unknown): Promise<void> } }) {\n  await inbox.messages.create({ to: "a", body: "b" });\n}\n`,
    });
    assert.deepEqual(sites, ["src/s.ts:5 openai/openai shape gpt-4o-mini"]);
    const dir = await write({ "package.json": PKG, "src/s.ts": `export async function go(llm: any, q: string) {\n  const r = await llm.messages.create({ model: "claude-3-5-haiku-latest", max_tokens: 10, messages: [{ role: "user", content: q }] });\n  console.log(r);\n}\n` });
    const r = buildReport(dir, await analyzeWorkspace(dir));
    assert.equal(r.sites[0]?.checks.timeout.value, "unknown");
    assert.equal(r.sites[0]?.checks.retry.value, "unknown");
  });

  test("the vendor of AI SDK calls, the SDK that sends them, and test-file sites left out of the score", async () => {
    const files = {
      "package.json": PKG,
      "src/a.ts": `import { generateText, createProviderRegistry } from "ai";\nimport { anthropic } from "@ai-sdk/anthropic";\nimport { createMistral } from "@ai-sdk/mistral";\nconst reg = createProviderRegistry({ anthropic });\nexport const a = () => generateText({ model: anthropic("claude-3-5-haiku-latest"), prompt: "x" });\nexport const b = () => generateText({ model: createMistral({})("mistral-small-latest"), prompt: "x" });\nexport const c = () => generateText({ model: reg.languageModel("anthropic:claude-3-5-haiku-latest"), prompt: "x" });\nexport const d = (m: any) => generateText({ model: m, prompt: "x" });\n`,
      "test/a.test.ts": `import { test } from "node:test";\nimport { generateText } from "ai";\nimport { anthropic } from "@ai-sdk/anthropic";\ntest("smoke", async () => { await generateText({ model: anthropic("claude-3-5-haiku-latest"), prompt: "ok" }); });\n`,
    };
    assert.deepEqual(await reportOf(files), [
      "src/a.ts:5 anthropic/vercel-ai traced claude-3-5-haiku-latest",
      "src/a.ts:6 mistral/vercel-ai traced mistral-small-latest",
      "src/a.ts:7 anthropic/vercel-ai traced claude-3-5-haiku-latest",
      "src/a.ts:8 vercel-ai/vercel-ai traced -",
      "test/a.test.ts:4 anthropic/vercel-ai traced test claude-3-5-haiku-latest",
    ]);
    const dir = await write(files);
    const r = buildReport(dir, await analyzeWorkspace(dir));
    assert.equal(r.summary.testSites, 1);
    assert.deepEqual(r.files.map((f) => f.file), ["src/a.ts"]);
    const byCheck = r.summary.byCheck.timeout;
    assert.equal(byCheck.pass + byCheck.fail + byCheck.warn + byCheck.unknown, 4);
  });
});

describe("call sites: HTTP instances and URL helpers", () => {
  test("axios.create with a baseURL and a relative path; a URL built by a helper method and a reassigned let", async () => {
    assert.deepEqual(
      await sitesOf({
        "package.json": PKG,
        "src/h.ts": `import axios from "axios";\nconst api = axios.create({ baseURL: "https://api.openai.com/v1" });\nexport async function a(q: string) { const r = await api.post("/chat/completions", { model: "gpt-4o", messages: [{ role: "user", content: q }] }); console.log(r.data); }\nexport async function models() { return api.get("/models"); }\n`,
        "src/p.ts": `const BASE = "https://api.anthropic.com";\nexport class Api {\n  path(p: string) { let base = ""; if (!base) base = BASE; return [base, p].join("/"); }\n  async send(body: unknown) {\n    const res = await fetch(this.path("v1/messages"), { method: "POST", body: JSON.stringify(body) });\n    console.log(await res.json());\n  }\n}\n`,
      }),
      ["src/h.ts:3 api.post", "src/p.ts:5 fetch"],
    );
  });
});

describe("call sites: Ollama's paths are also web apps' own routes", () => {
  test("a literal host counts for /api/chat only when it is Ollama's (by host, port or name); a host from config still counts", async () => {
    const body = `{ method: "POST", body: JSON.stringify({ model: "llama3.2", messages: [{ role: "user", content: q }], stream: false }) }`;
    const call = (name: string, url: string) => `export async function ${name}(q: string) {\n  const res = await fetch(${url}, ${body});\n  return (await res.json()).message.content as string;\n}\n`;
    assert.deepEqual(
      await sitesOf({
        "package.json": PKG,
        "src/own.ts": call("own", `"http://localhost:3000/api/chat"`),
        "src/site.ts": call("site", `"https://www.example.com/api/chat"`),
        "src/local.ts": call("local", `"http://localhost:11434/api/chat"`),
        "src/box.ts": call("box", `"http://gpu-box:11434/api/chat"`),
        "src/named.ts": call("named", `"https://ollama.internal.example.com/api/chat"`),
        "src/config.ts": `const OLLAMA = process.env.OLLAMA_HOST!;\n` + call("config", "`${OLLAMA}/api/chat`"),
      }),
      ["src/box.ts:2 fetch", "src/config.ts:3 fetch", "src/local.ts:2 fetch", "src/named.ts:2 fetch"],
    );
  });
});

describe("call sites: the model of a request", () => {
  test("an AI SDK model held in a local (`const model = openai(...)`; `{ model }`) is named", async () => {
    assert.deepEqual(
      await reportOf({
        "package.json": PKG,
        "src/chat.ts": `import { openai } from "@ai-sdk/openai";\nimport { streamText } from "ai";\n\nexport async function POST(req: Request) {\n  const { messages } = await req.json();\n  const model = openai("gpt-4o-mini");\n  const chat = model;\n  return streamText({ model: chat, messages }).toUIMessageStreamResponse();\n}\n\nexport function draft(prompt: string) {\n  const model = openai("gpt-4.1");\n  return streamText({ model, prompt });\n}\n`,
      }),
      ["src/chat.ts:8 openai/vercel-ai traced gpt-4o-mini", "src/chat.ts:13 openai/vercel-ai traced gpt-4.1"],
    );
  });
});

describe("call sites: dynamic dispatch", () => {
  test("a table of wrappers called by keys the callers fix is a site, as are the calls that pass the keys", async () => {
    assert.deepEqual(
      await sitesOf({
        "package.json": PKG,
        "src/d.ts": `import OpenAI from "openai";\nconst openai = new OpenAI();\nclass Base {\n  async chat(q: string) { const r = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: q }] }); return r.choices[0]?.message.content; }\n  async embed(q: string) { const r = await openai.embeddings.create({ model: "text-embedding-3-small", input: q }); return r.data[0]?.embedding; }\n  name() { return "base"; }\n}\nclass A extends Base {}\nclass B extends Base { async chat(q: string) { return super.chat(q.trim()); } }\nconst PROVIDERS = { a: new A(), b: new B() };\nfunction attempt(p: string, kind: string, q: string) { const provider = PROVIDERS[p as "a"]; return provider[kind as "chat"](q); }\nexport const x = (q: string) => attempt("a", "chat", q);\nexport const y = (q: string) => attempt("b", "embed", q);\n`,
      }),
      [
        "src/d.ts:9 super.chat",
        "src/d.ts:4 openai.chat.completions.create",
        "src/d.ts:5 openai.embeddings.create",
        "src/d.ts:11 provider[kind as \"chat\"]",
        "src/d.ts:12 attempt",
        "src/d.ts:13 attempt",
      ].sort(),
    );
  });
});

const OAI = `import OpenAI from "openai";\nexport const openai = new OpenAI();\n`;
const ASK = `import { openai } from "./client.js";\nexport async function ask(q: string) {\n  const r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: q }] });\n  return r.choices[0]?.message.content ?? "";\n}\nexport async function embed(t: string) {\n  const r = await openai.embeddings.create({ model: "text-embedding-3-small", input: t });\n  return r.data[0].embedding;\n}\n`;

describe("call sites: features end the wrapper chain", () => {
  test("an answer used as the input of other work (a flow run, a search) does not flow out", async () => {
    assert.deepEqual(
      await sitesOf({
        "package.json": PKG,
        "src/client.ts": OAI,
        "src/llm.ts": ASK,
        "src/flow.ts": `import { ask, embed } from "./llm.js";\nimport { runGraph, query } from "./engine.js";\nexport async function run(input: { question: string; audio?: string }) {\n  if (input.audio) input.question = await ask(input.audio);\n  const result = await runGraph({ question: input.question });\n  return { ...result, question: input.question };\n}\nexport async function search(q: string) {\n  const v = await embed(q);\n  const rows = await query("select * from docs order by emb <-> $1", [v]);\n  return rows;\n}\nexport async function answer(q: string) {\n  const text = await ask(q);\n  return JSON.parse(text);\n}\n`,
        "src/engine.ts": `export async function runGraph(s: { question: string }) { return { text: s.question.toUpperCase() }; }\nexport async function query(sql: string, args: unknown[]) { return [{ sql, args }]; }\n`,
        "src/route.ts": `import { run, search, answer } from "./flow.js";\nexport async function a(q: string) { return run({ question: q }); }\nexport async function b(q: string) { return search(q); }\nexport async function c(q: string) { return answer(q); }\n`,
      }),
      ["src/flow.ts:14 ask", "src/flow.ts:4 ask", "src/flow.ts:9 embed", "src/llm.ts:3 openai.chat.completions.create", "src/llm.ts:7 openai.embeddings.create", "src/route.ts:4 answer"],
    );
  });

  test("a record saved and returned beside its id, a void store and a tool factory are not wrappers; a retry helper's callback is", async () => {
    assert.deepEqual(
      await sitesOf({
        "package.json": PKG,
        "src/client.ts": OAI,
        "src/llm.ts": ASK,
        "src/features.ts": `import { tool } from "ai";\nimport { z } from "zod";\nimport { ask } from "./llm.js";\nimport { db } from "./db.js";\nexport async function createPage(brief: string) {\n  const page = await ask(brief);\n  const id = crypto.randomUUID();\n  await db.query("insert into pages (id, body) values ($1, $2)", [id, page]);\n  return { id, page, url: "/p/" + id };\n}\nexport async function remember(messages: { content: string }[]) {\n  const convo = messages.map((m) => { const text = m.content; return text; }).join("\\n");\n  const text = await ask(convo);\n  const facts = text.split("\\n").filter((f) => { return f.length > 3; });\n  for (const f of facts) await db.query("insert into facts (fact) values ($1)", [f]);\n}\nexport function makeTools() {\n  return { brief: tool({ description: "d", inputSchema: z.object({ q: z.string() }), async execute(input) { return { text: await ask(input.q) }; } }) };\n}\nexport async function sturdy(q: string) {\n  const { value } = await retry(async () => { const a = await ask(q); return a.trim(); });\n  return value;\n}\nasync function retry<T>(fn: () => Promise<T>) { return { value: await fn() }; }\n`,
        "src/db.ts": `export const db = { async query(sql: string, args: unknown[]) { return { rows: [{ sql, args }] }; } };\n`,
        "src/route.ts": `import { createPage, remember, makeTools, sturdy } from "./features.js";\nexport async function a(q: string) { return createPage(q); }\nexport async function b(m: { content: string }[]) { await remember(m); }\nexport function c() { return makeTools(); }\nexport async function d(q: string) { return sturdy(q); }\n`,
      }),
      ["src/features.ts:13 ask", "src/features.ts:18 ask", "src/features.ts:21 ask", "src/features.ts:6 ask", "src/llm.ts:3 openai.chat.completions.create", "src/llm.ts:7 openai.embeddings.create", "src/route.ts:5 sturdy"],
    );
  });
});

describe("call sites: helpers that hand the answer on", () => {
  test("a workspace helper that returns what it makes of the response keeps a raw HTTP wrapper a wrapper; one that stores it does not", async () => {
    assert.deepEqual(
      await sitesOf({
        "package.json": PKG,
        "src/http.ts": `async function toText(res: Response) {\n  if (!res.ok) throw new Error("status " + res.status);\n  const body = await res.json();\n  return body.choices[0].message.content as string;\n}\nasync function archive(res: Response) {\n  await fetch("https://logs.example.com/store", { method: "POST", body: await res.text() });\n  return { stored: true };\n}\nexport async function complete(prompt: string) {\n  const res = await fetch("https://api.openai.com/v1/chat/completions", { method: "POST", body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: prompt }] }) });\n  return await toText(res);\n}\nexport async function completeAndArchive(prompt: string) {\n  const res = await fetch("https://api.openai.com/v1/chat/completions", { method: "POST", body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: prompt }] }) });\n  return await archive(res);\n}\n`,
        "src/use.ts": `import { complete, completeAndArchive } from "./http.js";\nexport async function a(q: string) { return complete(q); }\nexport async function b(q: string) { return completeAndArchive(q); }\n`,
      }),
      ["src/http.ts:11 fetch", "src/http.ts:15 fetch", "src/use.ts:2 complete"],
    );
  });
});

describe("call sites: collections, workspace packages and graph nodes", () => {
  test("a client returned by a method of a model taken from a typed collection", async () => {
    assert.deepEqual(
      await sitesOf({
        "package.json": PKG,
        "src/models.ts": `import OpenAI from "openai";\ninterface Cfg { id: string; model: string }\nconst addClient = (c: Cfg) => ({ ...c, getEndpoint: async () => { const o = new OpenAI(); return async (p: string) => { const r = await o.chat.completions.create({ model: c.model, messages: [{ role: "user", content: p }] }); return r.choices[0]?.message.content ?? ""; }; } });\nexport type Model = Awaited<ReturnType<typeof addClient>> & { main: boolean };\nexport let models: Model[] = [];\nexport let fallbackModel!: Model;\nexport let others: Array<Model> = [];\n`,
        "src/use.ts": `import { models, fallbackModel, others } from "./models.js";\nexport async function gen(p: string, id?: string) {\n  const m = id ? (models.find((x) => x.id === id) ?? fallbackModel) : fallbackModel;\n  const endpoint = await m.getEndpoint();\n  return endpoint(p);\n}\nexport async function second(p: string, i: number) {\n  const e = await others[i].getEndpoint();\n  return e(p);\n}\n`,
      }),
      ["src/models.ts:3 o.chat.completions.create", "src/use.ts:5 endpoint", "src/use.ts:9 e"],
    );
  });

  test("workspace package subpaths through exports and build output map to their sources", async () => {
    assert.deepEqual(
      await sitesOf({
        "package.json": `{ "name": "root", "private": true, "workspaces": ["packages/*"] }\n`,
        "packages/llm/package.json": `{ "name": "@acme/llm", "main": "./dist/index.js", "exports": { ".": { "types": "./dist/index.d.ts", "import": "./dist/index.js" }, "./chat": { "import": "./dist/chat/index.js" }, "./dist/*": "./dist/*.js" } }\n`,
        "packages/llm/src/client.ts": OAI,
        "packages/llm/src/index.ts": `export { ask } from "./llm.js";\n`,
        "packages/llm/src/llm.ts": ASK,
        "packages/llm/src/chat/index.ts": `import { ask } from "../llm.js";\nexport async function chat(q: string) { return ask("Chat: " + q); }\n`,
        "packages/app/package.json": `{ "name": "@acme/app", "dependencies": { "@acme/llm": "workspace:*" } }\n`,
        "packages/app/src/a.ts": `import { ask } from "@acme/llm";\nimport { chat } from "@acme/llm/chat";\nimport { embed } from "@acme/llm/dist/llm";\nexport async function run(q: string) { return [await ask(q), await chat(q), await embed(q)]; }\n`,
      }),
      [
        "packages/app/src/a.ts:4 ask",
        "packages/app/src/a.ts:4 chat",
        "packages/app/src/a.ts:4 embed",
        "packages/llm/src/chat/index.ts:2 ask",
        "packages/llm/src/llm.ts:3 openai.chat.completions.create",
        "packages/llm/src/llm.ts:7 openai.embeddings.create",
      ],
    );
  });

  test("LangGraph graph.nodes.<name>.invoke runs the node function the builder added", async () => {
    assert.deepEqual(
      await sitesOf({
        "package.json": PKG,
        "src/graph.ts": `import { ChatOpenAI } from "@langchain/openai";\nimport { StateGraph, Annotation } from "@langchain/langgraph";\nconst S = Annotation.Root({ q: Annotation<string>(), a: Annotation<string>() });\nconst llm = new ChatOpenAI({ model: "gpt-4o-mini" });\nexport async function answer(s: typeof S.State) { const m = await llm.invoke(s.q); return { a: String(m.content) }; }\nfunction tidy(s: typeof S.State) { return { a: s.a.trim() }; }\nconst b = new StateGraph(S).addNode("answer", answer);\nb.addNode("tidy", tidy);\nexport const graph = b.compile();\n`,
        "src/use.ts": `import { graph } from "./graph.js";\nexport async function one(q: string) { return (await graph.nodes.answer.invoke({ q, a: "" })).a; }\nexport async function two(a: string) { return graph.nodes["tidy"].invoke({ q: "", a }); }\n`,
      }),
      ["src/graph.ts:5 llm.invoke", "src/use.ts:2 graph.nodes.answer.invoke"],
    );
  });

  test("SvelteKit's $lib alias resolves without the generated .svelte-kit config", async () => {
    assert.deepEqual(
      await sitesOf({
        "package.json": PKG,
        "svelte.config.js": `export default { kit: {} };\n`,
        "tsconfig.json": `{ "extends": "./.svelte-kit/tsconfig.json", "compilerOptions": { "strict": true } }\n`,
        "src/lib/server/client.ts": OAI,
        "src/lib/server/llm.ts": ASK,
        "src/routes/api/+server.ts": `import { ask } from "$lib/server/llm";\nexport async function POST({ request }: { request: Request }) { const { q } = await request.json(); return new Response(await ask(q)); }\n`,
      }),
      ["src/lib/server/llm.ts:3 openai.chat.completions.create", "src/lib/server/llm.ts:7 openai.embeddings.create", "src/routes/api/+server.ts:2 ask"],
    );
  });
});
