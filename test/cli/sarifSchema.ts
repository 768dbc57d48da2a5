/**
 * The official SARIF 2.1.0 schema as a validator, for every test that renders SARIF. sarif-schema-2.1.0.json is
 * vendored unchanged from https://github.com/oasis-tcs/sarif-spec/blob/main/sarif-2.1/schema/sarif-schema-2.1.0.json
 * (commit a560296ca8c921f3bdb8d4a8db57ab83dae968a7); no npm package we use ships it.
 */
import assert from "node:assert/strict";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import sarifSchema from "./sarif-schema-2.1.0.json";

/**
 * The schema is draft-04, which Ajv 8 does not load; its only draft-04-only keyword is the root `id` (draft-06+
 * `$id`), so it compiles unchanged in Ajv's draft-07 mode once that is renamed and `$schema` dropped.
 */
export function sarifValidator() {
  const { $schema: _draft, id, ...rest } = sarifSchema as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile({ $id: String(id), ...rest });
}

let validate: ReturnType<typeof sarifValidator> | undefined;
export function assertValidSarif(log: unknown) {
  validate ??= sarifValidator();
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}
