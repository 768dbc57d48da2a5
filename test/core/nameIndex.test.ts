/** The per-file name walk (src/core/flow/nameIndex.ts) that the call graph and the callers-by-name index share. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import ts from "typescript";
import { namesIn } from "../../src/core/flow/nameIndex";

const SOURCE = `import { summarize } from "./llm";
function render(text: string) { return summarize(text); }
const handlers = { render, other: (x: string) => audit.log(x) };
export async function run(doc: string) {
  const first = await summarize(doc);
  const again = new Summarizer().summarize(first);
  return handlers.render(again) + render(first);
}
`;

describe("namesIn", () => {
  const sf = ts.createSourceFile("/w/a.ts", SOURCE, ts.ScriptTarget.Latest, true);
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;

  it("lists the identifiers that read a value, by name, in source order (declarations and property keys left out)", () => {
    const { uses } = namesIn(sf);
    assert.deepEqual(uses.get("summarize")!.map(lineOf), [2, 5, 6]);
    // `render` as a function's name and as a property key is no use; the shorthand value, the method call and the call are.
    assert.deepEqual(uses.get("render")!.map((id) => [lineOf(id), id.parent.kind === ts.SyntaxKind.PropertyAccessExpression]), [[3, false], [7, true], [7, false]]);
    assert.equal(uses.get("other"), undefined);
    assert.equal(uses.get("doc")!.length, 1, "the parameter's name is a declaration, its read a use");
  });

  it("lists calls and news by the last name of their callee, and walks each tree once", () => {
    const { calls } = namesIn(sf);
    assert.deepEqual(calls.get("summarize")!.map(lineOf).sort(), [2, 5, 6]);
    assert.deepEqual(calls.get("Summarizer")!.map((c) => c.kind), [ts.SyntaxKind.NewExpression]);
    assert.equal(calls.get("log")!.length, 1);
    assert.equal(namesIn(sf), namesIn(sf), "memoized by tree");
  });
});
