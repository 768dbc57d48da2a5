// Turns a raw meeting transcript into notes and action items.
import type { Mistral } from "@mistralai/mistralai";
import { z } from "zod";
import { llm } from "../clients";
import { db, type MeetingNotes } from "../db";

export const ActionItems = z.object({
  items: z.array(
    z.object({
      owner: z.string(),
      task: z.string(),
      due: z.string().nullable(),
    }),
  ),
});
export type ActionItems = z.infer<typeof ActionItems>;

export class Summarizer {
  constructor(private readonly client: Mistral = llm) {}

  async summarize(meetingId: string, transcript: string): Promise<MeetingNotes> {
    const res = await this.client.chat.complete({
      model: "mistral-small-latest",
      responseFormat: { type: "json_object" },
      messages: [
        {
          role: "system",
          content: 'Summarize the meeting. Reply as JSON: {"summary": string, "decisions": string[]}',
        },
        { role: "user", content: transcript },
      ],
    });
    if (res.usage) await db.recordUsage(meetingId, res.usage.totalTokens ?? 0);

    const content = res.choices?.[0]?.message?.content;
    const text = typeof content === "string" ? content : "";
    try {
      const parsed = JSON.parse(text);
      if (typeof parsed.summary !== "string" || !Array.isArray(parsed.decisions)) {
        throw new Error("unexpected shape");
      }
      return { summary: parsed.summary, decisions: parsed.decisions.map(String) };
    } catch {
      return { summary: text, decisions: [] };
    }
  }

  async actionItems(transcript: string): Promise<ActionItems> {
    const res = await this.client.chat.parse({
      model: "mistral-large-latest",
      messages: [
        { role: "system", content: "List every action item with its owner and due date if one was said." },
        { role: "user", content: transcript },
      ],
      responseFormat: ActionItems,
    });
    return res.choices?.[0]?.message?.parsed ?? { items: [] };
  }
}
