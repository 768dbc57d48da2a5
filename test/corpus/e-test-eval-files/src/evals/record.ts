import { digestMeeting } from "../digest.js";
import { saveReview } from "./db.js";

/** Records a quarterly evaluation from the review meeting's transcript. */
export async function recordReview(employeeId: string, quarter: string, transcript: string): Promise<void> {
  const summary = await digestMeeting(transcript);
  await saveReview({ employeeId, quarter, summary });
}
