/**
 * What code does with a model's output (rules/docs/validation.md): checks it with a schema,
 * parses it as JSON with or without a guard, reads tool-call arguments as data, or only uses it
 * as text. Follows the result into workspace helpers it is handed to (two levels).
 */
import ts from "typescript";
import type { SiteFinder } from "../../callSites/detect";
import { resolveName } from "../../callSites/scope";
import type { FunctionNode } from "../../callSites/values";
import { walkContext } from "../../flow/callContext";
import type { ValidationLibraries } from "../../flow/libraryData";
import { unwrap } from "../../flow/optionPaths";
import { bodyOf, callbackHost, carriesResult, collectNames, containerOf, followResult, propagate, rootName, walk, type ResultSegment } from "../../flow/outputFlow";
import { packageExportOf } from "../../flow/packageExports";
import { calleeName } from "./structuredOutput";

export type UseValue = "schema" | "guarded-parse" | "unchecked" | "text";

export interface UseVerdict {
  value: UseValue;
  evidence?: ts.Node;
  note?: string;
}

/** How the request was made: raw HTTP bodies are parsed once as an envelope before the model's text is reached. */
export type Via = "sdk" | "http" | "wrapper";

interface ScanCtx {
  via: Via;
  /** Keys under which tool-call arguments arrive as objects for this provider. */
  toolKeys: ReadonlySet<string>;
}

interface Events {
  schema?: ts.Node;
  parses: { node: ts.Node; guarded: boolean; what: string }[];
}

/** Receivers whose `.parse` is not a schema check. */
const NOT_SCHEMAS = new Set(["JSON", "JSON5", "YAML", "yaml", "Date", "Number", "URL", "Math", "path", "url", "qs", "querystring", "marked", "Papa", "Handlebars", "cheerio", "dayjs", "moment", "DateTime", "BigInt", "Intl", "Buffer", "csv", "toml", "TOML", "xml", "XML"]);
/** Property names that hold the model's text (or tool arguments) rather than an HTTP envelope. */
const MODEL_TEXT = /\.(content|text|output_text|outputText|arguments|args|generated_text|generatedText|completion|response|parts|message|answer|output|input)\b(?!\s*\()/;
/** What an envelope (raw bytes, a body, a line or chunk of a stream) looks like. */
const ENVELOPE = /\b(body|Body|bytes|Bytes|line|lines|chunk|chunks|buffer|event|evt)\b|decode\(|toString\(|Buffer\.from|JSON\.stringify/;
const TOOLISH = /tool_?calls?|toolUse|tool_use|functionCalls?|function_?call|toolCall/i;
/** A schema built by a validation library (`z.object(...)`, `Recipe.array()`, `v.pipe(...)`). */
const SCHEMA_EXPR = /\b(z|v|y|t|Type|Joi|yup|S|Schema|type)\.\w+\(|\.(array|object|extend|merge|pick|omit|partial|strict|passthrough|optional|nullable|refine|transform|describe|and|or)\(|StructuredOutputParser/;
const GUARD_FN = /^(is|has|assert|validate|check|ensure|looksLike)[A-Z_]/;

export class OutputUse {
  /** By helper (its node, not its offset: a session shifts offsets of trees it keeps), then argument and scan context. */
  private readonly paramMemo = new Map<ts.Node, Map<string, Events>>();

  constructor(
    private readonly finder: SiteFinder,
    private readonly data: ValidationLibraries,
  ) {}

  /** What the code around `call` does with its result (in its function and where callbacks return it). */
  of(call: ts.Expression, via: Via, provider: string): UseVerdict {
    const ev: Events = { parses: [] };
    const ctx: ScanCtx = { via, toolKeys: this.toolKeys(provider) };
    for (const seg of followResult(call)) this.scan(seg, ctx, 0, ev);
    return verdict(ev);
  }

  /** Keys under which the provider's SDK hands tool-call arguments over as objects. */
  private toolKeys(provider: string): Set<string> {
    return new Set(this.data.toolArguments.objects.filter((o) => o.provider === "*" || o.provider === provider).flatMap((o) => o.keys));
  }

  /**
   * A catch around `node` (try/catch or `.catch`/`.then(_, onRejected)`), through callbacks and private functions.
   * `sync`: `node` throws synchronously (a parse), so a `.catch` chained on a call it is an argument of
   * (`Promise.resolve(run(JSON.parse(args))).catch(...)`) never sees the throw.
   */
  caught(node: ts.Node, sync = false): ts.Node | undefined {
    let inArgs = false;
    return walkContext(node, ({ node: n, child }) => {
      if (ts.isFunctionLike(n)) inArgs = false;
      else if (sync && (ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.includes(child as ts.Expression)) inArgs = true;
      if (ts.isTryStatement(n) && child === n.tryBlock && n.catchClause) return n.catchClause;
      if (!inArgs && ts.isPropertyAccessExpression(n) && child === n.expression && n.parent && ts.isCallExpression(n.parent) && n.parent.expression === n) {
        if (n.name.text === "catch" && n.parent.arguments.length) return n.parent;
        if (n.name.text === "then" && n.parent.arguments.length > 1) return n.parent;
      }
      return undefined;
    });
  }

  private scan(seg: ResultSegment, sc: ScanCtx, depth: number, ev: Events): void {
    const via = sc.via;
    const body = bodyOf(seg.container);
    if (!body) return;
    walk(body, (n) => {
      if (ts.isCallExpression(n)) {
        // The text parsed into numbers or parts (a number, a regex match, a split on tags) under a guard.
        const parsed = textParse(n, (e) => carriesResult(seg, e));
        if (parsed && this.textParseGuarded(n)) ev.parses.push({ node: n, guarded: true, what: `the answer is ${parsed}` });
        const i = n.arguments.findIndex((a) => carriesResult(seg, a));
        if (i < 0) return;
        if (this.isValidator(n)) {
          ev.schema ??= n;
          return;
        }
        if (this.isJsonParse(n)) {
          if (this.isModelText(n.arguments[i]!, via)) ev.parses.push({ node: n, guarded: this.guarded(n), what: "the answer is parsed" });
          return;
        }
        if (depth < 2 && !this.finder.siteAt(n)) {
          const fn = this.helperOf(n);
          if (fn) merge(ev, this.param(fn, i, sc, depth + 1));
        }
        return;
      }
      // Tool-call arguments read as data (`tool_calls[0].args`, a `tool_use` block's `input`).
      if (ts.isPropertyAccessExpression(n) && sc.toolKeys.has(n.name.text) && carriesResult(seg, n.expression) && this.isToolCall(n) && !this.isDelta(n) && !this.consumed(n)) {
        ev.parses.push({ node: n, guarded: this.shapeChecked(n), what: "tool-call arguments are read as data" });
      }
    });
  }

  /** Events of a workspace helper given the result as its `index`-th argument. */
  private param(fn: FunctionNode, index: number, sc: ScanCtx, depth: number): Events {
    const key = `${index}:${sc.via}:${[...sc.toolKeys].join(",")}`;
    let byKey = this.paramMemo.get(fn);
    if (!byKey) this.paramMemo.set(fn, (byKey = new Map()));
    const hit = byKey.get(key);
    if (hit) return hit;
    const ev: Events = { parses: [] };
    byKey.set(key, ev);
    const p = fn.parameters[index];
    if (!p || p.dotDotDotToken || !fn.body) return ev;
    const seeds: string[] = [];
    collectNames(p.name, seeds);
    // What a raw HTTP site hands a helper is usually already past the envelope.
    this.scan({ container: fn, names: propagate(fn, seeds) }, { ...sc, via: sc.via === "http" ? "sdk" : sc.via }, depth, ev);
    return ev;
  }

  private helperOf(c: ts.CallExpression): FunctionNode | undefined {
    const v = this.finder.ev.eval(c.expression);
    return v?.t === "fn" && v.node.body ? v.node : undefined;
  }

  /** `Schema.parse(x)`, `schema.safeParse(x)`, `v.parse(S, x)`, `validate(x)` of `ajv.compile(...)`. */
  isValidator(c: ts.CallExpression): boolean {
    const { packages, methods, compilers } = this.data.validators;
    const callee = unwrap(c.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      if (!methods.includes(callee.name.text)) return false;
      const recv = callee.expression;
      const pe = packageExportOf(this.finder.ws, recv);
      if (pe) return packages.includes(pe.pkg);
      return this.schemaLike(recv, 0);
    }
    if (ts.isIdentifier(callee)) {
      const pe = packageExportOf(this.finder.ws, callee);
      if (pe) return packages.includes(pe.pkg) && methods.includes(pe.name);
      const init = this.finder.strings.initializerOf(callee);
      const x = init && unwrap(init);
      return !!x && ts.isCallExpression(x) && compilers.includes(calleeName(x));
    }
    return false;
  }

  private schemaLike(recv: ts.Expression, depth: number): boolean {
    if (depth > 4) return false;
    const x = unwrap(recv);
    if (ts.isIdentifier(x)) {
      if (NOT_SCHEMAS.has(x.text)) return false;
      if (/schema|validator/i.test(x.text)) return true;
      const b = resolveName(x.text, x);
      if (b?.kind === "param") return /Zod|Schema|Valibot|Struct|TSchema|Type</.test(b.decl.type?.getText() ?? "");
      // `export const X = z.object(...)` next to `export type X = z.infer<typeof X>`: the type hides the value from the scope lookup.
      if (b?.kind === "other") {
        const v = valueDeclaration(x.getSourceFile(), x.text);
        return !!v?.initializer && this.schemaExpr(v.initializer, depth + 1);
      }
      const init = this.finder.strings.initializerOf(x);
      if (init) return this.schemaExpr(init, depth + 1);
      // A schema exported by a workspace module under a type-like name (`TicketLabel`, `ClaimFields`).
      return /^[A-Z]/.test(x.text) && (b?.kind === "import" || b?.kind === "var");
    }
    if (ts.isPropertyAccessExpression(x)) return /schema|validator/i.test(x.name.text) || /^[A-Z]/.test(x.name.text);
    if (ts.isCallExpression(x)) return SCHEMA_EXPR.test(x.getText());
    return false;
  }

  private schemaExpr(init: ts.Expression, depth: number): boolean {
    const x = unwrap(init);
    if (ts.isIdentifier(x) || ts.isPropertyAccessExpression(x)) return this.schemaLike(x, depth);
    if (/JsonOutputParser/.test(x.getText())) return false;
    return SCHEMA_EXPR.test(x.getText());
  }

  /** `JSON.parse(x)`, partial-json/JSON5/YAML parsers, a LangChain `JsonOutputParser`'s `.parse`. */
  isJsonParse(c: ts.CallExpression): boolean {
    const t = c.expression.getText().replace(/\s+/g, "");
    if (this.data.jsonParsers.globals.includes(t)) return true;
    const pe = packageExportOf(this.finder.ws, c.expression);
    if (pe && this.data.jsonParsers.packages.includes(pe.pkg)) return true;
    const callee = unwrap(c.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === "parse" && ts.isIdentifier(callee.expression)) {
      const init = this.finder.strings.initializerOf(callee.expression);
      return !!init && /JsonOutputParser/.test(init.getText());
    }
    return false;
  }

  /**
   * Whether a parsed value is the model's text rather than an envelope: the bytes of an
   * InvokeModel body, a raw HTTP body or a stream line (parsed to reach the text, not data).
   */
  private isModelText(arg: ts.Expression, via: Via): boolean {
    const text = derivation(arg);
    if (MODEL_TEXT.test(text)) return true;
    if (ENVELOPE.test(text)) return false;
    // A raw HTTP body is parsed once to reach the text; an SDK result is already an object.
    return via !== "http";
  }

  private isToolCall(n: ts.PropertyAccessExpression): boolean {
    if (TOOLISH.test(n.getText())) return true;
    const root = rootName(n);
    if (!root) return false;
    if (TOOLISH.test(root)) return true;
    const b = resolveName(root, n);
    if (b?.kind === "var") {
      const d = b.decl;
      const src = d.initializer ?? (d.parent?.parent && (ts.isForOfStatement(d.parent.parent) || ts.isForInStatement(d.parent.parent)) ? d.parent.parent.expression : undefined);
      return !!src && TOOLISH.test(src.getText());
    }
    // `res.message.tool_calls?.map((tc) => tc.function.arguments)`: the callback iterates tool calls.
    if (b?.kind === "param") {
      const host = callbackHost(b.decl.parent);
      return !!host && TOOLISH.test(host.expression.getText());
    }
    return false;
  }

  /** A streamed fragment of the arguments (a text delta, not yet data). */
  private isDelta(n: ts.Node): boolean {
    const t = n.getText().toLowerCase();
    return this.data.toolArguments.streamMarkers.some((m) => t.includes(m));
  }

  /** An access handed straight to a parser or validator (judged there). */
  private consumed(n: ts.Node): boolean {
    let x: ts.Node = n;
    while (x.parent && (ts.isParenthesizedExpression(x.parent) || ts.isAsExpression(x.parent) || ts.isNonNullExpression(x.parent))) x = x.parent;
    const p = x.parent;
    return !!p && ts.isCallExpression(p) && p.arguments.includes(x as ts.Expression) && (this.isJsonParse(p) || this.isValidator(p));
  }

  /**
   * A number parsed out of the text is guarded when a bad answer cannot pass unnoticed: a catch, an
   * `isNaN`/shape check on what it gives (also a `.filter((n) => !isNaN(n))` down the chain), an
   * optional chain or a fallback (`parseInt(m?.[1] ?? "5")`, `parseFloat(x) || 0`), or a presence check.
   */
  private textParseGuarded(n: ts.CallExpression): boolean {
    if (this.caught(n, true) || this.shapeChecked(n) || hasOptional(n)) return true;
    let x: ts.Node = n;
    for (let hops = 0; hops < 12 && x.parent; hops++) {
      const p: ts.Node = x.parent;
      if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isPrefixUnaryExpression(p)) {
        x = p;
        continue;
      }
      // `parts.map((s) => Number(s))`: the parse's value is what `.map` gives.
      if (ts.isArrowFunction(p) && p.body === x && p.parent && ts.isCallExpression(p.parent) && p.parent.arguments.includes(p)) {
        x = p.parent;
        continue;
      }
      if (ts.isBinaryExpression(p) && p.left === x && (p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) return true;
      if (ts.isPropertyAccessExpression(p) && p.expression === x && p.parent && ts.isCallExpression(p.parent) && p.parent.expression === p) {
        if (/^(filter|every|some|find|findIndex)$/.test(p.name.text) && p.parent.arguments.some((a) => /\b(isNaN|isFinite|isInteger|isSafeInteger)\b/.test(a.getText()))) return true;
        x = p.parent;
        continue;
      }
      if (ts.isVariableDeclaration(p) && p.initializer === x && ts.isIdentifier(p.name)) return (x !== n && this.shapeChecked(x)) || presenceChecked(p.name.text, containerOf(p));
      break;
    }
    return false;
  }

  private guarded(parse: ts.CallExpression): boolean {
    return !!this.caught(parse, true) || this.shapeChecked(parse);
  }

  /** A catch around a parse of the raw answer (`JSON.parse(decode(res.body))` in a try), for answers that are data as a whole. */
  caughtParse(call: ts.Expression): ts.Node | undefined {
    for (const seg of followResult(call)) {
      const body = bodyOf(seg.container);
      if (!body) continue;
      let hit: ts.Node | undefined;
      walk(body, (n) => {
        if (!hit && ts.isCallExpression(n) && this.isJsonParse(n) && n.arguments.some((a) => carriesResult(seg, a))) hit = this.caught(n, true);
      });
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * Tool-call arguments a request helper parses itself (a generic SSE helper that runs the tools:
   * `funcs[name](JSON.parse(tool.function.arguments))`): the answer is used as data inside it.
   */
  helperToolParses(fn: FunctionNode): UseVerdict | undefined {
    if (!fn.body) return undefined;
    const ev: Events = { parses: [] };
    walk(fn.body, (n) => {
      if (!ts.isCallExpression(n) || !this.isJsonParse(n) || !n.arguments[0]) return;
      const arg = unwrap(n.arguments[0]);
      const text = derivation(arg);
      const toolish = TOOLISH.test(text) || (ts.isPropertyAccessExpression(arg) && this.isToolCall(arg));
      if (toolish && /\b(arguments|args|input)\b/.test(text)) ev.parses.push({ node: n, guarded: this.guarded(n), what: "tool-call arguments are parsed in the request helper" });
    });
    return ev.parses.length ? verdict(ev) : undefined;
  }

  /**
   * Explicit shape checks on what a parse (or a tool-argument read) gives: `typeof`, `Array.isArray`,
   * `in`, `instanceof`, a type guard `isX(v)`, optional chaining with a fallback.
   */
  shapeChecked(node: ts.Node): boolean {
    let x: ts.Node = node;
    while (x.parent && (ts.isParenthesizedExpression(x.parent) || ts.isAsExpression(x.parent) || ts.isNonNullExpression(x.parent) || ts.isAwaitExpression(x.parent) || ts.isSatisfiesExpression(x.parent))) x = x.parent;
    const p = x.parent;
    const names: string[] = [];
    if (p && ts.isVariableDeclaration(p) && p.initializer === x) collectNames(p.name, names);
    else if (p && ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === x && ts.isIdentifier(p.left)) names.push(p.left.text);
    if (optionalWithFallback(x)) return true;
    if (!names.length) return false;
    const container = containerOf(x);
    const all = propagate(container, names);
    const body = bodyOf(container);
    if (!body) return false;
    const uses = (e: ts.Node) => usesName(e, all);
    let hit = false;
    walk(body, (n) => {
      if (hit) return;
      if (ts.isTypeOfExpression(n) && uses(n.expression)) hit = true;
      else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.InKeyword && uses(n.right)) hit = true;
      else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword && uses(n.left)) hit = true;
      else if (ts.isCallExpression(n) && n.arguments.some(uses)) {
        const t = n.expression.getText().replace(/\s+/g, "");
        const last = t.split(".").pop() ?? t;
        if (/^(Array\.isArray|Number\.is\w+|isNaN|isFinite)$/.test(t) || GUARD_FN.test(last)) hit = true;
      } else if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && n.questionDotToken && uses(n.expression) && optionalWithFallback(n)) hit = true;
    });
    return hit;
  }
}

const NUMBER_PARSERS = /^(parseInt|parseFloat|Number|Number\.parseInt|Number\.parseFloat)$/;

/**
 * Whether a call parses the model's text into a number (`carries` tells whether an expression holds
 * the text or a piece cut from it): `parseFloat(text)`, `Number(m[1])`, `parts.map(Number)`.
 * Cutting text out of tags or matching a pattern to get more text is still text (CHECKS.md).
 */
function textParse(c: ts.CallExpression, carries: (e: ts.Node) => boolean): string | undefined {
  const callee = unwrap(c.expression);
  const name = callee.getText().replace(/\s+/g, "");
  const answer = (e: ts.Node) => carries(e) && !METADATA.test(e.getText());
  if (NUMBER_PARSERS.test(name) && c.arguments[0] && answer(c.arguments[0])) return "parsed as a number";
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === "map" && c.arguments[0] && NUMBER_PARSERS.test(unwrap(c.arguments[0]).getText()) && answer(callee.expression)) return "parsed as numbers";
  return undefined;
}

/** What a response carries beside the answer (token counts, headers, status, timings): reading those as numbers is not parsing the answer. */
const METADATA = /\b(usage|usageMetadata|\w+_tokens|\w+Tokens|headers?|status|statusCode|logprobs?)\b/;

/** `if (!name)`, `name == null`, `name === undefined` in the function: the parse's absence is handled. */
function presenceChecked(name: string, container: ts.Node): boolean {
  const body = bodyOf(container);
  if (!body) return false;
  let hit = false;
  walk(body, (n) => {
    if (hit) return;
    if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.ExclamationToken && ts.isIdentifier(unwrap(n.operand)) && (unwrap(n.operand) as ts.Identifier).text === name) hit = true;
    else if (ts.isBinaryExpression(n) && /^[!=]==?$/.test(n.operatorToken.getText()) && ((ts.isIdentifier(n.left) && n.left.text === name && /^(null|undefined)$/.test(n.right.getText())) || (ts.isIdentifier(n.right) && n.right.text === name && /^(null|undefined)$/.test(n.left.getText())))) hit = true;
  });
  return hit;
}

function merge(into: Events, from: Events): void {
  into.schema ??= from.schema;
  into.parses.push(...from.parses);
}

function verdict(ev: Events): UseVerdict {
  if (ev.schema) return { value: "schema", evidence: ev.schema, note: "the answer is checked against a schema" };
  if (ev.parses.length) {
    const bad = ev.parses.find((p) => !p.guarded);
    if (bad) return { value: "unchecked", evidence: bad.node, note: `${bad.what} with no guard` };
    return { value: "guarded-parse", evidence: ev.parses[0]!.node, note: `${ev.parses[0]!.what} under a guard (try/catch or shape checks), without a schema` };
  }
  return { value: "text" };
}

/** `a?.b ?? fallback`, `a?.b || fallback`: an optional chain whose absence is handled. */
function optionalWithFallback(n: ts.Node): boolean {
  let x: ts.Node = n;
  for (let i = 0; i < 8 && x.parent; i++) {
    const p: ts.Node = x.parent;
    if (ts.isBinaryExpression(p) && p.left === x && (p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      return hasOptional(n);
    }
    if (ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p) || ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p) || (ts.isCallExpression(p) && p.expression === x)) {
      x = p;
      continue;
    }
    break;
  }
  return false;
}

function hasOptional(n: ts.Node): boolean {
  let hit = false;
  const visit = (x: ts.Node) => {
    if ((ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isCallExpression(x)) && x.questionDotToken) hit = true;
    if (!hit) x.forEachChild(visit);
  };
  let top: ts.Node = n;
  while (top.parent && (ts.isPropertyAccessExpression(top.parent) || ts.isElementAccessExpression(top.parent))) top = top.parent;
  visit(top);
  return hit;
}

function usesName(e: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(e)) return names.has(e.text);
  let hit = false;
  const visit = (x: ts.Node) => {
    if (hit) return;
    if (ts.isIdentifier(x) && names.has(x.text) && !(x.parent && ts.isPropertyAccessExpression(x.parent) && x.parent.name === x)) hit = true;
    else x.forEachChild(visit);
  };
  visit(e);
  return hit;
}

/** The text of an expression and of the local initializers of the names in it (two hops): where a value came from. */
function derivation(arg: ts.Expression): string {
  const parts = [arg.getText()];
  let frontier: ts.Node[] = [arg];
  for (let hop = 0; hop < 2; hop++) {
    const next: ts.Node[] = [];
    for (const f of frontier) {
      const visit = (x: ts.Node) => {
        if (ts.isIdentifier(x) && !(x.parent && ts.isPropertyAccessExpression(x.parent) && x.parent.name === x)) {
          const b = resolveName(x.text, x);
          if (b?.kind === "var") {
            const d = b.decl;
            const src = d.initializer ?? (d.parent?.parent && (ts.isForOfStatement(d.parent.parent) || ts.isForInStatement(d.parent.parent)) ? d.parent.parent.expression : undefined);
            if (src) {
              parts.push(shallowText(src) + b.path.map((k) => `.${k}`).join(""));
              next.push(shallowNode(src));
            }
          }
        }
        x.forEachChild(visit);
      };
      visit(f);
    }
    frontier = next;
  }
  return parts.join("\n");
}

/** An initializer as it bears on where a value came from: a call is its callee (`res.text()`), not its arguments (a request body). */
function shallowText(e: ts.Expression): string {
  const x = unwrap(e);
  if (ts.isCallExpression(x) || ts.isNewExpression(x)) return `${shallowText(x.expression)}()`;
  return x.getText();
}

function shallowNode(e: ts.Expression): ts.Node {
  const x = unwrap(e);
  return ts.isCallExpression(x) || ts.isNewExpression(x) ? shallowNode(x.expression) : x;
}

/** A top-level `const name = ...` of a file (found even when a type of the same name shadows it in the scope table). */
function valueDeclaration(sf: ts.SourceFile, name: string): ts.VariableDeclaration | undefined {
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const d = st.declarationList.declarations.find((x) => ts.isIdentifier(x.name) && x.name.text === name);
    if (d) return d;
  }
  return undefined;
}
