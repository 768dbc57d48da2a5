import { test } from "node:test";
import assert from "node:assert/strict";
import { titleFor } from "../src/title.js";

test("a title has at most eight words", async () => {
  const title = await titleFor("Decisions: ship the importer Friday (Ana). Open: pricing page copy.");
  assert.ok(title.split(/\s+/).length <= 8, title);
});
