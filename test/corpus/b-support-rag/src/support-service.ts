// Facade used by the HTTP layer; owns the retriever over the knowledge base.
import type { MemoryVectorStore } from "langchain/vectorstores/memory";
import { answerQuestion } from "./chains/answer";

export class SupportService {
  private readonly retriever;

  constructor(store: MemoryVectorStore) {
    this.retriever = store.asRetriever({ k: 4 });
  }

  async answer(question: string): Promise<string> {
    const trimmed = question.trim().slice(0, 2_000);
    return answerQuestion(this.retriever, trimmed);
  }
}
