import { classifyTicket } from "../src/classify";
import { aoai } from "../src/azure";

jest.mock("../src/azure", () => ({
  aoai: { getChatCompletions: jest.fn() },
  DEPLOYMENTS: { mini: "test-mini" },
}));

const reply = (content: string) => ({ id: "1", created: new Date(), choices: [{ index: 0, message: { role: "assistant", content } }] });

describe("classifyTicket", () => {
  it("returns the model's group when it is valid", async () => {
    (aoai.getChatCompletions as jest.Mock).mockResolvedValue(reply('{"group":"identity"}'));
    await expect(classifyTicket("I'm locked out of my account")).resolves.toBe("identity");
  });

  it("falls back to general on unknown groups, bad JSON and errors", async () => {
    (aoai.getChatCompletions as jest.Mock).mockResolvedValueOnce(reply('{"group":"printers"}'));
    await expect(classifyTicket("printer jam")).resolves.toBe("general");
    (aoai.getChatCompletions as jest.Mock).mockResolvedValueOnce(reply("not json"));
    await expect(classifyTicket("printer jam")).resolves.toBe("general");
    (aoai.getChatCompletions as jest.Mock).mockRejectedValueOnce(new Error("429"));
    await expect(classifyTicket("printer jam")).resolves.toBe("general");
  });
});
