// Retrieval-augmented answer chain for the "ask" widget.
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { StringOutputParser } from "@langchain/core/output_parsers";
import type { VectorStoreRetriever } from "@langchain/core/vectorstores";
import { getChatModel } from "../llm";
import { formatDocs } from "./format";

export const answerPrompt = ChatPromptTemplate.fromMessages([
  [
    "system",
    "You are a support agent for Acme Cloud. Answer only from the context below. " +
      "If the context does not contain the answer, say so.\n\nContext:\n{context}",
  ],
  ["human", "{question}"],
]);

const model = getChatModel(process.env.SUPPORT_PROVIDER === "anthropic" ? "anthropic" : "openai");

export const FALLBACK_ANSWER =
  "I couldn't find that in our help center. A human agent will follow up shortly.";

export async function answerQuestion(
  retriever: VectorStoreRetriever,
  question: string,
): Promise<string> {
  const docs = await retriever.invoke(question);
  if (docs.length === 0) return FALLBACK_ANSWER;

  try {
    return await answerPrompt.pipe(model).pipe(new StringOutputParser()).invoke({
      context: formatDocs(docs),
      question,
    });
  } catch (err) {
    console.warn("answer chain failed, using canned answer", err);
    return FALLBACK_ANSWER;
  }
}
