/** Short page summaries shown in search results. */
import { claude } from "./index.js";

export async function summarizePage(title: string, text: string): Promise<string> {
  return claude.complete([
    { role: "user", content: `Summarize the docs page "${title}" in at most three sentences.\n\n${text}` },
  ]);
}
