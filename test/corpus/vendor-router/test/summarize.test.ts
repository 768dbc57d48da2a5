import { describe, it, expect, vi } from "vitest";
import type OpenAI from "openai";
import { summarize } from "../src/llm/summarize.js";

function fakeClient(content: string | null) {
  const create = vi.fn().mockResolvedValue({ choices: [{ message: { content } }], usage: { total_tokens: 42 } });
  return { client: { chat: { completions: { create } } } as unknown as OpenAI, create };
}

describe("summarize", () => {
  it("returns the model's bullet points", async () => {
    const { client } = fakeClient("- one\n- two\n- three");
    await expect(summarize(client, "long article", "test-model")).resolves.toBe("- one\n- two\n- three");
  });

  it("returns an empty string when the model sends no content", async () => {
    const { client, create } = fakeClient(null);
    expect(await summarize(client, "x", "test-model")).toBe("");
    expect(create).toHaveBeenCalledOnce();
  });
});
