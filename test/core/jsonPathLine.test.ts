/** The TypeScript-free JSON path locator agrees with the one built on TypeScript's JSON parser (catalog/jsonLocation.ts). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lineOfJsonPath } from "../../src/core/catalog/jsonLocation";
import { jsonPathLine } from "../../src/core/jsonPathLine";

const TEXT = `{
  "version": 1,
  "tool": "llm-readiness",
  "nested": { "a": [1, {"b": "x,}]\\"y"}, 3], "c": {} },
  "findings": [
    {"fingerprint":"0123456789abcdef","file":"a.ts"},
    {
      "fingerprint": "bad",
      "file": "b\\n.ts"
    },
    []
  ],
  "last":
    true
}
`;

describe("jsonPathLine", () => {
  it("finds keys, array elements and nested values as TypeScript's JSON parser does", () => {
    const paths: PropertyKey[][] = [
      [],
      ["version"],
      ["tool"],
      ["nested"],
      ["nested", "a", 1, "b"],
      ["nested", "c"],
      ["findings"],
      ["findings", 0],
      ["findings", 0, "file"],
      ["findings", 1],
      ["findings", 1, "fingerprint"],
      ["findings", 1, "file"],
      ["findings", 2],
      ["last"],
    ];
    for (const p of paths) assert.equal(jsonPathLine(TEXT, p), lineOfJsonPath(TEXT, p), p.join("."));
  });

  it("falls back to the nearest parent for a path that is not there", () => {
    assert.equal(jsonPathLine(TEXT, ["findings", 1, "scope"]), 7);
    assert.equal(jsonPathLine(TEXT, ["findings", 9]), 5);
    assert.equal(jsonPathLine(TEXT, ["missing"]), 1);
  });
});
