import { describe, expect, it } from "bun:test";
import { appRouter } from "../src/server/root";

describe("notes.title", () => {
  it("titles a note", async () => {
    const caller = appRouter.createCaller({ userId: "u1" });
    const out = await caller.notes.title({ body: "Buy milk and eggs before Sunday" });
    expect(out.title.length).toBeGreaterThan(0);
  });
});
