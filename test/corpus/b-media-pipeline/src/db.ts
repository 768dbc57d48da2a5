// Episode store (Postgres in production; this is the interface the steps use).
export interface EpisodeRecord {
  id: string;
  audioPath: string;
  transcript?: string;
  title?: string;
  chapters?: { start: string; title: string }[];
  coverUrl?: string;
  showNotes?: string;
}

const episodes = new Map<string, EpisodeRecord>();
const tokenLog: { episodeId: string; step: string; tokens: number }[] = [];

export const db = {
  async get(id: string) {
    const e = episodes.get(id);
    if (!e) throw new Error(`episode ${id} not found`);
    return e;
  },
  async update(id: string, patch: Partial<EpisodeRecord>) {
    episodes.set(id, { ...(await db.get(id)), ...patch });
  },
  async logTokens(episodeId: string, step: string, tokens: number) {
    tokenLog.push({ episodeId, step, tokens });
  },
};
