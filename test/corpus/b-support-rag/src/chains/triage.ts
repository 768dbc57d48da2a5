// Classifies incoming tickets into a queue and an urgency.
import { z } from "zod";
import { fastModel } from "../llm";

export const TriageSchema = z.object({
  category: z.enum(["billing", "outage", "account", "how-to", "other"]),
  urgency: z.enum(["low", "normal", "high"]),
  summary: z.string().max(200),
});
export type Triage = z.infer<typeof TriageSchema>;

export const DEFAULT_TRIAGE: Triage = { category: "other", urgency: "normal", summary: "" };

const triageModel = fastModel.withStructuredOutput(TriageSchema, { name: "triage" });

export async function triageTicket(subject: string, body: string): Promise<Triage> {
  return triageModel.invoke(
    [
      { role: "system", content: "Classify the support ticket. Outages are always high urgency." },
      { role: "user", content: `Subject: ${subject}\n\n${body}` },
    ],
    { signal: AbortSignal.timeout(20_000) },
  );
}
