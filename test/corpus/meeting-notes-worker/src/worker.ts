/** BullMQ worker: one job per uploaded recording. */
import { Worker, type Job } from "bullmq";
import { transcribeRecording } from "./jobs/transcribe.js";
import { summarizeTranscript } from "./jobs/summarize.js";
import { extractActionItems } from "./jobs/actionItems.js";
import { suggestTitle } from "./jobs/title.js";
import { generateCover } from "./jobs/cover.js";
import { sendSummarySms } from "./notify.js";
import { saveMeeting } from "./db.js";

interface MeetingJob {
  meetingId: string;
  audioPath: string;
  phone?: string;
}

export async function processMeeting(job: Job<MeetingJob>) {
  const transcript = await transcribeRecording(job.data.audioPath);
  await job.updateProgress(40);
  const [summary, actionItems, title] = await Promise.all([
    summarizeTranscript(transcript),
    extractActionItems(transcript),
    suggestTitle(transcript),
  ]);
  const cover = await generateCover(title);
  await saveMeeting(job.data.meetingId, { transcript, title, cover, actionItems, ...summary });
  if (job.data.phone) await sendSummarySms(job.data.phone, title, summary.summary);
}

new Worker<MeetingJob>("meetings", processMeeting, {
  connection: { url: process.env.REDIS_URL ?? "redis://localhost:6379" },
  concurrency: 2,
});
