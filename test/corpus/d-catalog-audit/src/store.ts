/** A LangChain vector store that embeds on add and on search. */
import { MemoryVectorStore } from "langchain/vectorstores/memory";
import { OpenAIEmbeddings } from "@langchain/openai";

const store = new MemoryVectorStore(new OpenAIEmbeddings({ model: "text-embedding-3-small" }));

export async function remember(notes: string[]) {
  await store.addDocuments(notes.map((pageContent) => ({ pageContent, metadata: {} })));
  console.log("indexed", notes.length);
}

export async function recall(query: string) {
  const hits = await store.similaritySearch(query, 4);
  console.log(hits.map((h) => h.pageContent).join("\n"));
}
