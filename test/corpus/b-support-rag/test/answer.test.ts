import { describe, expect, it } from "vitest";
import { buildKnowledgeBase } from "../src/ingest";
import { SupportService } from "../src/support-service";
import { FALLBACK_ANSWER } from "../src/chains/answer";
import articles from "../data/articles.json";

describe.skipIf(!process.env.OPENAI_API_KEY)("SupportService.answer (live model)", () => {
  it("answers from the knowledge base", async () => {
    const service = new SupportService(await buildKnowledgeBase(articles));
    const answer = await service.answer("How long is the password reset link valid?");
    expect(answer).toMatch(/30 minutes/);
    expect(answer).not.toBe(FALLBACK_ANSWER);
  }, 60_000);
});
