/** Standup summaries and weekly retros. */
import { anthropic, batchClient } from "./anthropic.js";
import { RETRO_REQUEST_OPTIONS } from "../config.js";

const MODEL = "claude-3-5-haiku-latest";

export async function summarizeStandup(updates) {
  const lines = updates.map((u) => `${u.user}: yesterday ${u.yesterday}; today ${u.today}; blockers ${u.blockers || "none"}`);
  const message = await anthropic.messages.create({
    model: MODEL,
    max_tokens: 600,
    system: "Summarize the team's standup in Slack mrkdwn. Put blockers first, with owners.",
    messages: [{ role: "user", content: lines.join("\n") }],
  });
  return message.content[0]?.type === "text" ? message.content[0].text : "";
}

export async function writeRetro(weekOfSummaries) {
  const message = await batchClient.messages.create(
    {
      model: "claude-sonnet-4-20250514",
      max_tokens: 2000,
      messages: [{ role: "user", content: `Write a short retro of this week's standups:\n\n${weekOfSummaries.join("\n---\n")}` }],
    },
    { ...RETRO_REQUEST_OPTIONS, headers: { "anthropic-beta": "token-efficient-tools-2025-02-19" } },
  );
  console.log(`retro usage: in=${message.usage.input_tokens} out=${message.usage.output_tokens}`);
  return message.content.filter((b) => b.type === "text").map((b) => b.text).join("\n");
}

export async function fitsInContext(text) {
  const { input_tokens } = await anthropic.messages.countTokens({ model: MODEL, messages: [{ role: "user", content: text }] });
  return input_tokens < 150_000;
}
