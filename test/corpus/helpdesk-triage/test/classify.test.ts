import { describe, it, expect, vi, beforeEach } from "vitest";

vi.mock("../src/lib/openai.js", () => ({
  openai: { beta: { chat: { completions: { parse: vi.fn() } } } },
  TRIAGE_MODEL: "gpt-4o-mini",
}));
vi.mock("../src/lib/usage.js", () => ({ recordUsage: vi.fn() }));

import { openai } from "../src/lib/openai.js";
import { classifyTicket } from "../src/services/classify.js";

const parse = vi.mocked(openai.beta.chat.completions.parse);

describe("classifyTicket", () => {
  beforeEach(() => parse.mockReset());

  it("returns the label parsed by the model", async () => {
    parse.mockResolvedValueOnce({
      choices: [{ message: { parsed: { category: "billing", priority: "high", summary: "Charged twice" } } }],
      usage: { prompt_tokens: 80, completion_tokens: 12, total_tokens: 92 },
    } as never);
    await expect(classifyTicket("Double charge", "I was charged twice in March")).resolves.toEqual({
      category: "billing",
      priority: "high",
      summary: "Charged twice",
    });
  });

  it("falls back to a neutral label when the API fails", async () => {
    parse.mockRejectedValueOnce(new Error("Request timed out."));
    const label = await classifyTicket("Login", "cannot log in");
    expect(label).toEqual({ category: "other", priority: "normal", summary: "" });
  });

  it("falls back when the model refuses", async () => {
    parse.mockResolvedValueOnce({ choices: [{ message: { parsed: null, refusal: "no" } }] } as never);
    expect((await classifyTicket("x", "y")).category).toBe("other");
  });
});
