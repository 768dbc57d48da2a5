/**
 * Comment and space edits between top-level statements (src/core/triviaEdit.ts): the session shifts
 * the file's tree in place instead of re-detecting what imports it. Each case checks which way the
 * update went (so the shortcut is really taken, or really refused) and that the report equals a
 * fresh scan of the same files.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import ts from "typescript";
import { AnalysisSession } from "../../src/core/session";
import { scanWorkspace } from "../../src/core/scan";
import { parseSource } from "../../src/core/project";
import { applyTriviaEdit, triviaOnlyEdit } from "../../src/core/triviaEdit";

const SHARED = `/** Shared types. */\nexport type Id = string;\n\nexport const TIMEOUT_MS = 15_000;\n`;
const CLIENT = `import OpenAI from "openai";\nimport type { Id } from "./shared";\nexport const openai = new OpenAI({ timeout: 20_000 });\n`;
const ASK = `/** Asks the model. */
import { openai } from "./client";
import type { Id } from "./shared";

/** One question. */
export async function ask(q: string, id: Id) {
  // inside the body
  for (let i = 0; i < 3; i++) {
    try {
      const r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: q }] });
      return r.choices[0].message.content;
    } catch {
      continue;
    }
  }
  return null;
}

export const second = () => openai.chat.completions.create({ model: "gpt-4o", messages: [] });
`;
const ROUTE = `import { ask } from "./ask";\nimport type { Id } from "./shared";\nexport const handler = (q: string, id: Id) => ask(q, id);\n`;
const TEST = `import { ask } from "../src/ask";\nimport { test } from "node:test";\ntest("asks", async () => {\n  await ask("q", "1");\n});\n`;

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-trivia-"));
  const files: Record<string, string> = { "src/shared.ts": SHARED, "src/client.ts": CLIENT, "src/ask.ts": ASK, "src/route.ts": ROUTE, "test/ask.test.ts": TEST };
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

/** Writes the new text, updates the session, and compares with a fresh scan. */
async function edit(session: AnalysisSession, dir: string, rel: string, text: string, expected: "trivia" | "full"): Promise<void> {
  const abs = path.join(dir, rel);
  fs.writeFileSync(abs, text);
  const mine = await session.update([{ abs, text }]);
  assert.equal(session.lastUpdate, expected, `${rel}: the update went the ${session.lastUpdate} way`);
  assert.deepEqual(mine, await scanWorkspace(dir), `${rel}: the session's report differs from a fresh scan`);
}

const endOfLine = (text: string, line: number, add: string): string => {
  const lines = text.split("\n");
  lines[line] += add;
  return lines.join("\n");
};

describe("trivia edits", () => {
  it("a comment typed after a top-level statement keeps the tree; the report is a fresh scan's", async () => {
    const dir = project();
    try {
      const session = await AnalysisSession.open(dir);
      const before = session.state.workspace.files.get(path.join(dir, "src/ask.ts"))!.sf;
      // Keystrokes: the comment grows one letter at a time.
      let cur = ASK;
      for (let i = 0; i < 4; i++) {
        cur = ASK.replace("*/", `*/ // typed ${"x".repeat(i)}`);
        await edit(session, dir, "src/ask.ts", cur, "trivia");
      }
      // The same tree object, its text the new one.
      const after = session.state.workspace.files.get(path.join(dir, "src/ask.ts"))!.sf;
      assert.equal(after, before);
      assert.equal(after.text, fs.readFileSync(path.join(dir, "src/ask.ts"), "utf8"));
      // After the last import, between two declarations (a blank line becomes a comment), at the end of the file.
      cur = endOfLine(cur, 2, " // after the header");
      await edit(session, dir, "src/ask.ts", cur, "trivia");
      cur = cur.replace("\n\n/** One", "\n/* a block */\n/** One");
      await edit(session, dir, "src/ask.ts", cur, "trivia");
      cur = `${cur}// the end`;
      await edit(session, dir, "src/ask.ts", cur, "trivia");
      await edit(session, dir, "src/ask.ts", `${cur}\n`, "full");
      // A widely imported types file, and a test file.
      await edit(session, dir, "src/shared.ts", endOfLine(SHARED, 1, " // typed"), "trivia");
      await edit(session, dir, "test/ask.test.ts", endOfLine(TEST, 1, " // typed"), "trivia");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses what is not trivia between top-level statements, and the full update is right", async () => {
    const dir = project();
    try {
      const session = await AnalysisSession.open(dir);
      const cases: [string, string][] = [
        ["inside a function body (a statement's own text holds it)", ASK.replace("// inside the body", "// inside the body, retry")],
        ["a comment naming a call (raw-text readers look for it)", endOfLine(ASK, 2, " // fetch(url)")],
        ["a line added (lines move)", ASK.replace("\n\n/** One", "\n\n// a new line\n/** One")],
        ["an unterminated comment swallows code", endOfLine(ASK, 2, " /* open")],
        ["code typed", endOfLine(ASK, 2, " x")],
        ["a JSDoc edited", ASK.replace("/** One question. */", "/** One question, edited. */")],
        ["a JSDoc added", endOfLine(ASK, 2, " /** doc */")],
        ["a suppression", endOfLine(ASK, 2, " // llm-readiness-disable-next-line timeout")],
        ["a column moves", ASK.replace("\nexport const second", "\n/* c */ export const second")],
      ];
      for (const [what, text] of cases) {
        await edit(session, dir, "src/ask.ts", text, "full").catch((e: Error) => assert.fail(`${what}: ${e.message}`));
        await edit(session, dir, "src/ask.ts", ASK, "full").catch((e: Error) => assert.fail(`${what}, reverted: ${e.message}`));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("random comments at top-level line ends, in several files, match fresh scans", async () => {
    const dir = project();
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    try {
      const session = await AnalysisSession.open(dir);
      const texts = new Map<string, string>([["src/ask.ts", ASK], ["src/shared.ts", SHARED], ["src/route.ts", ROUTE], ["src/client.ts", CLIENT]]);
      let quick = 0;
      for (let step = 0; step < 16; step++) {
        const rel = [...texts.keys()][Math.floor(rand() * texts.size)]!;
        const text = texts.get(rel)!;
        const lines = text.split("\n");
        const line = Math.floor(rand() * lines.length);
        const next = endOfLine(text, line, ` // note ${step}`);
        const sf = parseSource(path.join(dir, rel), text);
        const expected = triviaOnlyEdit(sf, next) ? "trivia" : "full";
        if (expected === "trivia") quick++;
        texts.set(rel, next);
        await edit(session, dir, rel, next, expected);
      }
      assert.ok(quick >= 6, `only ${quick} of 16 edits took the trivia path`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a patched tree reads as a parse of the new text, node for node", () => {
    const old = `${ASK}\nexport class K {\n  /** m */\n  m() { return 1; }\n}\n`;
    for (const next of [old.replace("*/\n", "*/ // a comment\n"), old.replace('"./client";', '"./client"; /* b */'), old.replace("\n\n/** One", "\n   \n/** One"), `${old}// appended`, `${old}/* a */ /** end doc */`.replace("/** end doc */", "")]) {
      const sf = parseSource("/x/a.ts", old);
      const e = triviaOnlyEdit(sf, next);
      assert.ok(e, "a trivia edit");
      applyTriviaEdit(sf, next, e);
      const fresh = parseSource("/x/a.ts", next);
      const shape = (root: ts.SourceFile) => {
        const out: string[] = [];
        const visit = (n: ts.Node): void => {
          out.push(`${n.kind}:${n.pos}:${n.end}:${n.getStart(root)}:${n.getText(root)}`);
          for (const d of (n as { jsDoc?: ts.Node[] }).jsDoc ?? []) visit(d);
          ts.forEachChild(n, visit);
        };
        visit(root);
        return out;
      };
      assert.deepEqual(shape(sf), shape(fresh));
      assert.deepEqual(sf.getLineStarts(), fresh.getLineStarts());
      assert.equal(sf.text, next);
    }
  });
});
