/** A file with a syntax error does not stop the rest: the sample's src/legacy/importer.ts, and an edit that breaks a file with a call site. */
import assert from "node:assert/strict";
import { api, folder, ours, ranges, setText, waitFor } from "./helpers";

describe("syntax errors", () => {
  before(async () => (await api()).idle());

  it("reports the broken file as an analysis problem and analyses the others", async () => {
    const report = (await api()).report(folder().uri);
    assert.ok(report);
    assert.ok(report.errors.some((e) => e.file === "src/legacy/importer.ts" && /syntax error/.test(e.message)), JSON.stringify(report.errors));
    assert.ok(report.sites.length >= 10);
    assert.equal(ranges("src/lib/translate.ts", "timeout").length, 1);
  });

  it("keeps the other files' diagnostics while a file with a call site is half-typed", async () => {
    const before = ours("src/routes/answer.ts").length;
    const { restore } = await setText("src/lib/summarize.ts", (t) => `${t}\nexport function broken( {\n  const = ;\n`);
    await (await api()).idle();
    await new Promise((r) => setTimeout(r, 500));
    await (await api()).idle();
    const report = (await api()).report(folder().uri)!;
    assert.ok(report.errors.some((e) => e.file === "src/lib/summarize.ts"), "the syntax error is reported");
    assert.equal(ours("src/routes/answer.ts").length, before);
    // The parser recovers: the call above the broken lines is still judged.
    assert.equal(ranges("src/lib/summarize.ts", "timeout").length, 1);
    assert.doesNotMatch((await api()).statusText(), /\$\(warning\)/);
    await restore();
    const a = await api();
    await waitFor("the syntax error to go", () => !a.report(folder().uri)?.errors.some((e) => e.file === "src/lib/summarize.ts"));
  });
});
