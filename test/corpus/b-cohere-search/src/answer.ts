// Grounded answers with citations (Cohere chat + documents).
import type { CohereClientV2 } from "cohere-ai";
import type { RankedChunk } from "./search/rerank";

export interface Answer {
  text: string;
  sources: string[];
  degraded: boolean;
}

export class AnswerService {
  constructor(private readonly co: CohereClientV2) {}

  async answer(question: string, chunks: RankedChunk[]): Promise<Answer> {
    try {
      const res = await this.co.chat({
        model: "command-r-plus-08-2024",
        messages: [
          { role: "system", content: "Answer from the documents. Say you don't know otherwise." },
          { role: "user", content: question },
        ],
        documents: chunks.map((c) => ({ id: c.id, data: { title: c.title, snippet: c.text } })),
      });
      const tokens = res.usage?.tokens;
      console.info("cohere chat usage", { input: tokens?.inputTokens, output: tokens?.outputTokens });
      const text = res.message.content?.find((c) => c.type === "text")?.text ?? "";
      const cited = new Set((res.message.citations ?? []).flatMap((c) => c.sources ?? []).map((s) => s.id));
      return { text, sources: chunks.filter((c) => cited.has(c.id)).map((c) => c.url), degraded: false };
    } catch (err) {
      console.error("chat failed, returning top links only", err);
      return {
        text: "Here are the most relevant pages I found:",
        sources: chunks.slice(0, 3).map((c) => c.url),
        degraded: true,
      };
    }
  }
}
