/**
 * Whether a suppression's reason says why: the analyzer ignores a directive whose reason is a placeholder, and
 * the editor's "Disable a check for this line…" refuses one. No TypeScript import: the extension host loads it.
 */

/** Reasons that say nothing: what an editor pre-fills, or a note to self. */
const PLACEHOLDERS = new Set(["reason", "todo", "tbd", "fixme", "why", "<why>", "<reason>", "n/a", "na", "none", "-", "..."]);

/** A reason says why in a phrase, not a word (ESLint's `require-description` asks for any text; a reviewer needs a little more). */
export const MIN_REASON_WORDS = 3;

/** Why a suppression's reason is a placeholder (empty, `reason`, `todo`, `tbd`, under three words), or undefined when it says something. */
export function placeholderReason(reason: string): string | undefined {
  const r = reason.trim();
  if (!r) return `the reason is empty (say why the check does not apply, in ${MIN_REASON_WORDS} words or more)`;
  const bare = r.toLowerCase().replace(/[.:;!?]+$/, "");
  if (PLACEHOLDERS.has(bare)) return `the reason \`${r}\` is a placeholder (say why the check does not apply, in ${MIN_REASON_WORDS} words or more)`;
  const words = r.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length < MIN_REASON_WORDS) return `the reason \`${r}\` is too short to say why (${MIN_REASON_WORDS} words or more)`;
  return undefined;
}
