import { describe, expect, it } from "vitest";
import { extractTasks } from "../src/extract";

describe("extractTasks", () => {
  it("refuses an empty text", async () => {
    await expect(extractTasks({ text: "" })).rejects.toThrow("Text is required");
  });
  it("refuses a missing schema", async () => {
    await expect(() => extractTasks({ text: "ship the release" })).rejects.toThrow(/schema is required/i);
  });
});
