import { describe, it, expect, vi } from "vitest";

const { create } = vi.hoisted(() => ({ create: vi.fn().mockResolvedValue({ choices: [{ message: {} }] }) }));
vi.mock("../src/clients.js", () => ({ azure: { withOptions: () => ({ chat: { completions: { create } } }) } }));

import { extractActionItems } from "../src/jobs/actionItems.js";

describe("extractActionItems", () => {
  it("forces the record_action_items tool", async () => {
    await extractActionItems("Bob will send the deck by Friday.");
    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({ tool_choice: { type: "function", function: { name: "record_action_items" } } }),
    );
  });
});
