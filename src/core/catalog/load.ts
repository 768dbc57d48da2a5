/** Loads and validates the built-in catalog (rules/ bundled as text) into lookup tables the scanner uses. */
import files from "rules:all";
import { z } from "zod";
import { formatIssues } from "./jsonLocation";
import { CHECK_IDS, CHECK_VALUES, type CheckId } from "../types";
import { CheckRule, HttpCatalog, ObservabilityCatalog, Provider } from "./schema";

export class CatalogError extends Error {}

/** Parses JSON text against a schema; throws CatalogError listing `file:line: field: message`. */
export function parseJsonFile<S extends z.ZodType>(fileName: string, text: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CatalogError(`${fileName}: invalid JSON: ${(e as Error).message}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new CatalogError(formatIssues(fileName, text, r.error.issues).join("\n"));
  return r.data;
}

export interface Catalog {
  providers: Provider[];
  http: HttpCatalog;
  observability: ObservabilityCatalog;
  checks: Record<CheckId, CheckRule>;
}

/** Builds a catalog from rules file texts keyed by path relative to rules/ (the bundled set by default). */
export function loadCatalog(texts: Record<string, string> = files): Catalog {
  const providers: Provider[] = [];
  for (const [name, text] of Object.entries(texts).sort(([a], [b]) => a.localeCompare(b))) {
    if (/^providers\/[^/]+\.json$/.test(name)) {
      const p = parseJsonFile(`rules/${name}`, text, Provider);
      if (`providers/${p.id}.json` !== name) throw new CatalogError(`rules/${name}:1: id: must match the file name (got "${p.id}")`);
      providers.push(p);
    }
  }
  const httpText = texts["http.json"];
  if (!httpText) throw new CatalogError("rules/http.json is missing");
  const obsText = texts["observability.json"];
  if (!obsText) throw new CatalogError("rules/observability.json is missing");
  const checks = {} as Record<CheckId, CheckRule>;
  for (const id of CHECK_IDS) {
    const name = `checks/${id}.json`;
    const text = texts[name];
    if (!text) throw new CatalogError(`rules/${name} is missing`);
    const rule = parseJsonFile(`rules/${name}`, text, CheckRule);
    if (rule.id !== id) throw new CatalogError(`rules/${name}:1: id: must be "${id}"`);
    const want = [...CHECK_VALUES[id]].sort().join(",");
    const got = Object.keys(rule.values).sort().join(",");
    if (want !== got) throw new CatalogError(`rules/${name}: values: must be exactly ${want} (CHECKS.md), got ${got}`);
    checks[id] = rule;
  }
  return {
    checks,
    providers,
    http: parseJsonFile("rules/http.json", httpText, HttpCatalog),
    observability: parseJsonFile("rules/observability.json", obsText, ObservabilityCatalog),
  };
}
