// Title + chapter markers from the transcript, in Groq's JSON mode.
import { fastGroq } from "../clients";
import { db } from "../db";

export interface EpisodeSummary {
  title: string;
  chapters: { start: string; title: string }[];
}

export async function summarizeTranscript(episodeId: string, transcript: string): Promise<EpisodeSummary> {
  try {
    const completion = await fastGroq.chat.completions.create({
      model: "llama-3.3-70b-versatile",
      response_format: { type: "json_object" },
      temperature: 0.3,
      messages: [
        {
          role: "system",
          content:
            'You write podcast metadata. Reply with JSON: {"title": string, "chapters": [{"start": "mm:ss", "title": string}]}',
        },
        { role: "user", content: transcript.slice(0, 60_000) },
      ],
    });
    await db.logTokens(episodeId, "summary", completion.usage?.total_tokens ?? 0);

    const data = JSON.parse(completion.choices[0]?.message.content ?? "{}");
    if (typeof data.title !== "string" || !Array.isArray(data.chapters)) {
      throw new Error("summary JSON has the wrong shape");
    }
    return { title: data.title, chapters: data.chapters };
  } catch (err) {
    console.warn(`summary failed for ${episodeId}, using placeholder`, err);
    return { title: `Episode ${episodeId}`, chapters: [] };
  }
}
