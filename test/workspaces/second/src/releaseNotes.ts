import OpenAI from "openai";

const client = new OpenAI();

/** Turns merged pull request titles into a short changelog entry for the release page. */
export async function draftReleaseNotes(version: string, titles: string[]): Promise<string> {
  const completion = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Write release notes: one bullet per user-visible change, no internal refactors." },
      { role: "user", content: `Version ${version}:\n${titles.map((t) => `- ${t}`).join("\n")}` },
    ],
  });
  return completion.choices[0]?.message.content ?? "";
}
