// Posts to the producers' Slack channel.
import { WebClient } from "@slack/web-api";

const slack = new WebClient(process.env.SLACK_BOT_TOKEN);

export async function announce(title: string, coverUrl: string): Promise<void> {
  await slack.chat.postMessage({
    channel: process.env.SLACK_CHANNEL ?? "#podcast-prod",
    text: `New episode ready for review: *${title}*`,
    blocks: [{ type: "image", image_url: coverUrl, alt_text: title }],
  });
}
