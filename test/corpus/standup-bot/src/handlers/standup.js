/** Posts the daily summary to the standup channel. */
import { summarizeStandup, fitsInContext } from "../llm/standup.js";
import { STANDUP_CHANNEL } from "../config.js";

export async function postDailySummary(app, updates) {
  const raw = updates.map((u) => `• *${u.user}*: ${u.today}${u.blockers ? ` (blocked: ${u.blockers})` : ""}`).join("\n");
  if (!(await fitsInContext(raw))) {
    await app.client.chat.postMessage({ channel: STANDUP_CHANNEL, text: raw });
    return;
  }
  const summary = await summarizeStandup(updates).catch((err) => {
    console.error("standup summary failed, posting raw updates", err);
    return null;
  });
  await app.client.chat.postMessage({ channel: STANDUP_CHANNEL, text: summary ?? raw });
}
