/** DMs people who missed standup; the text appears progressively. */
import { streamNudge } from "../llm/nudge.js";

export async function nudgeUser(app, user) {
  const dm = await app.client.conversations.open({ users: user.id });
  const posted = await app.client.chat.postMessage({ channel: dm.channel.id, text: "…" });
  let text = "";
  await streamNudge(user.name, user.missedDays, async (delta) => {
    text += delta;
    await app.client.chat.update({ channel: dm.channel.id, ts: posted.ts, text });
  });
}
