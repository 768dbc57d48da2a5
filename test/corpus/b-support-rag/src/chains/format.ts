import type { DocumentInterface } from "@langchain/core/documents";

export function formatDocs(docs: DocumentInterface[]): string {
  return docs.map((d) => `## ${d.metadata.title}\n${d.pageContent}`).join("\n\n");
}
