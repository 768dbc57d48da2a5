import { openai } from "@ai-sdk/openai";
import { generateObject } from "ai";
import { z } from "zod";

export const Triage = z.object({
  category: z.enum(["billing", "bug", "account", "feature-request", "spam", "other"]),
  priority: z.enum(["p1", "p2", "p3"]),
  language: z.string().describe("ISO 639-1 code of the customer's language"),
});
export type Triage = z.infer<typeof Triage>;

export async function triageTicket(subject: string, body: string): Promise<Triage & { escalate: boolean }> {
  const { object } = await generateObject({
    model: openai("gpt-4o-mini"),
    schema: Triage,
    system: "You triage incoming support tickets for Acme Cloud. p1 means the customer cannot use the product at all.",
    prompt: `Subject: ${subject}\n\n${body}`,
  });
  return { ...object, escalate: object.priority === "p1" && object.category !== "spam" };
}
