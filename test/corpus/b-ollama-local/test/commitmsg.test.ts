import { describe, expect, it } from "vitest";
import { commitMessage } from "../src/commitmsg.js";
import type { TextEngine } from "../src/engines.js";

const engineReturning = (text: string): TextEngine => ({ generate: async () => text });

describe("commitMessage", () => {
  it("strips code fences around the model's answer", async () => {
    const msg = await commitMessage(engineReturning("```\nfix(api): handle empty list\n\nGuard average().\n```"), "diff");
    expect(msg).toBe("fix(api): handle empty list\n\nGuard average().");
  });

  it("clips long subjects to 72 characters", async () => {
    const msg = await commitMessage(engineReturning("feat: " + "x".repeat(100)), "diff");
    expect(msg.split("\n")[0]).toHaveLength(72);
  });
});
