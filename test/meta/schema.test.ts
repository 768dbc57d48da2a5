/** The JSON Schemas in rules/schema/ are the ones the zod schemas generate (run `npm run schema` after changing one), and the rules files point at them. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { renderJsonSchemas } from "../../src/core/catalog/jsonSchemas";

const RULES = path.resolve("rules");

function rulesJsonFiles(dir = RULES): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "schema" ? [] : rulesJsonFiles(p);
    return e.name.endsWith(".json") ? [p] : [];
  });
}

describe("rules/schema", () => {
  const rendered = renderJsonSchemas();

  for (const [name, text] of Object.entries(rendered)) {
    it(`${name} is up to date (npm run schema)`, () => {
      const file = path.join(RULES, "schema", name);
      assert.ok(fs.existsSync(file), `rules/schema/${name} is missing: run npm run schema`);
      assert.equal(fs.readFileSync(file, "utf8"), text, `rules/schema/${name} is stale: run npm run schema`);
    });
  }

  it("has no schema file that nothing generates", () => {
    const dir = path.join(RULES, "schema");
    const extra = fs.readdirSync(dir).filter((f) => !(f in rendered));
    assert.deepEqual(extra, []);
  });

  it("every catalog file names an existing schema in $schema (other rules files may), and validates against it", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    // The files the catalog loader reads (src/core/catalog/load.ts) must name theirs.
    const catalogFile = (rel: string) => /^rules\/(providers|checks)\/[^/]+\.json$|^rules\/(http|observability)\.json$/.test(rel);
    for (const file of rulesJsonFiles()) {
      const rel = path.relative(path.dirname(RULES), file).split(path.sep).join("/");
      const data = JSON.parse(fs.readFileSync(file, "utf8")) as { $schema?: string };
      if (!data.$schema && !catalogFile(rel)) continue;
      assert.ok(data.$schema, `${rel}: no $schema`);
      const schemaFile = path.resolve(path.dirname(file), data.$schema);
      assert.ok(fs.existsSync(schemaFile), `${rel}: $schema ${data.$schema} does not exist`);
      const validate = ajv.getSchema(schemaFile) ?? (ajv.addSchema(JSON.parse(fs.readFileSync(schemaFile, "utf8")), schemaFile), ajv.getSchema(schemaFile)!);
      assert.ok(validate(data), `${rel}: ${ajv.errorsText(validate.errors)}`);
    }
  });

  it("the config schema accepts a full example and rejects unknown keys", () => {
    const ajv = new Ajv({ strict: false });
    const schema = JSON.parse(rendered["config.schema.json"]!);
    const validate = ajv.compile(schema);
    const example = {
      $schema: "./node_modules/llm-readiness/rules/schema/config.schema.json",
      include: ["src/**"],
      exclude: ["src/legacy/**"],
      severity: { eval: "off", usage: "hint" },
      wrappers: { retry: ["withBackoff"], timeout: ["withDeadline"], fallback: [], usage: ["metered"] },
      evalGlobs: ["qa/**/*.ts"],
      minScore: 70,
    };
    assert.ok(validate(example), ajv.errorsText(validate.errors));
    assert.equal(validate({ ...example, minscore: 70 }), false);
    assert.equal(validate({ severity: { timeout: "loud" } }), false);
  });
});
