/** Incremental updates: unsaved edits, a client fixed in another file, files created and deleted on disk. */
import assert from "node:assert/strict";
import fs from "node:fs";
import { api, ours, ranges, setText, uri, waitFor } from "./helpers";

describe("editing", () => {
  before(async () => (await api()).idle());

  it("removes a call's timeout diagnostic, and its wrapper callers', once the client gets a timeout (unsaved)", async () => {
    assert.equal(ranges("src/lib/summarize.ts", "timeout").length, 1);
    assert.equal(ranges("src/routes/tickets.ts", "timeout").length, 2);
    const { doc, restore } = await setText("src/lib/summarize.ts", (t) =>
      t.replace("new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY })", "new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, timeout: 20_000 })"),
    );
    assert.ok(doc.isDirty);
    await waitFor("the timeout diagnostic to go", () => ranges("src/lib/summarize.ts", "timeout").length === 0);
    // tickets.ts calls summarizeThread: it is re-judged though only summarize.ts changed.
    await waitFor("the wrapper call's timeout diagnostic to go", () => ranges("src/routes/tickets.ts", "timeout").length === 1);
    assert.deepEqual(ranges("src/routes/tickets.ts", "timeout"), ["20:23-20:35"]);
    await restore();
    await waitFor("the diagnostic to come back after revert", () => ranges("src/lib/summarize.ts", "timeout").length === 1);
    await waitFor("the wrapper's diagnostic to come back", () => ranges("src/routes/tickets.ts", "timeout").length === 2);
  });

  it("follows the text being typed: the ranges move with the edit", async () => {
    const { restore } = await setText("src/lib/summarize.ts", (t) => t.replace("export interface TicketMessage", "// one more line\nexport interface TicketMessage"));
    await waitFor("the range to move down a line", () => ranges("src/lib/summarize.ts", "timeout")[0] === "15:25-15:50");
    await restore();
    await waitFor("the range to move back", () => ranges("src/lib/summarize.ts", "timeout")[0] === "14:25-14:50");
  });

  it("analyses a file created on disk, and forgets it when it is deleted", async () => {
    const file = uri("src/lib/embed.ts").fsPath;
    fs.writeFileSync(
      file,
      [
        'import OpenAI from "openai";',
        "",
        "const client = new OpenAI();",
        "",
        "export async function embed(text: string): Promise<number[]> {",
        '  const res = await client.embeddings.create({ model: "text-embedding-3-small", input: text });',
        "  return res.data[0]!.embedding;",
        "}",
        "",
      ].join("\n"),
    );
    try {
      await waitFor("diagnostics in the new file", () => ranges("src/lib/embed.ts", "timeout").length === 1);
      assert.deepEqual(ranges("src/lib/embed.ts", "timeout"), ["5:20-5:44"]);
    } finally {
      fs.rmSync(file, { force: true });
    }
    await waitFor("the deleted file's diagnostics to go", () => ours("src/lib/embed.ts").length === 0);
  });
});
