// Queue worker: one job per uploaded episode.
import { db } from "./db";
import { transcribeEpisode } from "./steps/transcribe";
import { summarizeTranscript } from "./steps/summary";
import { generateCover } from "./steps/cover";
import { ShowNotesWriter } from "./steps/showNotes";
import { embedForRelated } from "./steps/related";
import { translateNotes } from "./steps/translate";
import { announce } from "./notify";
import { fastGroq, together } from "./clients";

const notesWriter = new ShowNotesWriter();

const related = {
  vectors: new Map<string, number[]>(),
  async upsert(id: string, vector: number[]) {
    this.vectors.set(id, vector);
  },
};

export async function processEpisode(episodeId: string): Promise<void> {
  const episode = await db.get(episodeId);

  const transcript = await transcribeEpisode(episode.audioPath);
  await db.update(episodeId, { transcript });

  const { title, chapters } = await summarizeTranscript(episodeId, transcript);
  const coverUrl = await generateCover(title);

  let showNotes = "";
  try {
    showNotes = await notesWriter.write(title, transcript);
  } catch (err) {
    console.error("show notes failed", err);
    throw err;
  }

  await db.update(episodeId, { title, chapters, coverUrl, showNotes });
  await announce(title, coverUrl);

  try {
    const [vector] = await embedForRelated([`${title}\n${showNotes}`]);
    await related.upsert(episodeId, vector);
  } catch (err) {
    console.warn("related-episodes embedding skipped", err);
  }
}

export async function localizeEpisode(episodeId: string, language: "es" | "de"): Promise<string> {
  const episode = await db.get(episodeId);
  return translateNotes(episode.showNotes ?? "", language);
}

export async function checkProviders(): Promise<boolean> {
  const [groqModels, togetherModels] = await Promise.all([fastGroq.models.list(), together.models.list()]);
  return groqModels.data.length > 0 && togetherModels.length > 0;
}
