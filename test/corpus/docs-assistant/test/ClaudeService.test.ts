import { describe, it, expect, vi, beforeEach } from "vitest";
import { z } from "zod";

const { create } = vi.hoisted(() => ({ create: vi.fn() }));
vi.mock("@anthropic-ai/sdk", () => ({
  default: class {
    messages = { create };
  },
}));
vi.mock("../src/telemetry/metrics.js", () => ({ metrics: { tokens: { add: vi.fn() } } }));

import { ClaudeService } from "../src/llm/ClaudeService.js";

const usage = { input_tokens: 10, output_tokens: 5 };

describe("ClaudeService", () => {
  beforeEach(() => create.mockReset());

  it("joins the text blocks of the answer", async () => {
    create.mockResolvedValueOnce({
      model: "claude-sonnet-4-20250514",
      usage,
      content: [
        { type: "text", text: "Use " },
        { type: "text", text: "`acme deploy --prod`." },
      ],
    });
    const svc = new ClaudeService();
    expect(await svc.complete([{ role: "user", content: "how do I deploy?" }])).toBe("Use `acme deploy --prod`.");
  });

  it("returns null when the tool input does not match the schema", async () => {
    create.mockResolvedValueOnce({
      model: "claude-3-5-haiku-latest",
      usage,
      content: [{ type: "tool_use", id: "t1", name: "record", input: { title: 42 } }],
    });
    const svc = new ClaudeService();
    expect(await svc.extract(z.object({ title: z.string() }), "extract", "<h1>Hi</h1>")).toBeNull();
  });

  it("returns the validated tool input", async () => {
    create.mockResolvedValueOnce({
      model: "claude-3-5-haiku-latest",
      usage,
      content: [{ type: "tool_use", id: "t1", name: "record", input: { title: "Rollbacks" } }],
    });
    const svc = new ClaudeService();
    expect(await svc.extract(z.object({ title: z.string() }), "extract", "<h1>Rollbacks</h1>")).toEqual({ title: "Rollbacks" });
  });
});
