import type { CohereClientV2 } from "cohere-ai";
import { AnswerService } from "../src/answer";

const ranked = [
  { id: "d1", title: "Limits", url: "https://docs.example.com/limits", text: "100 rpm", vector: [], score: 0.9 },
];

describe("AnswerService", () => {
  it("returns cited sources", async () => {
    const co = {
      chat: jest.fn().mockResolvedValue({
        id: "c1",
        finishReason: "COMPLETE",
        message: {
          role: "assistant",
          content: [{ type: "text", text: "The limit is 100 requests per minute." }],
          citations: [{ start: 13, end: 35, text: "100 requests per minute", sources: [{ type: "document", id: "d1" }] }],
        },
      }),
    } as unknown as CohereClientV2;
    const answer = await new AnswerService(co).answer("What is the rate limit?", ranked);
    expect(answer).toEqual({
      text: "The limit is 100 requests per minute.",
      sources: ["https://docs.example.com/limits"],
      degraded: false,
    });
  });

  it("degrades to links when chat fails", async () => {
    const co = { chat: jest.fn().mockRejectedValue(new Error("timeout")) } as unknown as CohereClientV2;
    const answer = await new AnswerService(co).answer("What is the rate limit?", ranked);
    expect(answer.degraded).toBe(true);
    expect(answer.sources).toEqual(["https://docs.example.com/limits"]);
  });
});
