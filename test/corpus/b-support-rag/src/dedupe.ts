// Flags tickets that repeat an already-open ticket.
import type { MemoryVectorStore } from "langchain/vectorstores/memory";
import { embeddings } from "./llm";

const DUPLICATE_SCORE = 0.92;

export async function findDuplicate(openTickets: MemoryVectorStore, text: string): Promise<string | null> {
  const vector = await embeddings.embedQuery(text);
  const [hit] = await openTickets.similaritySearchVectorWithScore(vector, 1);
  if (!hit || hit[1] < DUPLICATE_SCORE) return null;
  return String(hit[0].metadata.ticketId);
}
