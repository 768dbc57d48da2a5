/**
 * Whether a request asks for output checked against a schema (structured outputs, `responseSchema`,
 * AI SDK `generateObject`/tools with `inputSchema`, LangChain `withStructuredOutput`), from
 * rules/libraries/validation.json. Also walks how a runnable was built (`withFallbacks`, agents).
 */
import ts from "typescript";
import type { DetectedSite, SiteFinder } from "../../callSites/detect";
import { propName } from "../../callSites/values";
import type { ValidationLibraries } from "../../flow/libraryData";
import { isAbsent, unwrap } from "../../flow/optionPaths";
import { returnedExpressions } from "../../flow/resolveClient";

/** What a request carries: keys (with their values) and the calls that build its parts. */
interface Fingerprint {
  keys: Map<string, ts.PropertyAssignment | ts.ShorthandPropertyAssignment>[];
  calls: ts.CallExpression[];
}

/** Request keys whose values are prompts and messages: large, and never where a schema goes. */
const SKIPPED_KEYS = new Set(["messages", "contents", "prompt", "system", "input", "history"]);

export interface SchemaHit {
  at: ts.Node;
  why: string;
  /** Only tool arguments are checked (tools with schemas, agents): the returned text is not. */
  toolsOnly?: boolean;
}

/** The SDK method path a site calls (`chat.completions.parse`, `generateObject`), through aliases. */
export function methodOf(site: DetectedSite, finder: SiteFinder): string | undefined {
  const v = finder.ev.eval(site.call.expression);
  if (v?.t === "inst" || v?.t === "pkg") return v.path.join(".");
  return undefined;
}

/** A schema the request (or the runnable it is sent through) checks the answer against. */
export function requestSchema(site: DetectedSite, finder: SiteFinder, data: ValidationLibraries): SchemaHit | undefined {
  const provider = site.sdk?.id ?? site.provider;
  const entries = data.structuredOutputs.filter((e) => e.provider === provider);
  if (!entries.length) return undefined;
  const method = methodOf(site, finder);
  const fp = fingerprint(finder, [...site.call.arguments, ...(site.client?.configs ?? [])]);
  const keyed = (k: string) => fp.keys.flatMap((m) => (m.has(k) ? [m.get(k)!] : []));
  for (const e of entries) {
    if (method && e.methods.includes(method)) {
      if (!e.methodKey) return { at: site.call, why: `\`${method}\` parses the answer against the request's schema` };
      // A schema set on some runs and `output: "no-schema"` on the others (both through conditional spreads): the schema counts.
      const hit = keyed(e.methodKey).find((p) => !ts.isPropertyAssignment(p) || !isAbsent(p.initializer)) ?? (isNoSchema(fp) ? undefined : keyed(e.methodKey)[0]);
      if (hit) return { at: hit, why: `\`${method}\` with \`${e.methodKey}\`` };
    }
    for (const h of e.helpers) {
      const c = fp.calls.find((x) => {
        const t = x.expression.getText().replace(/\s+/g, "");
        return t === h || t.endsWith(`.${h}`);
      });
      if (c) return { at: c, why: `\`${h}(...)\` in the request` };
    }
    for (const k of e.keys) {
      const p = keyed(k).find((x) => !e.keysNotString || !isStringValue(finder, x));
      if (p) return { at: p, why: `\`${k}\` in the request` };
    }
    for (const k of e.toolKeys) {
      const p = keyed(k)[0];
      if (p) return { at: p, why: `tools with \`${k}\`: the SDK checks their arguments`, toolsOnly: true };
    }
    if (e.runnables.length || e.agents.length) {
      const built = constructionOf(site, finder);
      const r = built.find((c) => matches(c, e.runnables));
      if (r) return { at: r, why: `built with \`${calleeName(r)}\`` };
      const a = built.find((c) => matches(c, e.agents) && hasTools(finder, c));
      if (a) return { at: a, why: `an agent (\`${calleeName(a)}\`) whose tools have schemas`, toolsOnly: true };
    }
  }
  return undefined;
}

/** A runnable in the call's construction that parses the answer as JSON without a schema (`.pipe(new JsonOutputParser())`). */
export function jsonRunnable(site: DetectedSite, finder: SiteFinder, data: ValidationLibraries): ts.Node | undefined {
  const provider = site.sdk?.id ?? site.provider;
  const names = data.structuredOutputs.filter((e) => e.provider === provider).flatMap((e) => e.jsonParsers);
  if (!names.length) return undefined;
  return constructionOf(site, finder).find((c) => matches(c, names));
}

/** AI SDK `output: "no-schema"`: generateObject without a schema. */
function isNoSchema(fp: Fingerprint): boolean {
  return fp.keys.some((m) => {
    const p = m.get("output");
    const v = p && ts.isPropertyAssignment(p) ? unwrap(p.initializer) : undefined;
    return !!v && ts.isStringLiteralLike(v) && v.text === "no-schema";
  });
}

function isStringValue(finder: SiteFinder, p: ts.PropertyAssignment | ts.ShorthandPropertyAssignment): boolean {
  const v = ts.isPropertyAssignment(p) ? p.initializer : p.name;
  return finder.strings.exact(v) !== null || ts.isStringLiteralLike(unwrap(v));
}

/**
 * The keys and calls of the objects a request is built from, through constants, spreads, imports
 * and call arguments (`JSON.stringify({...})`, `tool({...})`, `new ConverseCommand({...})`).
 */
function fingerprint(finder: SiteFinder, sources: readonly ts.Expression[]): Fingerprint {
  const fp: Fingerprint = { keys: [], calls: [] };
  const seen = new Set<ts.Node>();
  let budget = 600;
  const visit = (e: ts.Expression, depth: number): void => {
    if (depth > 6 || budget-- <= 0 || seen.has(e)) return;
    seen.add(e);
    const x = unwrap(e);
    if (ts.isIdentifier(x)) {
      const init = finder.strings.initializerOf(x);
      if (init) visit(init, depth + 1);
      return;
    }
    if (ts.isObjectLiteralExpression(x)) {
      const m = new Map<string, ts.PropertyAssignment | ts.ShorthandPropertyAssignment>();
      fp.keys.push(m);
      for (const p of x.properties) {
        if (ts.isSpreadAssignment(p)) visit(p.expression, depth + 1);
        else if (ts.isPropertyAssignment(p)) {
          const k = p.name && propName(p.name);
          if (k === undefined) continue;
          m.set(k, p);
          if (!SKIPPED_KEYS.has(k)) visit(p.initializer, depth + 1);
        } else if (ts.isShorthandPropertyAssignment(p)) {
          m.set(p.name.text, p);
          if (!SKIPPED_KEYS.has(p.name.text)) visit(p.name, depth + 1);
        }
      }
      return;
    }
    if (ts.isArrayLiteralExpression(x)) {
      for (const el of x.elements) visit(ts.isSpreadElement(el) ? el.expression : el, depth + 1);
      return;
    }
    if (ts.isCallExpression(x) || ts.isNewExpression(x)) {
      if (ts.isCallExpression(x)) fp.calls.push(x);
      for (const a of x.arguments ?? []) visit(a, depth + 1);
      // A workspace helper that builds a part of the request (`output: reviewOutput()` returning `Output.object(...)`).
      const fn = ts.isCallExpression(x) ? finder.ev.eval(x.expression) : null;
      if (fn?.t === "fn" && fn.node.body) for (const r of returnedExpressions(fn.node)) visit(r, depth + 1);
      return;
    }
    if (ts.isConditionalExpression(x)) {
      visit(x.whenTrue, depth + 1);
      visit(x.whenFalse, depth + 1);
      return;
    }
    // `...(schema && { schema })`, `...(opts ?? {})`.
    if (ts.isBinaryExpression(x)) {
      const op = x.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) visit(x.right, depth + 1);
      else if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
        visit(x.left, depth + 1);
        visit(x.right, depth + 1);
      }
    }
  };
  for (const s of sources) visit(s, 0);
  return fp;
}

/**
 * The calls and constructions a runnable or client was built from (`model.withStructuredOutput(s)`,
 * `prompt.pipe(model).pipe(parser)`, `new AgentExecutor({ agent, tools })`), through constants,
 * imports and class fields. Innermost last is not guaranteed; the list is a set.
 */
export function constructionOf(site: DetectedSite, finder: SiteFinder): (ts.CallExpression | ts.NewExpression)[] {
  const out: (ts.CallExpression | ts.NewExpression)[] = [];
  const callee = site.call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return out;
  const seen = new Set<ts.Node>();
  let budget = 200;
  const visit = (e: ts.Node | undefined, depth: number): void => {
    if (!e || depth > 8 || budget-- <= 0 || seen.has(e)) return;
    seen.add(e);
    const x = ts.isExpression(e) ? unwrap(e) : e;
    if (ts.isIdentifier(x) || (ts.isPropertyAccessExpression(x) && !isCallee(x))) {
      const init = ts.isIdentifier(x) ? finder.strings.initializerOf(x) : null;
      if (init) visit(init, depth + 1);
      else {
        const v = finder.ev.eval(x);
        if (v?.t === "inst" && v.origin) visit(v.origin, depth + 1);
      }
      return;
    }
    if (ts.isCallExpression(x) || ts.isNewExpression(x)) {
      out.push(x);
      if (ts.isPropertyAccessExpression(x.expression)) visit(x.expression.expression, depth + 1);
      for (const a of x.arguments ?? []) visit(a, depth + 1);
      return;
    }
    if (ts.isArrayLiteralExpression(x)) for (const el of x.elements) visit(el, depth + 1);
    else if (ts.isObjectLiteralExpression(x)) {
      for (const p of x.properties) {
        if (ts.isPropertyAssignment(p)) visit(p.initializer, depth + 1);
        else if (ts.isShorthandPropertyAssignment(p)) visit(p.name, depth + 1);
      }
    } else if (ts.isConditionalExpression(x)) {
      visit(x.whenTrue, depth + 1);
      visit(x.whenFalse, depth + 1);
    }
  };
  visit(callee.expression, 0);
  return out;
}

function isCallee(x: ts.PropertyAccessExpression): boolean {
  return !!x.parent && ts.isCallExpression(x.parent) && x.parent.expression === x;
}

/** The called name: `withStructuredOutput` in `model.withStructuredOutput(s)`, `AgentExecutor` in `new AgentExecutor()`. */
export function calleeName(c: ts.CallExpression | ts.NewExpression): string {
  const e = unwrap(c.expression);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return e.getText();
}

/** Whether a call is one of `names`: its own name, or a static member of one (`StructuredOutputParser.fromZodSchema`). */
export function matches(c: ts.CallExpression | ts.NewExpression, names: readonly string[]): boolean {
  if (names.includes(calleeName(c))) return true;
  const e = unwrap(c.expression);
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && names.includes(e.expression.text);
}

function hasTools(finder: SiteFinder, c: ts.CallExpression | ts.NewExpression): boolean {
  for (const a of c.arguments ?? []) {
    const obj = finder.objectLiteral(a);
    if (obj && finder.propertyExpr(obj, "tools")) return true;
  }
  // `createToolCallingAgent({ llm, tools, prompt })` passed on to `new AgentExecutor({ agent, tools })` is covered
  // above; positional forms (`initializeAgentExecutorWithOptions(tools, llm)`) name tools first.
  return false;
}
