import { describe, expect, it } from "vitest";
import { triageTicket, TriageSchema } from "../src/chains/triage";

describe.skipIf(!process.env.OPENAI_API_KEY)("triageTicket (live model)", () => {
  it("routes an outage report to the outage queue with high urgency", async () => {
    const triage = await triageTicket(
      "Dashboard down",
      "Since 09:10 UTC every request to the dashboard returns 502. Our whole team is blocked.",
    );
    expect(TriageSchema.safeParse(triage).success).toBe(true);
    expect(triage.category).toBe("outage");
    expect(triage.urgency).toBe("high");
  }, 30_000);

  it("routes a refund question to billing", async () => {
    const triage = await triageTicket("Refund", "I bought the annual plan yesterday by mistake, can I get my money back?");
    expect(triage.category).toBe("billing");
  }, 30_000);
});
