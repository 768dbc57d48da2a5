/**
 * What flows into a request's prompt, traced back to where it comes from: constants, inputs that can
 * grow (message history, request bodies, file text, retrieved chunks, tool results, call results),
 * and the cuts and checks that bound them (`slice(-N)`, `trimMessages`, a token counter, a length
 * check that rejects, a retriever `k`). Data in rules/libraries/context.json.
 */
import ts from "typescript";
import { rethrowBudget } from "../../budget";
import type { DetectedSite } from "../../callSites/detect";
import { resolveName } from "../../callSites/scope";
import type { CheckContext } from "../checkContext";
import { enclosingFunction, type CallGraph } from "../../flow/entries";
import type { ContextLibraries } from "../../flow/libraryData";
import { packageExportOf } from "../../flow/packageExports";
import { unwrap } from "../../flow/optionPaths";
import { capKeys } from "../../flow/outputCap";
import { chainOf } from "../../flow/siteChain";

export type LeafKind = "constant" | "growing" | "bounded" | "unknown";

export interface Leaf {
  kind: LeafKind;
  /** What it is ("message history `messages`", "the request body", "file text"). */
  what: string;
  /** Where it comes from, or where it is bounded (the evidence). */
  at: ts.Node;
}

/** Request options that carry no prompt text. */
const NOT_PROMPT = new Set([
  "model", "modelId", "modelName", "deploymentName", "temperature", "top_p", "topP", "topK", "top_k", "stream", "signal", "abortSignal", "timeout", "maxRetries",
  "response_format", "responseFormat", "text_format", "schema", "schemaName", "schemaDescription", "output", "mode", "tools", "tool_choice", "toolChoice", "functions", "function_call",
  "seed", "user", "n", "stop", "stopSequences", "headers", "method", "onFinish", "onError", "onChunk", "onStepFinish", "experimental_telemetry", "providerOptions",
  "store", "metadata", "reasoning", "reasoning_effort", "format", "keep_alive", "frequency_penalty", "presence_penalty", "logprobs", "parallel_tool_calls", "maxSteps",
  "stopWhen", "responseMimeType", "responseSchema", "thinkingConfig", "safetySettings", "cache", "callbacks", "runName", "tags", "configurable", "credentials", "region",
  "accept", "contentType", "url", "baseURL", "apiKey", "dimensions", "encoding_format", "id", "role", "type", "name", "service_tier", "prediction", "modalities", "audio",
]);

/** How many steps an input is followed back (through variables, calls and callers) before it is `unknown`. */
const MAX_DEPTH = 24;

/** Identifiers that are values of their own (no data flows from them). */
const GLOBALS = new Set(["undefined", "null", "true", "false", "NaN", "Infinity", "Date", "Math", "JSON", "process", "console"]);

export class PromptInputs {
  private readonly trimNames: RegExp;
  private readonly history: RegExp;
  private readonly counters: Set<string>;

  constructor(
    private readonly ctx: CheckContext,
    private readonly graph: CallGraph,
    readonly data: ContextLibraries,
  ) {
    this.trimNames = new RegExp(data.trimmers.names, "i");
    this.history = new RegExp(data.growing.historyNames, "i");
    this.counters = new Set(data.tokenCounters.methods);
  }

  private calls: Set<ts.Node> | undefined;

  /** The calls that are sites themselves. */
  private siteCalls(): Set<ts.Node> {
    return (this.calls ??= new Set(this.ctx.sites.map((s) => s.call)));
  }

  /** Leaves by site (the check and the cost estimate both ask). */
  private readonly leafMemo = new Map<DetectedSite, Leaf[]>();
  /** boundIn by function, then name: each identifier of a prompt asks about its function again. */
  private readonly boundMemo = new Map<ts.Node, Map<string, ts.Node | undefined>>();
  private readonly counterMemo = new Map<ts.Node, ts.Node | undefined>();

  /** The prompt's leaves for a site: its request (inside wrappers, with the caller's arguments). */
  leavesOf(site: DetectedSite): Leaf[] {
    let out = this.leafMemo.get(site);
    if (!out) this.leafMemo.set(site, (out = this.leavesUncached(site)));
    return out;
  }

  private leavesUncached(site: DetectedSite): Leaf[] {
    const chain = chainOf(site);
    const inner = chain[chain.length - 1]!;
    const env = new Map<ts.Node, ts.CallExpression>();
    // Each wrapper level binds its function's parameters to the arguments of the call above it.
    for (let i = 0; i < chain.length - 1; i++) {
      const w = chain[i]!.wrapper;
      if (w) env.set(w, chain[i]!.call);
    }
    const out: Leaf[] = [];
    for (const a of this.requestArgs(inner)) this.classify(a, env, 0, out, new Set());
    return out;
  }

  /** The arguments of a request that may carry prompt text. */
  private requestArgs(s: DetectedSite): ts.Expression[] {
    const args = [...s.call.arguments];
    if (s.via === "http") return args.slice(1);
    const reqArg = s.sdk?.options.requestArg;
    return args.filter((_, i) => !(reqArg !== null && reqArg !== undefined && reqArg > 0 && i === reqArg));
  }

  private classify(e: ts.Node, env: Map<ts.Node, ts.CallExpression>, depth: number, out: Leaf[], seen: Set<ts.Node>): void {
    if (seen.has(e)) return;
    if (depth > MAX_DEPTH) {
      out.push({ kind: "unknown", what: `\`${short(e)}\` (followed too far)`, at: e });
      return;
    }
    seen.add(e);
    const x = ts.isExpression(e) ? unwrap(e) : e;
    if (ts.isStringLiteralLike(x) || ts.isNumericLiteral(x) || x.kind === ts.SyntaxKind.TrueKeyword || x.kind === ts.SyntaxKind.FalseKeyword || x.kind === ts.SyntaxKind.NullKeyword || ts.isRegularExpressionLiteral(x)) {
      out.push({ kind: "constant", what: "text", at: x });
      return;
    }
    if (ts.isArrowFunction(x) || ts.isFunctionExpression(x) || ts.isClassExpression(x)) return;
    if (ts.isTemplateExpression(x)) {
      out.push({ kind: "constant", what: "text", at: x.head });
      for (const span of x.templateSpans) this.classify(span.expression, env, depth + 1, out, seen);
      return;
    }
    if (ts.isObjectLiteralExpression(x)) {
      for (const p of x.properties) {
        const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
        if (key && (NOT_PROMPT.has(key) || capKeys(this.ctx).has(key))) continue;
        if (ts.isPropertyAssignment(p)) this.classify(p.initializer, env, depth + 1, out, seen);
        else if (ts.isShorthandPropertyAssignment(p)) this.classify(p.name, env, depth + 1, out, seen);
        else if (ts.isSpreadAssignment(p)) this.classify(p.expression, env, depth + 1, out, seen);
      }
      return;
    }
    if (ts.isArrayLiteralExpression(x)) {
      for (const el of x.elements) this.classify(ts.isSpreadElement(el) ? el.expression : el, env, depth + 1, out, seen);
      return;
    }
    if (ts.isBinaryExpression(x)) {
      const op = x.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.CommaToken) {
        this.classify(x.left, env, depth + 1, out, seen);
        this.classify(x.right, env, depth + 1, out, seen);
      } else if (op === ts.SyntaxKind.AmpersandAmpersandToken) this.classify(x.right, env, depth + 1, out, seen);
      return;
    }
    if (ts.isConditionalExpression(x)) {
      this.classify(x.whenTrue, env, depth + 1, out, seen);
      this.classify(x.whenFalse, env, depth + 1, out, seen);
      return;
    }
    if (ts.isPrefixUnaryExpression(x) || ts.isTypeOfExpression(x) || ts.isBigIntLiteral(x)) return;
    if (ts.isCallExpression(x) || ts.isNewExpression(x)) return this.call(x, env, depth, out, seen);
    if (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) {
      const name = ts.isPropertyAccessExpression(x) ? x.name.text : "";
      if (name === "length" || name === "id" || name === "role") return;
      const root = rootOf(x);
      if (root && ts.isIdentifier(root) && /^[A-Z][A-Z0-9_]+$/.test(root.text)) {
        out.push({ kind: "constant", what: root.text, at: x });
        return;
      }
      const before = out.length;
      this.classify(x.expression, env, depth + 1, out, seen);
      // A growing object read by a key that names a collection keeps its growth; a request's field is the request.
      for (let i = before; i < out.length; i++) if (out[i]!.kind === "growing" && out[i]!.at === x.expression) out[i] = { ...out[i]!, what: `${out[i]!.what} (\`${short(x)}\`)`, at: x };
      return;
    }
    if (ts.isIdentifier(x)) return this.identifier(x, env, depth, out, seen);
    if (ts.isAwaitExpression(x) || ts.isSpreadElement(x)) return this.classify(x.expression, env, depth + 1, out, seen);
    out.push({ kind: "unknown", what: `\`${short(x)}\``, at: x });
  }

  private identifier(x: ts.Identifier, env: Map<ts.Node, ts.CallExpression>, depth: number, out: Leaf[], seen: Set<ts.Node>): void {
    if (GLOBALS.has(x.text)) return;
    const b = resolveName(x.text, x);
    if (!b) {
      out.push({ kind: "unknown", what: `\`${x.text}\``, at: x });
      return;
    }
    if (b.kind === "import" || b.kind === "function" || b.kind === "class" || b.kind === "interface" || b.kind === "other") {
      out.push({ kind: "constant", what: x.text, at: x });
      return;
    }
    if (b.kind === "var") {
      const decl = b.decl;
      const fn = enclosingFunction(decl);
      const mutated = fn ? this.appended(x.text, fn) : this.storeGrows(x.text, decl);
      if (mutated) {
        const bound = this.boundIn(x.text, fn!);
        out.push(bound ? { kind: "bounded", what: `\`${x.text}\``, at: bound } : { kind: "growing", what: `\`${x.text}\` (appended to with \`${mutated.getText().split("(")[0]}\`)`, at: mutated });
        return;
      }
      if (!decl.initializer) {
        // `for (const user of users)`: the element of what is iterated.
        const loop = decl.parent?.parent;
        if (loop && (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) && loop.initializer === decl.parent) {
          this.classify(loop.expression, env, depth + 1, out, seen);
          return;
        }
        out.push({ kind: "unknown", what: `\`${x.text}\``, at: x });
        return;
      }
      // Loop variables over a collection: the element of what is iterated.
      const before = out.length;
      this.classify(decl.initializer, env, depth + 1, out, seen);
      if (fn) this.applyChecks(x.text, fn, out, before);
      return;
    }
    // A parameter: bound by the call above (wrapper levels), else by every workspace caller.
    const param = b.decl;
    const fn = param.parent;
    const index = ts.isFunctionLike(fn) ? fn.parameters.indexOf(param) : -1;
    const type = param.type?.getText() ?? "";
    if (/^(number|boolean|Date|bigint)$/.test(type)) return;
    const bound = ts.isFunctionLike(fn) ? this.boundIn(x.text, fn) : undefined;
    if (bound) {
      out.push({ kind: "bounded", what: `\`${x.text}\``, at: bound });
      return;
    }
    const before = out.length;
    const bind = env.get(fn);
    if (bind && index >= 0) {
      const arg = bind.arguments[index];
      if (arg) this.classify(pathed(arg, b.path), env, depth + 1, out, seen);
    } else if (index >= 0) {
      const uses = this.graph.usesOf(fn).filter((u) => ts.isCallExpression(u.parent) && u.parent.expression === u);
      if (!uses.length) {
        // Nothing in the workspace passes it: text from outside (a handler's request, a library's caller).
        out.push({ kind: "growing", what: `\`${x.text}\` (${isHandlerParam(x.text) ? "the incoming request" : this.history.test(x.text) ? "a collection passed in" : "a parameter no workspace caller bounds"})`, at: param });
        return;
      }
      for (const u of uses.slice(0, 6)) {
        const arg = (u.parent as ts.CallExpression).arguments[index];
        if (arg) this.classify(pathed(arg, b.path), env, depth + 1, out, seen);
      }
    }
    if (ts.isFunctionLike(fn)) this.applyChecks(x.text, fn, out, before);
  }

  private call(x: ts.CallExpression | ts.NewExpression, env: Map<ts.Node, ts.CallExpression>, depth: number, out: Leaf[], seen: Set<ts.Node>): void {
    const callee = unwrap(x.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : "";
    const args = x.arguments ?? ts.factory.createNodeArray();
    const t = this.data;
    if (t.trimmers.methods.includes(name) && ts.isPropertyAccessExpression(callee) && cuts(args)) {
      out.push({ kind: "bounded", what: `\`${short(callee.expression)}\``, at: x });
      return;
    }
    if (t.trimmers.functions.includes(name) || (name && this.trimNames.test(name) && name !== "trim")) {
      out.push({ kind: "bounded", what: `\`${name}(...)\``, at: x });
      return;
    }
    if (this.counters.has(name)) return;
    if (t.retrieval.methods.includes(name) && ts.isPropertyAccessExpression(callee) && /retriev|vector|store|index|search|pinecone|qdrant|chroma|weaviate|supabase|db/i.test(callee.expression.getText())) {
      const k = args.slice(1).some((a) => ts.isNumericLiteral(unwrap(a))) || args.some((a) => ts.isObjectLiteralExpression(unwrap(a)) && (unwrap(a) as ts.ObjectLiteralExpression).properties.some((p) => p.name && ts.isIdentifier(p.name) && t.retrieval.kKeys.includes(p.name.text)));
      out.push(k ? { kind: "bounded", what: `retrieved chunks (\`${name}\` with a k)`, at: x } : { kind: "growing", what: `retrieved chunks (\`${name}\` with no k)`, at: x });
      return;
    }
    if (t.growing.fileReads.includes(name) && (name !== "text" || /file|blob|res|response|upload|pdf|doc/i.test(ts.isPropertyAccessExpression(callee) ? callee.expression.getText() : ""))) {
      out.push({ kind: "growing", what: `file or document text (\`${short(x.expression)}\`)`, at: x });
      return;
    }
    if ((name === "json" || name === "formData") && ts.isPropertyAccessExpression(callee) && /req|request|c\.req/i.test(callee.expression.getText())) {
      out.push({ kind: "growing", what: `the request body (\`${short(x)}\`)`, at: x });
      return;
    }
    if (ts.isPropertyAccessExpression(callee) && ["map", "filter", "join", "concat", "flat", "flatMap", "toString", "trim", "replace", "replaceAll", "toLowerCase", "toUpperCase", "reverse", "sort", "split", "reduce", "entries", "values"].includes(name)) {
      this.classify(callee.expression, env, depth + 1, out, seen);
      if (name === "concat") for (const a of args) this.classify(a, env, depth + 1, out, seen);
      return;
    }
    if (ts.isIdentifier(callee) && ["String", "JSON", "stringify"].includes(name)) {
      for (const a of args.slice(0, 1)) this.classify(a, env, depth + 1, out, seen);
      return;
    }
    if (ts.isPropertyAccessExpression(callee) && (callee.expression.getText() === "JSON" || callee.expression.getText() === "Object")) {
      for (const a of args.slice(0, 1)) this.classify(a, env, depth + 1, out, seen);
      return;
    }
    if (/^(toISOString|toFixed|toLocaleDateString|toLocaleString|randomUUID|now|floor|round|ceil|min|max|getTime)$/.test(name)) return;
    // Another model's answer (a wrapper call, a transcription): text of the model's choosing.
    if (ts.isCallExpression(x) && this.siteCalls().has(x)) {
      out.push({ kind: "growing", what: `the answer of \`${short(x.expression)}\``, at: x });
      return;
    }
    // A workspace function: what it returns, its parameters bound to this call's arguments.
    let v;
    try {
      v = this.ctx.finder.ev.eval(x.expression);
    } catch (e) {
      rethrowBudget(e);
      v = null;
    }
    if (v?.t === "fn" && v.node.body) {
      const returns = returnedOf(v.node);
      if (returns.length) {
        const inner = new Map(env);
        if (ts.isCallExpression(x)) inner.set(v.node, x);
        for (const r of returns) this.classify(r, inner, depth + 1, out, seen);
        return;
      }
    }
    // `new Promise((resolve) => rl.question(q, resolve))`: whatever the callback resolves with (user input, a stream).
    if (ts.isNewExpression(x) && x.expression.getText() === "Promise") {
      out.push({ kind: "growing", what: "a value a promise resolves with", at: x });
      return;
    }
    // Message constructors (`new HumanMessage(text)`), template formatting, prompt builders from packages: their arguments.
    const pe = packageExportOf(this.ctx.workspace, x.expression);
    if (pe || ts.isNewExpression(x) || /^(format|formatMessages|fromTemplate|fromMessages|invoke|pick|omit)$/.test(name)) {
      for (const a of args) this.classify(a, env, depth + 1, out, seen);
      if (ts.isPropertyAccessExpression(callee) && !pe) this.classify(callee.expression, env, depth + 1, out, seen);
      return;
    }
    out.push({ kind: "growing", what: `the result of \`${short(x.expression)}\``, at: x });
  }

  /**
   * A module-level collection (`const today = new Map()`, `const log = []`) that code adds to: it lives
   * as long as the process and grows with every request, loop or not.
   */
  private storeGrows(name: string, decl: ts.VariableDeclaration): ts.Node | undefined {
    const init = decl.initializer && unwrap(decl.initializer);
    const collection = init && (ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init) || (ts.isNewExpression(init) && /^(Map|Set|Array)$/.test(init.expression.getText())));
    if (!collection) return undefined;
    let hit: ts.Node | undefined;
    const stack: ts.Node[] = [decl.getSourceFile()];
    while (stack.length && !hit) {
      const n = stack.pop()!;
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ["push", "unshift", "set", "add"].includes(n.expression.name.text) && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === name) hit = n;
      n.forEachChild((c) => void stack.push(c));
    }
    return hit;
  }

  /** `history.push(...)` / `messages.unshift(...)` in a function: a collection that grows with each turn. */
  private appended(name: string, fn: ts.Node): ts.Node | undefined {
    let hit: ts.Node | undefined;
    const stack: ts.Node[] = [fn];
    while (stack.length && !hit) {
      const n = stack.pop()!;
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ["push", "unshift"].includes(n.expression.name.text) && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === name) {
        // A push inside a loop or of a stored turn: growth. A fixed list built by a few pushes is bounded by its code, but still grows with loops.
        for (let p: ts.Node | undefined = n.parent; p && p !== fn; p = p.parent) {
          if (ts.isForStatement(p) || ts.isForOfStatement(p) || ts.isForInStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p) || (ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && ["forEach", "map"].includes(p.expression.name.text))) {
            hit = n;
            break;
          }
        }
      }
      n.forEachChild((c) => void stack.push(c));
    }
    return hit;
  }

  /**
   * A cut or check of `name` in a function: a length or token-count comparison that leaves or cuts
   * (`if (text.length > MAX) throw`, `while (countTokens(messages) > budget) messages.shift()`), a
   * reassignment through a trimmer, a schema with `.max(...)` that parses it.
   */
  boundIn(name: string, fn: ts.Node): ts.Node | undefined {
    let byName = this.boundMemo.get(fn);
    if (!byName) this.boundMemo.set(fn, (byName = new Map()));
    if (byName.has(name)) return byName.get(name);
    const out = this.boundUncached(name, fn);
    byName.set(name, out);
    return out;
  }

  private boundUncached(name: string, fn: ts.Node): ts.Node | undefined {
    const word = new RegExp(`\\b${name.replace(/\$/g, "\\$")}\\b`);
    const stack: ts.Node[] = [fn];
    while (stack.length) {
      const n = stack.pop()!;
      if ((ts.isIfStatement(n) || ts.isWhileStatement(n)) && word.test(n.expression.getText())) {
        const cond = n.expression.getText();
        const measured = /\.length\b/.test(cond) || [...this.counters].some((c) => cond.includes(`${c}(`)) || /tokens?/i.test(cond);
        // An upper bound: `x.length > MAX`, `countTokens(x) >= budget`, `MAX < x.length` (a minimum bounds nothing).
        const upper = /(\.length|\)|tokens?\w*)\s*>=?/i.test(cond) || /<=?\s*[\w$.()]*(\.length|tokens?)/i.test(cond);
        if (measured && upper) return n;
      }
      // `if (!(await fitsInContext(text))) return ...`: a workspace helper that counts tokens, and the branch leaves.
      if (ts.isIfStatement(n) && leaves(n.thenStatement)) {
        const calls: ts.CallExpression[] = [];
        const walk = (c: ts.Node) => {
          if (ts.isCallExpression(c)) calls.push(c);
          c.forEachChild(walk);
        };
        walk(n.expression);
        for (const c of calls) {
          let v;
          try {
            v = this.ctx.finder.ev.eval(c.expression);
          } catch (e) {
            rethrowBudget(e);
            v = null;
          }
          if (v?.t === "fn" && v.node.body && this.counterIn(v.node)) return n;
        }
      }
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === name) {
        const r = unwrap(n.right);
        if (ts.isCallExpression(r)) {
          const c = unwrap(r.expression);
          const m = ts.isPropertyAccessExpression(c) ? c.name.text : ts.isIdentifier(c) ? c.text : "";
          if (this.data.trimmers.methods.includes(m) || this.data.trimmers.functions.includes(m) || (this.trimNames.test(m) && m !== "trim")) return n;
        }
      }
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ["splice", "shift"].includes(n.expression.name.text) && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === name) {
        for (let p: ts.Node | undefined = n.parent; p && p !== fn; p = p.parent) if (ts.isWhileStatement(p) || ts.isIfStatement(p)) return n;
      }
      n.forEachChild((c) => void stack.push(c));
    }
    return undefined;
  }

  /** Leaves from `before` on that a check in `fn` bounds: a length or token check, a schema `.max()` on what they were parsed from. */
  private applyChecks(name: string, fn: ts.Node, out: Leaf[], before: number): void {
    const bound = this.boundIn(name, fn);
    if (bound) {
      for (let i = before; i < out.length; i++) if (out[i]!.kind === "growing" || out[i]!.kind === "unknown") out[i] = { kind: "bounded", what: out[i]!.what, at: bound };
    }
  }

  /** A token counter in a function (`encode(text).length`, `countTokens(...)`). */
  counterIn(fn: ts.Node): ts.Node | undefined {
    if (this.counterMemo.has(fn)) return this.counterMemo.get(fn);
    const out = this.counterUncached(fn);
    this.counterMemo.set(fn, out);
    return out;
  }

  private counterUncached(fn: ts.Node): ts.Node | undefined {
    const pkgs = this.data.tokenCounters.packages;
    const stack: ts.Node[] = [fn];
    while (stack.length) {
      const n = stack.pop()!;
      if (ts.isCallExpression(n)) {
        const c = unwrap(n.expression);
        const m = ts.isPropertyAccessExpression(c) ? c.name.text : ts.isIdentifier(c) ? c.text : "";
        if (this.counters.has(m) && m !== "encode") return n;
        const pe = packageExportOf(this.ctx.workspace, n.expression);
        if (pe && pkgs.includes(pe.pkg)) return n;
      }
      n.forEachChild((c) => void stack.push(c));
    }
    return undefined;
  }
}

/** `arg` read at the destructuring path of a parameter (`{ messages }` → `arg.messages`, approximated by the argument). */
function pathed(arg: ts.Expression, path: string[]): ts.Expression {
  if (!path.length) return arg;
  const obj = unwrap(arg);
  if (ts.isObjectLiteralExpression(obj)) {
    for (const p of obj.properties) {
      const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
      if (key !== path[0]) continue;
      if (ts.isPropertyAssignment(p)) return pathed(p.initializer, path.slice(1));
      if (ts.isShorthandPropertyAssignment(p)) return p.name;
    }
  }
  return arg;
}

/** `slice(-N)`, `slice(0, N)`, `substring(0, N)`: an end, or a start from the end (`argv.slice(2)` cuts nothing). */
function cuts(args: ts.NodeArray<ts.Expression>): boolean {
  if (args.length >= 2) return true;
  const a = args[0] && unwrap(args[0]);
  return !!a && ts.isPrefixUnaryExpression(a) && a.operator === ts.SyntaxKind.MinusToken;
}

/** A branch that returns or throws. */
function leaves(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return true;
  return ts.isBlock(s) && s.statements.some((x) => ts.isReturnStatement(x) || ts.isThrowStatement(x));
}

function returnedOf(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const stack: ts.Node[] = [fn.body];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    if (ts.isFunctionLike(n)) continue;
    n.forEachChild((c) => void stack.push(c));
  }
  return out;
}

function rootOf(e: ts.Expression): ts.Expression {
  let x = unwrap(e);
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isCallExpression(x)) x = unwrap(x.expression);
  return x;
}

function isHandlerParam(name: string): boolean {
  return /^(req|request|ctx|c|event|evt|message|msg|interaction|body|payload|input|formData|prevState|args|say|command)$/.test(name);
}

function short(n: ts.Node): string {
  const t = n.getText().replace(/\s+/g, " ");
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}
