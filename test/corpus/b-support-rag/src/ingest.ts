// Builds the in-memory knowledge base from help-center articles.
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { Document } from "@langchain/core/documents";
import { MemoryVectorStore } from "langchain/vectorstores/memory";
import { embeddings } from "./llm";
import type { Article } from "./types";

const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 800, chunkOverlap: 100 });

export async function buildKnowledgeBase(articles: Article[]): Promise<MemoryVectorStore> {
  const docs = articles.map(
    (a) => new Document({ pageContent: a.body, metadata: { id: a.id, title: a.title } }),
  );
  const chunks = await splitter.splitDocuments(docs);
  return MemoryVectorStore.fromDocuments(chunks, embeddings);
}
