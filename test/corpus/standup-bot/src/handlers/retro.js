/** Friday retro, built from the week's summaries stored in the channel history. */
import { writeRetro } from "../llm/index.js";
import { STANDUP_CHANNEL } from "../config.js";

export async function postWeeklyRetro(app) {
  const history = await app.client.conversations.history({ channel: STANDUP_CHANNEL, limit: 50 });
  const summaries = (history.messages ?? []).filter((m) => m.bot_id).map((m) => m.text ?? "");
  try {
    const retro = await writeRetro(summaries);
    await app.client.chat.postMessage({ channel: STANDUP_CHANNEL, text: `*Weekly retro*\n${retro}` });
  } catch (err) {
    console.error("retro failed", err);
    throw err;
  }
}
