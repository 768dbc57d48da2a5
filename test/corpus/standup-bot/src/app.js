/** Bolt app: collects /standup submissions and runs the schedules. */
import bolt from "@slack/bolt";
import cron from "node-cron";
import { postDailySummary } from "./handlers/standup.js";
import { postWeeklyRetro } from "./handlers/retro.js";
import { nudgeUser } from "./handlers/nudge.js";

const app = new bolt.App({ token: process.env.SLACK_BOT_TOKEN, signingSecret: process.env.SLACK_SIGNING_SECRET });
const today = new Map();

app.command("/standup", async ({ command, ack, respond }) => {
  await ack();
  const [yesterday, todayPlan, blockers] = command.text.split("|").map((s) => s.trim());
  today.set(command.user_id, { user: command.user_name, yesterday, today: todayPlan, blockers });
  await respond({ response_type: "ephemeral", text: "Thanks, noted!" });
});

cron.schedule("30 10 * * 1-5", async () => {
  await postDailySummary(app, [...today.values()]);
  today.clear();
});
cron.schedule("0 16 * * 5", () => postWeeklyRetro(app));
cron.schedule("0 11 * * 1-5", async () => {
  for (const user of await loadMissingUsers()) await nudgeUser(app, user);
});

async function loadMissingUsers() {
  return [];
}

await app.start(Number(process.env.PORT ?? 3000));
