/** Where a site's answer is parsed without a check (the `JSON.parse` the validation check points at), and what surrounds it. */
import ts from "typescript";
import type { DetectedSite } from "../../../callSites/detect";
import type { CheckContext } from "../../checkContext";
import { validationLibraries } from "../../../flow/libraryData";
import { OutputUse, type Via } from "../outputUse";
import type { ParsedFile } from "../../../project";
import { enclosingStatement } from "../../../fixes/edit/blocks";

export interface ParseSite {
  /** `JSON.parse(text)`. */
  parse: ts.CallExpression;
  /** The parse with the parentheses, `!` and cast around it: what the code goes on to use. */
  outer: ts.Expression;
  /** `JSON.parse(text) as Invoice` (the outermost of `as unknown as Invoice`). */
  cast?: ts.AsExpression | ts.TypeAssertion;
  /** `const digest = JSON.parse(text)`: the declaration it initializes. */
  declaration?: ts.VariableDeclaration;
  /** The statement of a block that holds it (statements can be added around it). */
  statement?: ts.Statement;
  file: ParsedFile;
}

const uses = new WeakMap<CheckContext["finder"], OutputUse>();

function outputUse(checks: CheckContext): OutputUse {
  let u = uses.get(checks.finder);
  if (!u) {
    u = new OutputUse(checks.finder, validationLibraries());
    uses.set(checks.finder, u);
  }
  return u;
}

/** How the code around a call uses its result, as the validation check sees it. */
export function useOf(checks: CheckContext, call: ts.Expression, via: Via, provider: string) {
  return outputUse(checks).of(call, via, provider);
}

/** The unchecked `JSON.parse` of a site's answer (in the site's function or a helper it hands the answer to). */
export function uncheckedParse(checks: CheckContext, site: DetectedSite, via: Via = site.via): ParseSite | undefined {
  const verdict = useOf(checks, site.call, via, checks.innermost(site).provider);
  const parse = verdict.value === "unchecked" ? verdict.evidence : undefined;
  if (!parse || !ts.isCallExpression(parse) || parse.arguments.length !== 1) return undefined;
  // A synchronous JSON parser (not a LangChain parser's promise, not a reviver-taking variant).
  if (!/^(JSON|JSON5)\.parse$/.test(parse.expression.getText().replace(/\s+/g, ""))) return undefined;
  // A helper module with no LLM import of its own is read on demand (dormant) but is still the workspace's to edit.
  const ws = checks.workspace;
  const file = ws.get(parse.getSourceFile().fileName);
  if (!file || (file.outside && !ws.dormant.has(file.abs))) return undefined;
  let outer: ts.Expression = parse;
  while (outer.parent && (ts.isParenthesizedExpression(outer.parent) || ts.isNonNullExpression(outer.parent))) outer = outer.parent;
  // `JSON.parse(text) as Invoice`, `... as unknown as Invoice`: the outermost cast.
  let cast: ParseSite["cast"];
  while (outer.parent && (ts.isAsExpression(outer.parent) || ts.isTypeAssertionExpression(outer.parent)) && outer.parent.expression === outer) {
    cast = outer.parent;
    outer = cast;
  }
  const p = outer.parent;
  const declaration = p && ts.isVariableDeclaration(p) && p.initializer === outer ? p : undefined;
  const statement = enclosingStatement(outer);
  return { parse, outer, file, ...(cast ? { cast } : {}), ...(declaration ? { declaration } : {}), ...(statement ? { statement } : {}) };
}

/** The declaration a site's awaited result is bound to (`const completion = await openai.chat.completions.create(...)`). */
export function resultDeclaration(call: ts.CallExpression): ts.VariableDeclaration | undefined {
  let x: ts.Expression = call;
  while (x.parent && (ts.isAwaitExpression(x.parent) || ts.isParenthesizedExpression(x.parent) || ts.isNonNullExpression(x.parent))) x = x.parent;
  const p = x.parent;
  return p && ts.isVariableDeclaration(p) && p.initializer === x ? p : undefined;
}

/** The identifiers in `scope` that refer to the variable `id` declares (not its declaration, not property names). */
export function referencesTo(id: ts.Identifier, scope: ts.Node): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n !== id && n.text === id.text) {
      const p = n.parent;
      const isName = p && ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n) || (ts.isBindingElement(p) && p.propertyName === n));
      if (!isName) out.push(n);
    }
    n.forEachChild(visit);
  };
  visit(scope);
  return out;
}

/** The function (or file) a node is in. */
export function scopeOf(n: ts.Node): ts.Node {
  for (let p = n.parent; p; p = p.parent) if ((ts.isFunctionLike(p) && (p as ts.FunctionLikeDeclaration).body) || ts.isSourceFile(p)) return p;
  return n.getSourceFile();
}

/** Whether `e` runs whenever its statement does (not in a branch, a callback or a short-circuit). */
export function unconditional(e: ts.Node, stmt: ts.Statement): boolean {
  for (let x: ts.Node = e; x !== stmt; x = x.parent) {
    const p = x.parent;
    if (!p || ts.isFunctionLike(p)) return false;
    if (ts.isConditionalExpression(p) && p.condition !== x) return false;
    if (ts.isBinaryExpression(p) && p.right === x && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(p.operatorToken.kind)) return false;
    if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p) || ts.isCallExpression(p)) && p.questionDotToken) return false;
    if (ts.isIfStatement(p) || ts.isIterationStatement(p, false) || ts.isTryStatement(p) || ts.isSwitchStatement(p)) return x === (p as { expression?: ts.Node }).expression;
  }
  return true;
}

/** The first of `names` the function does not use yet, or the last numbered (`notesResult2`). */
export function localName(at: ts.Node, ...names: [string, ...string[]]): string {
  const scope = scopeOf(at);
  const taken = new Set<string>();
  const visit = (x: ts.Node): void => {
    if (ts.isIdentifier(x)) taken.add(x.text);
    x.forEachChild(visit);
  };
  visit(scope);
  const free = names.find((n) => !taken.has(n));
  if (free) return free;
  const last = names[names.length - 1]!;
  for (let i = 2; ; i++) if (!taken.has(`${last}${i}`)) return `${last}${i}`;
}
