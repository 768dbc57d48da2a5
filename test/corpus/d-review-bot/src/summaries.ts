import { gpt } from "./clients";
import { commitMessage } from "./http";

export async function summarize(text: string): Promise<string> {
  const res = await gpt.chat.completions.create({
    model: "gpt-4.1-nano",
    messages: [{ role: "user", content: `Summarize in two sentences:\n${text.slice(0, 16_000)}` }],
  });
  return res.choices[0]?.message.content ?? "";
}

/** The caller retries the whole summary three times before giving up with a placeholder. */
export async function summaryForRelease(notes: string): Promise<string> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await summarize(notes);
    } catch (err) {
      console.warn(`summary attempt ${attempt} failed`, err);
      await new Promise((r) => setTimeout(r, 1_000 * attempt));
    }
  }
  return "(no summary)";
}

/** A deadline the caller passes; commitMessage spreads it into its fetch. */
export async function quickCommitMessage(diff: string): Promise<string> {
  return commitMessage(diff, { signal: AbortSignal.timeout(8_000) });
}

export async function commitMessageForPush(diff: string): Promise<string> {
  try {
    return await commitMessage(diff);
  } catch {
    return "chore: update";
  }
}
