/**
 * test/eval/labels-context-limits.json: hand labels of the context and limits checks (issue #15) on
 * corpus sites and on real repositories; zod-validated, merged into the corpus labels by file and line.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CHECK_VALUES } from "../../src/core/types";
import type { LoadedApp } from "./labels";

const Context = z.enum(CHECK_VALUES.context as unknown as [string, ...string[]]);
const Limits = z.enum(CHECK_VALUES.limits as unknown as [string, ...string[]]);

const Site = { file: z.string().regex(/^[^\\]+$/), line: z.int().min(1), context: Context, limits: Limits, note: z.string().optional() };

export const ContextLimitsLabels = z.strictObject({
  $comment: z.string().optional(),
  corpus: z.array(z.strictObject({ app: z.string(), ...Site })),
  /** Real repositories (../shared/realworld), at the commit their labels were made on. */
  realworld: z.array(z.strictObject({ repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/), commit: z.string().regex(/^[0-9a-f]{40}$/), ...Site })),
});
export type ContextLimitsLabels = z.infer<typeof ContextLimitsLabels>;

export const CONTEXT_LIMITS_FILE = path.resolve("test/eval/labels-context-limits.json");

export function loadContextLimits(file = CONTEXT_LIMITS_FILE): ContextLimitsLabels {
  return ContextLimitsLabels.parse(JSON.parse(fs.readFileSync(file, "utf8")));
}

/** Puts the labels onto the corpus sites they name; returns how many found their site and the ones that did not. */
export function mergeIntoCorpus(apps: LoadedApp[], labels: ContextLimitsLabels): { merged: number; orphans: string[] } {
  let merged = 0;
  const orphans: string[] = [];
  for (const l of labels.corpus) {
    const app = apps.find((a) => a.app === l.app);
    const site = app && "labels" in app ? app.labels.sites.find((s) => s.file === l.file && s.line === l.line) : undefined;
    if (!site) {
      orphans.push(`${l.app}/${l.file}:${l.line}`);
      continue;
    }
    site.checks.context = l.context;
    site.checks.limits = l.limits;
    merged++;
  }
  return { merged, orphans };
}
