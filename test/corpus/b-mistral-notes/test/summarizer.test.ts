import { describe, expect, it, vi } from "vitest";
import type { Mistral } from "@mistralai/mistralai";
import { Summarizer } from "../src/notes/Summarizer";

function fakeClient(content: string) {
  const complete = vi.fn().mockResolvedValue({
    choices: [{ index: 0, finishReason: "stop", message: { role: "assistant", content } }],
    usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
  });
  return { client: { chat: { complete } } as unknown as Mistral, complete };
}

describe("Summarizer.summarize", () => {
  it("parses well-formed JSON notes", async () => {
    const { client } = fakeClient('{"summary":"Shipped v2","decisions":["freeze on Friday"]}');
    const notes = await new Summarizer(client).summarize("m1", "transcript");
    expect(notes).toEqual({ summary: "Shipped v2", decisions: ["freeze on Friday"] });
  });

  it("falls back to the raw text when the model does not return JSON", async () => {
    const { client } = fakeClient("We shipped v2.");
    const notes = await new Summarizer(client).summarize("m1", "transcript");
    expect(notes).toEqual({ summary: "We shipped v2.", decisions: [] });
  });
});
