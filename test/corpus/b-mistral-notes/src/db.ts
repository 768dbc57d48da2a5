// Tiny persistence layer (SQLite in prod, a Map in dev).
export interface MeetingNotes {
  summary: string;
  decisions: string[];
}

const notes = new Map<string, MeetingNotes>();
const usage: { meetingId: string; tokens: number }[] = [];

export const db = {
  async saveNotes(meetingId: string, value: MeetingNotes) {
    notes.set(meetingId, value);
  },
  async getNotes(meetingId: string) {
    return notes.get(meetingId) ?? null;
  },
  async recordUsage(meetingId: string, tokens: number) {
    usage.push({ meetingId, tokens });
  },
};
