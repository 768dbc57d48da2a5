import assert from "node:assert/strict";
import { test } from "node:test";
import { generateText } from "ai";
import { anthropic } from "@ai-sdk/anthropic";
import { summarize } from "../src/llm.js";

test("live smoke: the key works", { skip: !process.env.ANTHROPIC_API_KEY }, async () => {
  const { text } = await generateText({ model: anthropic("claude-3-5-haiku-latest"), prompt: "Answer with the word OK" });
  assert.match(text, /ok/i);
});

test("summarize returns text", { skip: !process.env.MISTRAL_API_KEY }, async () => {
  const s = await summarize("A long text about the weather in Lyon, which was sunny all week.");
  assert.ok(s.length > 0);
});
