import { describe, expect, it, vi } from "vitest";

vi.mock("../src/chains/summarize", () => ({
  summarizeThread: vi.fn(async () => "x".repeat(2_000)),
}));
vi.mock("../src/chains/extract", () => ({
  extractOrderRef: vi.fn(async () => ({ orderId: "ACME-123456", email: null })),
}));

import { handleCloseTicket } from "../src/tickets";

describe("handleCloseTicket", () => {
  it("clips long summaries before saving them", async () => {
    const saved: string[] = [];
    const store = {
      saveSummary: async (_id: string, s: string) => void saved.push(s),
      attachOrder: async () => {},
    };
    const result = await handleCloseTicket(store, { id: "t1", subject: "", body: "", messages: [] });
    expect(result.length).toBe(1_501);
    expect(saved).toEqual([result]);
  });
});
