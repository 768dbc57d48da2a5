import { describe, it, expect, vi } from "vitest";

const { parse } = vi.hoisted(() => ({ parse: vi.fn() }));
vi.mock("../src/clients.js", () => ({ openai: { responses: { parse } } }));

import { summarizeTranscript } from "../src/jobs/summarize.js";

describe("summarizeTranscript", () => {
  it("returns the parsed summary", async () => {
    parse.mockResolvedValueOnce({
      status: "completed",
      output_parsed: { summary: "Q3 roadmap agreed.", decisions: ["Ship SSO in August"], openQuestions: [] },
    });
    const s = await summarizeTranscript("Alice: let's ship SSO in August. Bob: agreed.");
    expect(s.decisions).toEqual(["Ship SSO in August"]);
  });

  it("fails loudly when the model returns no parsed output", async () => {
    parse.mockResolvedValueOnce({ status: "incomplete", output_parsed: null });
    await expect(summarizeTranscript("...")).rejects.toThrow(/no parsed output/);
  });
});
