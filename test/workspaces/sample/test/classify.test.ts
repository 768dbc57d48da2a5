import { describe, expect, it, vi } from "vitest";

vi.mock("ai", () => ({ generateObject: vi.fn() }));
vi.mock("@ai-sdk/openai", () => ({ openai: (id: string) => ({ modelId: id }) }));

import { generateObject } from "ai";
import { triageTicket } from "../src/lib/classify";

describe("triageTicket", () => {
  it("escalates tickets the model rates p1", async () => {
    vi.mocked(generateObject).mockResolvedValueOnce({
      object: { category: "bug", priority: "p1", language: "en" },
    } as never);

    await expect(triageTicket("Dashboard is down", "Nothing loads since 9am")).resolves.toEqual({
      category: "bug",
      priority: "p1",
      language: "en",
      escalate: true,
    });
  });

  it("never escalates spam, whatever its priority", async () => {
    vi.mocked(generateObject).mockResolvedValueOnce({
      object: { category: "spam", priority: "p1", language: "en" },
    } as never);

    const triage = await triageTicket("URGENT!!!", "Buy followers now");
    expect(triage.escalate).toBe(false);
  });
});
