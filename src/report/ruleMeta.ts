/** The per-check titles and texts (rules/checks/<id>.json) that the SARIF, text and Markdown reports show. */
import { loadCatalog, type Catalog } from "../core/catalog/load";
import type { CheckRule } from "../core/catalog/schema";
import type { CheckId } from "../core/types";

export type CheckMeta = CheckRule;
export type RuleMeta = Record<CheckId, CheckMeta>;

let cached: Catalog | undefined;

/** The bundled catalog, parsed once (the providers' option names for messages). */
export function bundledCatalog(): Catalog {
  cached ??= loadCatalog();
  return cached;
}

/** The parsed check rules; throws with `rules/checks/<id>.json:<line>: <field>: <problem>` if one is malformed. */
export function loadRuleMeta(source?: Record<string, string>): RuleMeta {
  if (source) return loadCatalog(source).checks;
  return bundledCatalog().checks;
}

/** The docs page a finding links to (rules/docs/<id>.md on the main branch). */
export function helpUri(id: CheckId): string {
  return `https://github.com/llm-readiness/llm-readiness/blob/main/rules/docs/${id}.md`;
}

export const INFORMATION_URI = "https://github.com/llm-readiness/llm-readiness";
