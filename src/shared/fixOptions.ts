/**
 * The options that shape the code quick-fixes write (core `FixOptions`), validated with zod where they come
 * from outside: the editor's `llmReadiness.fix.*` settings, the CLI's `--fix-*` flags and worker messages.
 */
import path from "node:path";
import { z } from "zod";
import { CHECK_IDS, type CheckId } from "../core/types";

/** Where the generated helpers go: a source file inside the root, `/`-separated (`src/llm/resilience.ts`). */
export const HelperFile = z
  .string()
  .min(1, "the helper file needs a path")
  .refine((p) => !path.isAbsolute(p) && !/^[A-Za-z]:/.test(p), "the helper file must be relative to the workspace folder")
  .transform((p) => p.replace(/\\/g, "/").replace(/^(\.\/)+/, ""))
  .refine((p) => !p.split("/").some((part) => part === ".." || part === ""), "the helper file must stay inside the workspace folder (no `..` or empty segments)")
  .refine((p) => /\.(ts|mts|cts|js|mjs|cjs)$/.test(p) && !/\.d\.[mc]?ts$/.test(p), "the helper file must be a .ts or .js source file");

export const FixOptionsSchema = z.object({
  /** At least a second and at most an hour: a smaller number is a typo for seconds, a larger one bounds nothing. */
  timeoutMs: z.int().min(1_000).max(3_600_000),
  maxRetries: z.int().min(0).max(10),
  helperFile: HelperFile,
  /** The model a generated fallback calls; absent: the fallback is a typed default value to fill in. */
  fallbackModel: z.string().trim().min(1).optional(),
  /** The output cap the limits fix writes (`max_tokens`). */
  maxOutputTokens: z.int().min(16).max(1_000_000).optional(),
  /** How many recent messages the context fix keeps; absent or 0: no such fix. */
  historyMessages: z.int().min(0).max(1_000).optional(),
});
export type FixOptionsInput = z.infer<typeof FixOptionsSchema>;

/** `timeout,retry` (commas or spaces) → the check ids; throws with a one-line reason naming the bad one. */
export function parseCheckList(text: string): CheckId[] {
  const names = text.split(/[\s,]+/).filter(Boolean);
  if (!names.length) throw new Error(`names no check (one or more of ${CHECK_IDS.join(", ")})`);
  const bad = names.find((n) => !(CHECK_IDS as readonly string[]).includes(n));
  if (bad !== undefined) throw new Error(`unknown check "${bad}" (the checks are ${CHECK_IDS.join(", ")})`);
  return [...new Set(names as CheckId[])];
}
