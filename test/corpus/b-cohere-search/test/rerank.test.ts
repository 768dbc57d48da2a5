import { rerankChunks } from "../src/search/rerank";
import { cohere } from "../src/cohere";
import type { DocChunk } from "../src/search/vectorIndex";

jest.mock("../src/cohere", () => ({ cohere: { rerank: jest.fn() } }));

const chunk = (id: string): DocChunk => ({ id, title: id, url: `https://docs.example.com/${id}`, text: id, vector: [] });

describe("rerankChunks", () => {
  it("orders chunks by Cohere relevance", async () => {
    (cohere.rerank as jest.Mock).mockResolvedValue({
      id: "r1",
      results: [
        { index: 2, relevanceScore: 0.91 },
        { index: 0, relevanceScore: 0.4 },
      ],
    });
    const ranked = await rerankChunks("rate limits", [chunk("a"), chunk("b"), chunk("c")], 2);
    expect(ranked.map((c) => c.id)).toEqual(["c", "a"]);
    expect(ranked[0].score).toBeCloseTo(0.91);
  });

  it("keeps the vector order when rerank fails", async () => {
    (cohere.rerank as jest.Mock).mockRejectedValue(new Error("429"));
    const ranked = await rerankChunks("rate limits", [chunk("a"), chunk("b")], 1);
    expect(ranked).toEqual([{ ...chunk("a"), score: 0 }]);
  });
});
