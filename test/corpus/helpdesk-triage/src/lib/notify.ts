/** Posts new urgent tickets to the support channel in Slack. */
import { WebClient } from "@slack/web-api";
import type { TicketDoc } from "../models/Ticket.js";

const slack = new WebClient(process.env.SLACK_BOT_TOKEN);
const CHANNEL = process.env.SLACK_SUPPORT_CHANNEL ?? "#support-queue";

export async function notifyTeam(ticket: TicketDoc) {
  if (ticket.priority !== "urgent" && ticket.priority !== "high") return;
  await slack.chat.postMessage({
    channel: CHANNEL,
    text: `:rotating_light: [${ticket.priority}] ${ticket.subject} (${ticket.category})`,
  });
}
