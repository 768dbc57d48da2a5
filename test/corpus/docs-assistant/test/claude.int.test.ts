/** Live smoke test against the Anthropic API; runs only with ANTHROPIC_API_KEY set (nightly CI). */
import { describe, it, expect } from "vitest";
import Anthropic from "@anthropic-ai/sdk";
import { ANSWER_SYSTEM } from "../src/llm/prompts.js";

describe.skipIf(!process.env.ANTHROPIC_API_KEY)("answer system prompt (live)", () => {
  it("declines questions the docs do not cover", async () => {
    const anthropic = new Anthropic();
    const msg = await anthropic.messages.create({
      model: "claude-3-5-haiku-latest",
      max_tokens: 200,
      system: ANSWER_SYSTEM,
      messages: [{ role: "user", content: "<docs>\n## Deploying\nRun `acme deploy`.\n</docs>\n\nQuestion: What is the capital of Peru?" }],
    });
    const text = msg.content.map((b) => (b.type === "text" ? b.text : "")).join("");
    expect(text.toLowerCase()).toMatch(/support|documentation|docs/);
  }, 30_000);
});
