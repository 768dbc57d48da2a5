import { describe, expect, it } from "vitest";
import { reviewDiff, ReviewSchema } from "../src/review.js";

const BUGGY_DIFF = `diff --git a/src/math.ts b/src/math.ts
+export function average(xs: number[]) {
+  return xs.reduce((a, b) => a + b) / xs.length;
+}
`;

describe.skipIf(!process.env.OLLAMA_HOST)("reviewDiff (local model)", () => {
  it("returns a schema-valid review that flags the empty-array case", async () => {
    const review = await reviewDiff(BUGGY_DIFF);
    expect(ReviewSchema.safeParse(review).success).toBe(true);
    expect(review.findings.length).toBeGreaterThan(0);
  }, 120_000);
});
