/**
 * The parse checked with the schema. Where the parse is the value of a statement of a block (a
 * variable's initializer, a return, an expression statement) and runs whenever that statement does,
 * `Schema.safeParse` goes on the lines before it with an explicit failure branch: a TODO where the
 * decision is the user's (retry, fall back, report) and a throw that names the function and the
 * schema; the statement reads `.data`. Inside an expression that cannot be split into statements
 * (a branch, a callback, a short-circuit, after a call whose order matters), `Schema.parse(...)` in place.
 */
import ts from "typescript";
import { insertBefore } from "../../../fixes/edit/blocks";
import { replaceNode, type EditTarget } from "../../../fixes/edit/objects";
import { indentUnit, usesSemicolons } from "../../../fixes/edit/text";
import type { TextEdit } from "../../../fixes/types";
import { localName, unconditional, type ParseSite } from "./parseSite";
import type { SchemaPlan } from "./schemaDecl";

export interface CheckedParse {
  method: "safeParse" | "parse";
  edits: TextEdit[];
}

/** The edits that check `ps.parse` with the schema; `replaced` is what the checked value stands in for (the parse, or a cast the schema makes useless). */
export function checkedParse(t: EditTarget, ps: Pick<ParseSite, "parse" | "declaration" | "statement">, schema: Pick<SchemaPlan, "name">, replaced: ts.Expression): CheckedParse {
  const parseText = ps.parse.getText(t.sf);
  const stmt = ps.statement;
  if (!stmt || !hoistable(replaced, stmt)) return { method: "parse", edits: [replaceNode(t, replaced, `${schema.name}.parse(${parseText})`)] };
  const semi = usesSemicolons(t.sf) ? ";" : "";
  const unit = indentUnit(t.sf.text);
  const name = localName(replaced, "parsed", `${resultBase(ps, schema)}Result`);
  const fn = functionName(replaced);
  const message = `${fn ? `${fn}: the` : "The"} model's answer does not match ${schema.name}: \${${name}.error.message}`;
  const failure = [
    `if (!${name}.success) {`,
    `${unit}// TODO(llm-readiness): the answer does not match ${schema.name}: retry, fall back, or report it.`,
    `${unit}throw new Error(\`${message}\`)${semi}`,
    "}",
  ].join("\n");
  return {
    method: "safeParse",
    edits: [insertBefore(t, stmt, [`const ${name} = ${schema.name}.safeParse(${parseText})${semi}`, failure]), replaceNode(t, replaced, `${name}.data`)],
  };
}

/**
 * Whether `e` can be computed on the lines before `stmt`: the statement is a declaration of one
 * variable with `e` in its value, a return or an expression; `e` runs whenever it does; and nothing
 * in it with an effect (a call, an await, an assignment) runs before `e`.
 */
function hoistable(e: ts.Expression, stmt: ts.Statement): boolean {
  if (ts.isVariableStatement(stmt)) {
    const decls = stmt.declarationList.declarations;
    const init = decls.length === 1 ? decls[0]!.initializer : undefined;
    if (!init || e.getStart() < init.getStart() || e.getEnd() > init.getEnd()) return false;
  } else if (!ts.isReturnStatement(stmt) && !ts.isExpressionStatement(stmt)) return false;
  if (!unconditional(e, stmt)) return false;
  const start = e.getStart();
  let before = false;
  const visit = (n: ts.Node): void => {
    if (before || n.getStart() >= start) return;
    if (n.getEnd() <= start && effectful(n)) before = true;
    else n.forEachChild(visit);
  };
  stmt.forEachChild(visit);
  return !before;
}

/** Whether evaluating `n` may have an effect (conservatively: a call anywhere in it). */
function effectful(n: ts.Node): boolean {
  if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isAwaitExpression(n) || ts.isYieldExpression(n) || ts.isTaggedTemplateExpression(n) || ts.isDeleteExpression(n)) return true;
  if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  return !!n.forEachChild((c) => (effectful(c) ? true : undefined));
}

/** `notes` for `const notes = JSON.parse(...)`, else the schema's name without `Schema` (`contact`). */
function resultBase(ps: Pick<ParseSite, "declaration">, schema: Pick<SchemaPlan, "name">): string {
  if (ps.declaration && ts.isIdentifier(ps.declaration.name)) return ps.declaration.name.text;
  const base = schema.name.replace(/Schema$/, "") || "answer";
  return base.charAt(0).toLowerCase() + base.slice(1);
}

/** The name of the function the parse is in (a callback counts as the named function around it), for the error message. */
function functionName(n: ts.Node): string | undefined {
  for (let p = n.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if ((ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) && p.name && ts.isIdentifier(p.name)) return p.name.text;
    if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && p.parent) {
      const q = p.parent;
      if ((ts.isVariableDeclaration(q) || ts.isPropertyAssignment(q) || ts.isPropertyDeclaration(q)) && ts.isIdentifier(q.name)) return q.name.text;
    }
  }
  return undefined;
}
