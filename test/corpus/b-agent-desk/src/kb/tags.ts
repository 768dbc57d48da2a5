// Suggests tags for tickets in the reporting export.
import { gemini } from "../models";

export interface TagSuggestion {
  tags: string[];
  product: string;
}

const instruction =
  'Return JSON only, shaped {"tags": string[], "product": string}, describing this IT ticket:\n\n';

export async function suggestTags(ticket: string): Promise<TagSuggestion> {
  const res = await gemini.invoke(instruction + ticket);
  return JSON.parse(res.content as string);
}

export async function suggestTagsBulk(tickets: string[]): Promise<TagSuggestion[]> {
  const results = await gemini.batch(
    tickets.map((t) => instruction + t),
    { maxConcurrency: 4 },
  );
  return results.map((r) => {
    try {
      return JSON.parse(r.content as string) as TagSuggestion;
    } catch {
      return { tags: [], product: "unknown" };
    }
  });
}
