// Conventional-commit message for the staged diff.
import type { TextEngine } from "./engines.js";

const MAX_SUBJECT = 72;

export async function commitMessage(engine: TextEngine, diff: string): Promise<string> {
  const prompt =
    "Write a conventional commit message (type(scope): subject, blank line, body) for this diff. " +
    "Output the message only.\n\n" +
    diff;
  const raw = await engine.generate(prompt);
  const [subject = "", ...body] = raw.trim().replace(/^```\w*\n?|```$/g, "").split("\n");
  const clipped = subject.length > MAX_SUBJECT ? subject.slice(0, MAX_SUBJECT - 1) + "…" : subject;
  return [clipped, ...body].join("\n").trim();
}
