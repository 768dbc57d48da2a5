import { beforeEach, describe, expect, it, vi } from "vitest";

const { create } = vi.hoisted(() => ({ create: vi.fn() }));
vi.mock("../src/clients", () => ({ fastGroq: { chat: { completions: { create } } } }));

import { summarizeTranscript } from "../src/steps/summary";

describe("summarizeTranscript", () => {
  beforeEach(() => create.mockReset());

  it("returns the model's title and chapters", async () => {
    create.mockResolvedValue({
      choices: [{ message: { content: '{"title":"Rust in prod","chapters":[{"start":"00:00","title":"Intro"}]}' } }],
      usage: { total_tokens: 1200 },
    });
    const summary = await summarizeTranscript("ep1", "…");
    expect(summary).toEqual({ title: "Rust in prod", chapters: [{ start: "00:00", title: "Intro" }] });
  });

  it("uses a placeholder when the JSON is malformed", async () => {
    create.mockResolvedValue({ choices: [{ message: { content: "Sure! Here is" } }] });
    expect(await summarizeTranscript("ep2", "…")).toEqual({ title: "Episode ep2", chapters: [] });
  });
});
