/** Structured meeting summary (Responses API with a zod text format). */
import { zodTextFormat } from "openai/helpers/zod";
import { z } from "zod";
import { openai } from "../clients.js";

export const MeetingSummary = z.object({
  summary: z.string(),
  decisions: z.array(z.string()),
  openQuestions: z.array(z.string()),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export async function summarizeTranscript(transcript: string): Promise<MeetingSummary> {
  try {
    const response = await openai.responses.parse({
      model: "gpt-4.1-mini",
      instructions: "Summarize the meeting for people who missed it. Decisions must be explicit in the transcript.",
      input: transcript,
      text: { format: zodTextFormat(MeetingSummary, "meeting_summary") },
    });
    if (!response.output_parsed) throw new Error(`no parsed output (status ${response.status})`);
    return response.output_parsed;
  } catch (err) {
    console.error("summary failed", err);
    throw err;
  }
}
