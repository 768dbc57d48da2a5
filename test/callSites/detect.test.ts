/** Call-site detection on small projects: each resolution case of issue #2 point 4, and look-alikes that are not sites. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { analyzeWorkspace } from "../../src/core/scan";
import { location } from "../../src/core/buildReport";

/** Writes a project and returns its sites as `file:line provider kind callee model`. */
async function sitesOf(files: Record<string, string>): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-detect-"));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  const a = await analyzeWorkspace(dir);
  return a.sites
    .map((s) => `${s.file.rel}:${location(s).line} ${s.provider} ${s.kind} ${s.callee} ${s.model ?? "-"}`)
    .sort();
}

const CLIENT = `import OpenAI from "openai";\nexport const openai = new OpenAI({ timeout: 20_000 });\n`;

describe("call sites: resolution", () => {
  test("default, named, namespace and aliased imports", async () => {
    assert.deepEqual(
      await sitesOf({
        "a.ts": `import OpenAI from "openai";\nconst c = new OpenAI();\nc.chat.completions.create({ model: "gpt-4o", messages: [] });\n`,
        "b.ts": `import { Anthropic as Claude } from "@anthropic-ai/sdk";\nconst c = new Claude();\nc.messages.create({ model: "claude-sonnet-4-5", max_tokens: 9, messages: [] });\n`,
        "c.ts": `import * as ai from "ai";\nimport { openai } from "@ai-sdk/openai";\nai.generateText({ model: openai("gpt-4o-mini"), prompt: "hi" });\n`,
      }),
      [
        "a.ts:3 openai chat c.chat.completions.create gpt-4o",
        "b.ts:3 anthropic chat c.messages.create claude-sonnet-4-5",
        "c.ts:3 vercel-ai chat ai.generateText gpt-4o-mini",
      ],
    );
  });

  test("require in CommonJS, and a client module imported through a barrel", async () => {
    assert.deepEqual(
      await sitesOf({
        "legacy.cjs": `const { GoogleGenerativeAI } = require("@google/generative-ai");\nconst model = new GoogleGenerativeAI(key).getGenerativeModel({ model: "gemini-1.5-flash" });\nmodule.exports = () => model.generateContent("hi");\n`,
        "lib/client.ts": CLIENT,
        "lib/index.ts": `export * from "./client";\n`,
        "app.ts": `import { openai } from "./lib";\nexport const run = () => openai.embeddings.create({ model: "text-embedding-3-small", input: "x" });\n`,
      }),
      ["app.ts:2 openai embedding openai.embeddings.create text-embedding-3-small", "legacy.cjs:3 google chat model.generateContent gemini-1.5-flash"],
    );
  });

  test("class fields, factories, typed parameters and destructured functions", async () => {
    assert.deepEqual(
      await sitesOf({
        "svc.ts": `import Anthropic from "@anthropic-ai/sdk";\nexport class Svc {\n  private client = new Anthropic();\n  ask() { return this.client.messages.create({ model: "m", max_tokens: 1, messages: [] }); }\n}\n`,
        "fac.ts": `import OpenAI from "openai";\nfunction getClient() { return new OpenAI(); }\nexport const go = () => getClient().responses.create({ model: "gpt-4.1", input: "x" });\n`,
        "typed.ts": `import type OpenAI from "openai";\nexport async function moderate(client: OpenAI) { return client.moderations.create({ input: "x" }); }\n`,
        "destr.ts": `import * as ai from "ai";\nconst { embedMany } = ai;\nexport const e = () => embedMany({ model: m, values: [] });\n`,
      }),
      [
        "destr.ts:3 vercel-ai embedding embedMany -",
        "fac.ts:3 openai chat getClient(...).responses.create gpt-4.1",
        "svc.ts:4 anthropic chat this.client.messages.create m",
        "typed.ts:2 openai other-model client.moderations.create -",
      ],
    );
  });

  test("wrappers: a site at every caller into whose request something of the caller's flows", async () => {
    assert.deepEqual(
      await sitesOf({
        "lib/client.ts": CLIENT,
        "lib/ask.ts": `import { openai } from "./client";\nexport async function ask(prompt: string) {\n  const r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: prompt }] });\n  return r.choices[0].message.content;\n}\nexport const summarize = (text: string) => ask("Summarize: " + text);\nexport async function ping() { await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] }); }\n`,
        "routes.ts": `import { ask, summarize, ping } from "./lib/ask";\nexport const a = () => ask("hi");\nexport const b = () => summarize("doc");\nexport const c = () => ping();\n`,
      }),
      [
        "lib/ask.ts:3 openai chat openai.chat.completions.create gpt-4o-mini",
        "lib/ask.ts:6 openai chat ask gpt-4o-mini",
        "lib/ask.ts:7 openai chat openai.chat.completions.create gpt-4o-mini",
        "routes.ts:2 openai chat ask gpt-4o-mini",
        "routes.ts:3 openai chat summarize gpt-4o-mini",
      ],
    );
  });

  test("raw HTTP: literal, template, imported constant, and a generic helper bound to an endpoint", async () => {
    assert.deepEqual(
      await sitesOf({
        "urls.ts": `export const ANTHROPIC_URL = "https://api.anthropic.com/v1/messages";\n`,
        "http.ts": `export async function postJson(url: string, body: unknown) { return fetch(url, { method: "POST", body: JSON.stringify(body) }); }\n`,
        "calls.ts": [
          `import axios from "axios";`,
          `import { ANTHROPIC_URL } from "./urls";`,
          `import { postJson } from "./http";`,
          `const base = "https://api.groq.com/openai/v1";`,
          `fetch("https://api.openai.com/v1/chat/completions", { method: "POST", body: JSON.stringify({ model: "gpt-4o" }) });`,
          "axios.post(`${base}/chat/completions`, { model: \"llama-3.1-8b-instant\" });",
          `fetch(ANTHROPIC_URL, { method: "POST" });`,
          `postJson("https://api.mistral.ai/v1/embeddings", { model: "mistral-embed", input: [] });`,
          ``,
        ].join("\n"),
      }),
      [
        "calls.ts:5 openai chat fetch gpt-4o",
        "calls.ts:6 groq chat axios.post llama-3.1-8b-instant",
        "calls.ts:7 anthropic chat fetch -",
        "calls.ts:8 mistral embedding postJson mistral-embed",
      ],
    );
  });

  test("LangChain composition, Bedrock commands, Ollama's default instance, observed clients", async () => {
    assert.deepEqual(
      await sitesOf({
        "chain.ts": `import { ChatOpenAI } from "@langchain/openai";\nimport { ChatPromptTemplate } from "@langchain/core/prompts";\nconst prompt = ChatPromptTemplate.fromTemplate("{q}");\nconst chain = prompt.pipe(new ChatOpenAI({ model: "gpt-4o" }));\nexport const run = () => chain.invoke({ q: "x" });\n`,
        "bedrock.ts": `import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\nconst client = new BedrockRuntimeClient({});\nexport const go = () => client.send(new ConverseCommand({ modelId: "amazon.nova-lite-v1:0", messages: [] }));\n`,
        "ollama.ts": `import ollama from "ollama";\nexport const g = () => ollama.generate({ model: "llama3.2", prompt: "x" });\n`,
        "observed.ts": `import OpenAI from "openai";\nimport { observeOpenAI } from "langfuse";\nconst client = observeOpenAI(new OpenAI());\nexport const c = () => client.chat.completions.create({ model: "gpt-4o", messages: [] });\n`,
      }),
      [
        "bedrock.ts:3 bedrock chat client.send amazon.nova-lite-v1:0",
        "chain.ts:5 langchain chat chain.invoke gpt-4o",
        "observed.ts:4 openai chat client.chat.completions.create gpt-4o",
        "ollama.ts:2 ollama chat ollama.generate llama3.2",
      ],
    );
  });
});

describe("call sites: look-alikes are not sites", () => {
  test("Slack, Intercom, models.list, files, fine-tunes, retrievers, prompts, unknown objects", async () => {
    assert.deepEqual(
      await sitesOf({
        "slack.ts": `import { WebClient } from "@slack/web-api";\nconst slack = new WebClient();\nslack.chat.postMessage({ channel: "c", text: "hi" });\n`,
        "intercom.ts": `import { Client } from "intercom-client";\nconst intercom = new Client({});\nintercom.messages.create({ body: "x" });\n`,
        "admin.ts": `import OpenAI from "openai";\nconst o = new OpenAI();\no.models.list();\no.files.create({ file, purpose: "batch" });\no.fineTuning.jobs.create({ model: "m", training_file: "f" });\n`,
        "rag.ts": `import { MemoryVectorStore } from "langchain/vectorstores/memory";\nimport { ChatPromptTemplate } from "@langchain/core/prompts";\nexport async function r(store: MemoryVectorStore) {\n  await store.asRetriever().invoke("q");\n  await ChatPromptTemplate.fromTemplate("{x}").invoke({ x: 1 });\n}\n`,
        "misc.ts": `const stripe = makeStripe();\nstripe.customers.create({});\nfetch("/api/chat", { method: "POST" });\nfetch("https://api.openai.com/v1/models");\n// fetch("https://api.openai.com/v1/chat/completions")\nconsole.log("POST https://api.openai.com/v1/chat/completions");\n`,
      }),
      [],
    );
  });
});
