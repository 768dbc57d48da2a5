/**
 * context fix (rules/docs/context.md "Quick fix"): keep only the last N messages of a history that
 * goes into the request as is (`messages: history` → `messages: history.slice(-20)`). Offered only
 * when `llmReadiness.fix.historyMessages` is set: cutting history changes what the model sees (and
 * can drop a system message kept at the head of the array), so it is never safe and never applied by
 * fix-all. Other growing inputs (documents, user text, retrieved chunks) get no fix: where to cut
 * them, and whether to reject instead, is the team's decision.
 */
import ts from "typescript";
import { defineFix } from "../../fixes/defineFix";
import { targetOfNode } from "../../fixes/optionPlaces";
import { unwrap } from "../../flow/optionPaths";

/** Request keys that hold a list of turns. */
const HISTORY_KEYS = new Set(["messages", "contents", "history", "chatHistory"]);

export default defineFix({
  check: "context",
  build(ctx) {
    const n = ctx.options.historyMessages;
    if (!n || n <= 0) return [];
    const inner = ctx.checks.innermost(ctx.site);
    for (const arg of inner.call.arguments) {
      const obj = unwrap(arg);
      if (!ts.isObjectLiteralExpression(obj)) continue;
      for (const p of obj.properties) {
        const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
        if (!key || !HISTORY_KEYS.has(key)) continue;
        const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
        if (!value) continue;
        const v = unwrap(value);
        // Only a plain reference to a list: an array literal or a call result is left alone.
        if (!ts.isIdentifier(v) && !ts.isPropertyAccessExpression(v)) continue;
        const t = targetOfNode(ctx, v);
        if (!t) return [];
        const sf = v.getSourceFile();
        const text = v.getText(sf);
        const edit = ts.isShorthandPropertyAssignment(p)
          ? { file: t.file, start: p.getStart(sf), end: p.getEnd(), newText: `${key}: ${text}.slice(-${n})` }
          : { file: t.file, start: v.getEnd(), end: v.getEnd(), newText: `.slice(-${n})` };
        return [{ title: `Keep the last ${n} messages: \`${key}: ${text}.slice(-${n})\``, strategy: "native", safe: false, edits: [edit] }];
      }
    }
    return [];
  },
});
