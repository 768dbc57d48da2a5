import { describe, it, expect, vi } from "vitest";

vi.mock("../src/services/chef.js", () => ({ askChef: vi.fn().mockResolvedValue("   ") }));

import { chefRoutes } from "../src/routes/chef.js";

describe("POST /chef", () => {
  it("replaces an empty model reply with a friendly prompt", async () => {
    const res = await chefRoutes.request("/chef", {
      method: "POST",
      body: JSON.stringify({ sessionId: "s1", message: "how long do I rest a steak?" }),
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ reply: "Sorry, I didn't catch that — could you rephrase?" });
  });
});
