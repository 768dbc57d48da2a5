/** Weekly: turns merged PR titles into a customer-facing changelog entry (Claude on Bedrock). */
import { getBedrock } from "../llm/index.js";

export async function draftChangelog(prTitles: string[]): Promise<string> {
  const client = getBedrock();
  const message = await client.messages.create({
    model: "anthropic.claude-3-5-sonnet-20241022-v2:0",
    max_tokens: 1500,
    messages: [
      {
        role: "user",
        content: `Write a changelog entry in Markdown for these merged pull requests:\n${prTitles.map((t) => `- ${t}`).join("\n")}`,
      },
    ],
  });
  const text = message.content[0].type === "text" ? message.content[0].text : "";
  console.info(`changelog: ${message.usage.input_tokens} in / ${message.usage.output_tokens} out tokens`);
  return text;
}
