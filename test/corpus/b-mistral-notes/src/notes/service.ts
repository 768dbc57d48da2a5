// Meeting pipeline: summarize, store, return.
import { Summarizer } from "./Summarizer";
import { db, type MeetingNotes } from "../db";

const summarizer = new Summarizer();

export async function processMeeting(meetingId: string, transcript: string): Promise<MeetingNotes> {
  const notes = await summarizer.summarize(meetingId, transcript);
  await db.saveNotes(meetingId, notes);
  return notes;
}

export async function listActionItems(transcript: string) {
  try {
    return await summarizer.actionItems(transcript);
  } catch (err) {
    console.error("action items failed", err);
    throw new Error("Could not extract action items", { cause: err });
  }
}
