import { describe, expect, it, vi } from "vitest";

vi.mock("../src/lib/structured", () => ({
  extract: vi.fn().mockResolvedValue({ total: 12.5, currency: "eur" }),
}));

import { readInvoice } from "../src/features/invoices";

describe("readInvoice", () => {
  it("upper-cases the currency", async () => {
    await expect(readInvoice("INVOICE 12.50 eur")).resolves.toEqual({ total: 12.5, currency: "EUR" });
  });
});
