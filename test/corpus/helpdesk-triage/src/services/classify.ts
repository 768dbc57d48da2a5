/** Auto-triage: category, priority and a one-line summary for each incoming ticket. */
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import { openai, TRIAGE_MODEL, recordUsage, logger } from "../lib/index.js";

export const TicketLabel = z.object({
  category: z.enum(["billing", "bug", "account", "feature-request", "other"]),
  priority: z.enum(["low", "normal", "high", "urgent"]),
  summary: z.string().max(200),
});
export type TicketLabel = z.infer<typeof TicketLabel>;

const FALLBACK_LABEL: TicketLabel = { category: "other", priority: "normal", summary: "" };

const SYSTEM_PROMPT = `You triage customer support tickets for a SaaS invoicing product.
Pick the single best category and a priority. "urgent" is only for outages or data loss.`;

export async function classifyTicket(subject: string, body: string): Promise<TicketLabel> {
  try {
    const completion = await openai.beta.chat.completions.parse({
      model: TRIAGE_MODEL,
      temperature: 0,
      messages: [
        { role: "system", content: SYSTEM_PROMPT },
        { role: "user", content: `Subject: ${subject}\n\n${body}` },
      ],
      response_format: zodResponseFormat(TicketLabel, "ticket_label"),
    });
    await recordUsage("classify", TRIAGE_MODEL, completion.usage);
    return completion.choices[0].message.parsed ?? FALLBACK_LABEL;
  } catch (err) {
    logger.warn({ err }, "ticket classification failed, using the default label");
    return FALLBACK_LABEL;
  }
}
