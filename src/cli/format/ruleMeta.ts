/** Loads the per-check titles and texts of rules/checks/meta.json that the SARIF, text and Markdown reports show. */
import { z } from "zod";
import files from "rules:all";
import { CHECK_IDS, type CheckId } from "../../core/types";

const CheckMeta = z.object({
  title: z.string().min(1),
  short: z.string().min(1),
  /** What goes wrong in production when the check fails; one or two sentences. */
  consequence: z.string().min(1),
  /** What to change, with code in backticks. */
  remedy: z.string().min(1),
  /** SARIF level of a failing result; a `warn` status is reported one step lower. */
  level: z.enum(["error", "warning", "note"]),
});
export type CheckMeta = z.infer<typeof CheckMeta>;

/** Every check id must be present, and no other key. */
const RuleMeta = z.strictObject(
  Object.fromEntries(CHECK_IDS.map((id) => [id, CheckMeta])) as Record<CheckId, typeof CheckMeta>,
);
export type RuleMeta = z.infer<typeof RuleMeta>;

const META_FILE = "checks/meta.json";
let cached: RuleMeta | undefined;

/** The parsed rules/checks/meta.json; throws with `rules/checks/meta.json: <field>: <problem>` if it is malformed. */
export function loadRuleMeta(source: Record<string, string> = files): RuleMeta {
  if (source === files && cached) return cached;
  const text = source[META_FILE];
  if (text === undefined) throw new Error(`rules/${META_FILE}: missing`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`rules/${META_FILE}: ${(err as Error).message}`);
  }
  const parsed = RuleMeta.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`rules/${META_FILE}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  if (source === files) cached = parsed.data;
  return parsed.data;
}

/** The docs page a finding links to (rules/docs/<id>.md on the main branch). */
export function helpUri(id: CheckId): string {
  return `https://github.com/llm-readiness/llm-readiness/blob/main/rules/docs/${id}.md`;
}

export const INFORMATION_URI = "https://github.com/llm-readiness/llm-readiness";
