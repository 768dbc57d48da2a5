/** Every test/corpus/<app>/labels.json parses, and each site and decoy points at the text it claims. */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { corpusDir, labelProblems, loadCorpus } from "./labels";

const dir = corpusDir();
const apps = fs.existsSync(dir) ? loadCorpus(dir) : [];

test("the corpus has labelled apps", () => {
  assert.ok(apps.length > 0, `no labels.json under ${dir}`);
});

for (const app of apps) {
  test(`corpus ${app.app}: labels.json is valid and its positions are exact`, () => {
    if ("error" in app) assert.fail(`${app.app}/labels.json: ${app.error}`);
    assert.equal(app.labels.app, app.app, "`app` must be the folder name");
    assert.deepEqual(labelProblems(app.dir, app.labels), []);
  });
}
