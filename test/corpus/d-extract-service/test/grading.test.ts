import { describe, expect, it, vi } from "vitest";

vi.mock("ai", async (orig) => ({
  ...(await orig<typeof import("ai")>()),
  generateObject: vi.fn().mockRejectedValue(new Error("503")),
}));

import { gradeAnswer } from "../src/features/grading";

describe("gradeAnswer", () => {
  it("gives a neutral score when the grader fails", async () => {
    await expect(gradeAnswer("Paris is the capital of France")).resolves.toBe(0);
  });
});
