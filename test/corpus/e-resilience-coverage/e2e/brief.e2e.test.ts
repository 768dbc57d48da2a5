import { describe, expect, it } from "vitest";

const BASE = process.env.E2E_BASE_URL ?? "http://localhost:3000";

describe("POST /api/brief", () => {
  it("returns a summary", async () => {
    const res = await fetch(`${BASE}/api/brief`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: "The release ships on Friday after the last review." }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.summary.length).toBeGreaterThan(0);
  });
});
