/**
 * Replays the fuzzer's seeds (test/fuzz/seeds/) and every input that once failed it
 * (test/fuzz/regressions/, written by `npm run fuzz`) with the oracle that judged it.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { replay, type SavedInput } from "./replay";

for (const folder of ["seeds", "regressions"]) {
  const dir = path.resolve("test/fuzz", folder);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];
  describe(`fuzz ${folder}`, () => {
    it("has inputs to replay", () => assert.ok(files.length > 0, `${dir} is empty`));
    for (const f of files) {
      it(f, async () => {
        const input = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as SavedInput & { finding?: string };
        const o = await replay(input);
        assert.equal(o.crash ?? o.hang, undefined, `${f} (once: ${input.finding ?? "a seed"})`);
      });
    }
  });
}
