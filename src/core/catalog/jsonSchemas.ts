/** The JSON Schemas of rules/schema/, generated from the zod schemas (`npm run schema` writes them; a test fails when they are stale). */
import { z } from "zod";
import { Config } from "../config";
import { CheckRule, HttpCatalog, ObservabilityCatalog, Provider } from "./schema";
import { PriceFile } from "./prices";

const TARGET = "draft-7";

/** Draft-07 is what every editor's JSON support (VS Code's included) fully understands. */
function schemaOf(schema: z.ZodType, title: string, description: string): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { target: TARGET, io: "input" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, title, description, ...rest };
}

/** File name under rules/schema/ → JSON Schema. */
export function jsonSchemas(): Record<string, Record<string, unknown>> {
  return {
    "config.schema.json": schemaOf(
      Config,
      "LLM Readiness configuration",
      "`.llm-readiness.json` at the scanned root, or the `llmReadiness` key of its package.json (README.md, Configuration).",
    ),
    "package.schema.json": {
      $schema: "http://json-schema.org/draft-07/schema#",
      title: "LLM Readiness configuration in package.json",
      description: "The `llmReadiness` key of a package.json holds the same object as `.llm-readiness.json`.",
      type: "object",
      properties: { llmReadiness: { $ref: "./config.schema.json" } },
    },
    "provider.schema.json": schemaOf(Provider, "LLM Readiness provider", "rules/providers/<id>.json: an SDK's call sites, option names and defaults."),
    "http.schema.json": schemaOf(HttpCatalog, "LLM Readiness HTTP clients", "rules/http.json: generic HTTP clients and known LLM hosts."),
    "observability.schema.json": schemaOf(ObservabilityCatalog, "LLM Readiness observability", "rules/observability.json: tracing wrappers, proxies and instrumentations."),
    "prices.schema.json": schemaOf(PriceFile, "LLM Readiness prices", "rules/prices/<provider>.json: token prices per model, context window, default output limit, source and date read."),
    "check.schema.json": schemaOf(CheckRule, "LLM Readiness check", "rules/checks/<id>.json: a check's texts, statuses, severities and weight."),
  };
}

/** The files' text as written: 2-space JSON with a final newline. */
export function renderJsonSchemas(): Record<string, string> {
  return Object.fromEntries(Object.entries(jsonSchemas()).map(([name, schema]) => [name, `${JSON.stringify(schema, null, 2)}\n`]));
}
