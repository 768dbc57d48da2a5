import { askModel } from "../lib/llm";

export interface TicketStats {
  id: string;
  subject: string;
  category: string;
  openHours: number;
}

/** Runs at 07:00 from the scheduler; the digest is posted to #support-leads. */
export async function buildDailyDigest(date: string, stats: TicketStats[]): Promise<string> {
  const table = stats.map((t) => `- ${t.subject} (${t.category}, open ${t.openHours}h)`).join("\n");
  const overview = await askModel(`Here are yesterday's open tickets:\n${table}\n\nWhat should the team look at first, and why?`, {
    system: "You write a three-sentence morning briefing for a support team lead.",
    maxTokens: 250,
  });
  return `*Support digest for ${date}*\n\n${overview}\n\n${table}`;
}
