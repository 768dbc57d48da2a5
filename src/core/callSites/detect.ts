/**
 * What is a call site (../shared/CHECKS.md "Call site"): SDK methods on traced clients, AI SDK
 * functions, raw HTTP that binds an LLM endpoint, and calls of workspace wrappers that issue a
 * request on behalf of their caller.
 */
import { checkBudget, unbudgeted } from "../budget";
import ts from "typescript";
import type { Catalog } from "../catalog/load";
import type { HttpCatalog, Provider } from "../catalog/schema";
import type { ParsedFile, Workspace } from "../project";
import type { SiteKind } from "../types";
import { EndpointMatcher } from "./endpoints";
import { candidateFilter, outline, rootOf } from "./candidates";
import { StringResolver, UNKNOWN as UNKNOWN_PART } from "./strings";
import { Evaluator, propName, type FunctionNode, type Val } from "./values";
import { resolveName } from "./scope";

type Inst = Extract<Val, { t: "inst" }>;

export interface DetectedSite {
  call: ts.CallExpression;
  file: ParsedFile;
  provider: string;
  kind: SiteKind;
  callee: string;
  model: string | null;
  /** How the request is made. */
  via: "sdk" | "http" | "wrapper";
  /** SDK sites: the instance the method was called on (client construction and configs). */
  client?: Inst;
  /** The catalog provider of an SDK site (defaults, option names). */
  sdk?: Provider;
  /** Raw HTTP sites: the URL as far as it is known. */
  url?: string;
  /** Raw HTTP sites: the HTTP client (rules/http.json key: `fetch`, `axios`, ...). */
  httpClient?: string;
  /**
   * The vendor serving the request when the SDK serves several (`anthropic` for an AI SDK call with
   * `anthropic("claude-...")`); absent when it is the SDK's own or chosen at run time.
   */
  vendor?: string;
  /** The call builds an object from the model's output (`VectorStore.fromDocuments`): what it returns is not an answer. */
  builds?: boolean;
  /** `shape`: the receiver could not be traced and the call was recognised by its shape (CHECKS.md). */
  resolution?: "traced" | "shape";
  /** Wrapper sites: the function called, and the site inside it that it reaches. */
  wrapper?: FunctionNode;
  inner?: DetectedSite;
}

interface HttpTarget {
  urlArg: number | null;
  urlKeys: string[];
}

export class SiteFinder {
  readonly ev: Evaluator;
  readonly strings: StringResolver;
  private readonly endpoints: EndpointMatcher;
  private readonly http: HttpCatalog;
  private readonly httpByPkg = new Map<string, HttpCatalog["clients"][string]>();
  private readonly httpNameByPkg = new Map<string, string>();
  /** Model-object packages → vendor (rules/providers/<sdk>.json `vendors`). */
  private readonly vendorByPkg = new Map<string, string>();
  /** Call shapes by the last member name, for receivers that cannot be traced. */
  private readonly shapesByName = new Map<string, { provider: Provider; path: string[]; keys: string[]; kind: SiteKind }[]>();
  private readonly siteMemo = new Map<ts.CallExpression, DetectedSite | null>();
  private readonly wrapperMemo = new Map<FunctionNode, DetectedSite | null>();
  private readonly helperMemo = new Map<FunctionNode, boolean>();
  /** The HTTP client a generic helper sends with (rules/http.json key). */
  private readonly helperClient = new Map<FunctionNode, string>();
  private implementations: Map<string, ts.ClassLikeDeclaration[]> | undefined;

  constructor(
    readonly ws: Workspace,
    catalog: Catalog,
  ) {
    this.http = catalog.http;
    for (const [name, c] of Object.entries(catalog.http.clients)) {
      for (const p of c.packages) {
        this.httpByPkg.set(p, c);
        this.httpNameByPkg.set(p, name);
      }
    }
    for (const pr of catalog.providers) {
      for (const [pkg, vendor] of Object.entries(pr.vendors)) this.vendorByPkg.set(pkg, vendor);
      for (const sh of pr.shapes) {
        const path = sh.path.split(".");
        const last = path[path.length - 1]!;
        const list = this.shapesByName.get(last) ?? [];
        list.push({ provider: pr, path, keys: sh.keys, kind: sh.kind });
        this.shapesByName.set(last, list);
      }
    }
    this.ev = new Evaluator(ws, catalog);
    this.strings = new StringResolver(ws);
    this.strings.functionOf = (callee) => {
      const v = this.ev.eval(callee);
      return v?.t === "fn" ? v.node : null;
    };
    this.endpoints = new EndpointMatcher(catalog);
  }

  /**
   * Every site in a file, in source order. Walks iteratively (deeply nested code must not overflow).
   * In a test file, a call of a workspace wrapper exercises the code path (eval coverage) rather
   * than being a request of the product's own; direct SDK and HTTP calls there still count.
   */
  sitesIn(file: ParsedFile, isTest = false): DetectedSite[] {
    const out: DetectedSite[] = [];
    const o = outline(file.sf);
    const isCandidate = candidateFilter(file, o, this.ws, (spec) => this.ev.isKnownPackage(spec));
    for (const call of o.calls) {
      const root = rootOf(call.expression);
      if (root === undefined) continue;
      if (!isCandidate(root)) {
        const shaped = this.shapeSite(call);
        if (shaped) out.push(shaped);
        continue;
      }
      const s = this.siteAt(call) ?? this.shapeSite(call);
      if (s && !(isTest && s.via === "wrapper") && !this.isPlumbing(s)) out.push(s);
    }
    return out;
  }

  /**
   * A call of a closure declared inside the wrapper that makes the call (its own retry or fallback
   * loop calling its inner `generate(model)`): plumbing, the SDK call inside is the site (CHECKS.md).
   */
  private isPlumbing(s: DetectedSite): boolean {
    const w = s.wrapper;
    if (s.via !== "wrapper" || !w) return false;
    for (let p = w.parent; p; p = p.parent) {
      if (!ts.isFunctionLike(p) || !(p as FunctionNode).body) continue;
      const outer = p as FunctionNode;
      return isInside(s.call, outer) && this.wrapperOf(outer) !== null;
    }
    return false;
  }

  siteAt(call: ts.CallExpression): DetectedSite | null {
    const cached = this.siteMemo.get(call);
    if (cached !== undefined) return cached;
    checkBudget();
    this.siteMemo.set(call, null); // cycle guard: recursion through wrappers
    let s: DetectedSite | null = null;
    try {
      s = this.detect(call);
    } catch (e) {
      if (e instanceof RangeError) s = null; // pathological nesting: not a site we can judge
      else {
        // Out of time (or a bug): forget the cycle guard, so another file asking later gets an answer.
        this.siteMemo.delete(call);
        throw e;
      }
    }
    this.siteMemo.set(call, s);
    return s;
  }

  private detect(call: ts.CallExpression): DetectedSite | null {
    const callee = call.expression;
    if (callee.kind === ts.SyntaxKind.SuperKeyword || callee.kind === ts.SyntaxKind.ImportKeyword) return null;
    if (ts.isIdentifier(callee) && callee.text === "require") return null;
    const cv = this.ev.eval(callee);
    if (!cv) return null;
    const file = this.ev.fileOf(call);
    const base = { call, file, callee: calleeText(callee) };
    switch (cv.t) {
      case "inst":
        return this.sdkSite(cv, call, base);
      case "pkg": {
        const provider = this.ev.providerOf(cv.pkg);
        if (provider && cv.path.length === 1) {
          const m = this.ev.exportMember(provider, cv.path[0]!);
          if (m?.site) {
            const vendor = this.vendorOf(call, provider, undefined);
            return { ...base, provider: provider.id, kind: m.site, model: this.modelOf(call, provider, []), via: "sdk", sdk: provider, resolution: "traced", ...(vendor ? { vendor } : {}), ...(m.returns ? { builds: true } : {}) };
          }
        }
        return this.httpSite(cv, call, base);
      }
      case "fn":
        return this.wrapperSite(cv.node, call, base);
      case "iface":
        return this.interfaceSite(cv, call, base);
      case "choice":
        return this.dispatchSite(cv, call, base);
      default:
        return null;
    }
  }

  private sdkSite(v: Inst, call: ts.CallExpression, base: { call: ts.CallExpression; file: ParsedFile; callee: string }): DetectedSite | null {
    const m = v.provider.types[v.type]?.members[v.path.join(".")];
    if (!m) return null;
    let kind: SiteKind | undefined = m.site;
    let configs = v.configs;
    if (m.siteByCommand) {
      const arg = call.arguments[0];
      const cmd = arg ? this.ev.eval(arg) : null;
      if (!cmd || cmd.t !== "inst" || !cmd.ctor) return null;
      kind = m.siteByCommand[cmd.ctor];
      configs = [...v.configs, ...cmd.configs];
    }
    if (!kind) return null;
    const client: Inst = { ...v, path: [] };
    const model = this.modelOf(call, v.provider, configs);
    if (model) for (const r of v.provider.kindByModel) if (new RegExp(r.model, "i").test(model)) kind = r.kind;
    const vendor = this.vendorOf(call, v.provider, v);
    return { ...base, provider: v.provider.id, kind, model, via: "sdk", client, sdk: v.provider, resolution: "traced", ...(vendor ? { vendor } : {}), ...(m.returns ? { builds: true } : {}) };
  }

  /** fetch/axios/got/https.request whose URL is an LLM endpoint. */
  private httpSite(v: Extract<Val, { t: "pkg" }>, call: ts.CallExpression, base: { call: ts.CallExpression; file: ParsedFile; callee: string }): DetectedSite | null {
    const target = this.httpTarget(v);
    if (!target) return null;
    let url = this.urlOf(call, target);
    // An instance's `baseURL`/`prefixUrl` (`axios.create({ baseURL })`) with a relative or empty path.
    const prefix = v.configs?.length ? this.instanceBase(v.configs) : null;
    if (prefix && (!url || (!/^(https?:)?\/\//.test(url) && !url.startsWith(UNKNOWN_PART)))) url = prefix.replace(/\/$/, "") + (url ? "/" + url.replace(/^\//, "") : "");
    if (!url) return null;
    const hit = this.endpoints.match(url, false);
    if (!hit || this.isGet(call)) return null;
    return { ...base, provider: hit.provider, kind: hit.kind, model: this.bodyModel(call), via: "http", url, httpClient: v.pkg === "global" ? "fetch" : v.pkg, resolution: "traced" };
  }

  private httpTarget(v: Extract<Val, { t: "pkg" }>): HttpTarget | null {
    const client = this.httpByPkg.get(v.pkg);
    if (!client) return null;
    const path = v.path[0] === "default" && v.pkg !== "global" ? v.path.slice(1) : v.path;
    if (v.pkg === "global") {
      if (path.length === 1 && path[0] === "fetch") return { urlArg: 0, urlKeys: [] };
      return null;
    }
    const named = path.length === 1 ? client.exports[path[0]!] : undefined;
    if (named && path[0] !== "default") return { urlArg: named.urlArg, urlKeys: named.urlKeys };
    const whole = client.exports["default"] ?? client.exports["*"];
    if (!whole) return null;
    if (path.length === 0) return whole.urlArg === null && !whole.urlKeys.length ? null : { urlArg: whole.urlArg, urlKeys: whole.urlKeys };
    if (path.length === 1 && whole.members.includes(path[0]!)) {
      const sub = client.exports[path[0]!];
      return sub ? { urlArg: sub.urlArg, urlKeys: sub.urlKeys } : { urlArg: 0, urlKeys: whole.urlKeys };
    }
    return null;
  }

  private urlOf(call: ts.CallExpression, t: HttpTarget): string | null {
    const args = call.arguments;
    const first = t.urlArg !== null ? args[t.urlArg] : undefined;
    if (first && !ts.isObjectLiteralExpression(first)) {
      const all = this.strings.alternatives(first);
      const s = this.chatFirst(all, false) ?? all[0];
      if (s) return s;
    }
    for (const a of args) {
      const obj = this.objectLiteral(a);
      if (!obj) continue;
      const parts = t.urlKeys.map((k) => this.propertyExpr(obj, k)).map((e) => (e ? this.strings.pattern(e) : null));
      if (t.urlKeys.includes("hostname") || t.urlKeys.includes("host")) {
        const host = parts[t.urlKeys.indexOf("hostname")] ?? parts[t.urlKeys.indexOf("host")];
        const path = parts[t.urlKeys.indexOf("path")];
        if (host) return `https://${host}${path ?? ""}`;
      } else {
        const u = parts.find((p) => p);
        if (u) return u;
      }
    }
    return null;
  }

  /**
   * The alternative URL that reaches an LLM endpoint, a chat one first: a URL chosen at run time
   * between a chat and an image path (`isImage ? IMAGE_PATH : CHAT_PATH`) sends chat requests too.
   */
  private chatFirst(all: readonly string[], relativeOk: boolean): string | undefined {
    let first: string | undefined;
    for (const u of all) {
      const hit = this.endpoints.match(u, relativeOk);
      if (!hit) continue;
      if (hit.kind === "chat") return u;
      first ??= u;
    }
    return first;
  }

  private instanceBase(configs: readonly ts.Expression[]): string | null {
    for (let i = configs.length - 1; i >= 0; i--) {
      const obj = this.objectLiteral(configs[i]!);
      const e = obj && (this.propertyExpr(obj, "baseURL") ?? this.propertyExpr(obj, "prefixUrl") ?? this.propertyExpr(obj, "baseUrl"));
      const s = e ? this.strings.pattern(e) : null;
      if (s) return s;
    }
    return null;
  }

  private isGet(call: ts.CallExpression): boolean {
    const callee = call.expression;
    if (ts.isPropertyAccessExpression(callee) && /^(get|head|delete)$/i.test(callee.name.text)) return true;
    for (const a of call.arguments) {
      const obj = this.objectLiteral(a);
      const m = obj && this.propertyExpr(obj, "method");
      if (m && ts.isStringLiteralLike(m)) return /^(get|head|delete)$/i.test(m.text);
    }
    return false;
  }

  /** A call of a workspace function: a site when it issues a request on behalf of its caller. */
  private wrapperSite(fn: FunctionNode, call: ts.CallExpression, base: { call: ts.CallExpression; file: ParsedFile; callee: string }): DetectedSite | null {
    // A wrapper calling itself (recursion to retry, trim or go deeper) is plumbing, not a site.
    if (isInside(call, fn)) return null;
    const inner = this.wrapperOf(fn);
    if (inner) {
      return {
        ...base,
        provider: this.vendorFromArgs(call) ?? inner.provider,
        kind: inner.kind,
        model: this.literalModelArg(call) ?? inner.model,
        via: "wrapper",
        resolution: "traced",
        ...(inner.vendor ? { vendor: inner.vendor } : {}),
        wrapper: fn,
        inner,
      };
    }
    if (this.isHttpHelper(fn)) {
      // A generic HTTP helper called with an LLM endpoint: the call that binds the endpoint is the site.
      for (const a of call.arguments) {
        const url = this.chatFirst(this.strings.alternatives(a), true);
        const hit = url && this.endpoints.match(url, true);
        if (url && hit) return { ...base, provider: hit.provider, kind: hit.kind, model: this.bodyModel(call), via: "http", url, httpClient: this.helperClient.get(fn), resolution: "traced" };
      }
    }
    return null;
  }

  private interfaceSite(v: Extract<Val, { t: "iface" }>, call: ts.CallExpression, base: { call: ts.CallExpression; file: ParsedFile; callee: string }): DetectedSite | null {
    if (v.path.length !== 1) return null;
    const impls = this.implementationsOf(v.node.name.text);
    if (!impls.length) return null;
    let first: DetectedSite | null = null;
    for (const cls of impls) {
      const m = this.ev.member({ t: "obj", node: cls }, v.path[0]!);
      const inner = m?.t === "fn" ? this.wrapperOf(m.node) : null;
      if (!inner) return null; // every implementation must issue a request
      first ??= inner;
    }
    return first && { ...base, provider: first.provider, kind: first.kind, model: first.model, via: "wrapper", wrapper: undefined, inner: first, resolution: "traced", ...(first.vendor ? { vendor: first.vendor } : {}) };
  }

  /** `provider[serviceType](params)`: a site when every entry the dispatch can reach is a wrapper (CHECKS.md). */
  private dispatchSite(v: Extract<Val, { t: "choice" }>, call: ts.CallExpression, base: { call: ts.CallExpression; file: ParsedFile; callee: string }): DetectedSite | null {
    let first: DetectedSite | null = null;
    const seen = new Set<ts.Node>();
    for (const o of v.options) {
      if (o.t !== "fn") return null;
      if (seen.has(o.node)) continue;
      seen.add(o.node);
      const inner = this.wrapperOf(o.node);
      if (!inner) return null;
      first ??= inner;
    }
    return first && { ...base, provider: first.provider, kind: first.kind, model: first.model, via: "wrapper", inner: first, resolution: "traced", ...(first.vendor ? { vendor: first.vendor } : {}) };
  }

  private implementationsOf(name: string): ts.ClassLikeDeclaration[] {
    // Every file's interface calls ask: built once, out of any one file's time budget.
    if (!this.implementations) this.implementations = unbudgeted(() => this.indexImplementations());
    return this.implementations.get(name) ?? [];
  }

  /** Classes by the interfaces they implement, in every scanned file (dormant ones too). */
  private indexImplementations(): Map<string, ts.ClassLikeDeclaration[]> {
    const byName = new Map<string, ts.ClassLikeDeclaration[]>();
    const index = (sf: ts.SourceFile) => {
      const stack: ts.Node[] = [...sf.statements];
      while (stack.length) {
        const n = stack.pop()!;
        if (ts.isClassLike(n)) {
          for (const h of n.heritageClauses ?? []) {
            if (h.token !== ts.SyntaxKind.ImplementsKeyword) continue;
            for (const t of h.types) {
              const id = ts.isIdentifier(t.expression) ? t.expression.text : ts.isPropertyAccessExpression(t.expression) ? t.expression.name.text : undefined;
              if (!id) continue;
              const list = byName.get(id) ?? [];
              list.push(n);
              byName.set(id, list);
            }
          }
        }
        if (ts.isExportAssignment(n) || ts.isVariableStatement(n)) n.forEachChild((c) => void stack.push(c));
      }
    };
    for (const f of this.ws.files.values()) index(f.sf);
    // Dormant files implement interfaces too (a stub engine with no request makes the dispatch not a site).
    for (const d of this.ws.implementers()) {
      const f = this.ws.fileByPath(d.abs);
      if (f) index(f.sf);
    }
    return byName;
  }

  /**
   * The site a workspace function reaches with something of its caller's (CHECKS.md: a wrapper),
   * or null. Memoized; recursion through wrappers of wrappers is bounded by the memo's cycle guard.
   */
  wrapperOf(fn: FunctionNode): DetectedSite | null {
    const cached = this.wrapperMemo.get(fn);
    if (cached !== undefined) return cached;
    this.wrapperMemo.set(fn, null);
    let result: DetectedSite | null = null;
    if (fn.body && fn.parameters.length) {
      const tainted = parameterTaint(fn);
      const calls = callsIn(fn.body);
      for (const c of calls) {
        const s = this.siteAt(c);
        // A function returning the store that `fromDocuments` built hands out an object, not an answer.
        if (s && !s.builds && usesAny(c, tainted) && resultFlowsOut(fn, c, this.asyncWork, this.passesThrough)) {
          result = s;
          break;
        }
      }
      if (result && this.isOrchestrator(fn, calls)) result = null;
    }
    this.wrapperMemo.set(fn, result);
    return result;
  }

  private readonly passMemo = new Map<ts.Node, boolean>();

  /** A workspace function whose result is made from the given parameter (`async function toJson(res) { return res.json(); }`). */
  private readonly passesThrough = (call: ts.CallExpression, arg: number): boolean => {
    const v = this.ev.eval(call.expression);
    if (v?.t !== "fn") return false;
    const fn = v.node;
    const p = fn.parameters[arg];
    if (!p || !ts.isIdentifier(p.name) || !fn.body) return false;
    const cached = this.passMemo.get(p);
    if (cached !== undefined) return cached;
    this.passMemo.set(p, false);
    const names = taintedNames(fn, [p.name.text]);
    let result = false;
    if (!ts.isBlock(fn.body)) result = usesAny(fn.body, names);
    else {
      const stack: ts.Node[] = [fn.body];
      while (stack.length && !result) {
        const n = stack.pop()!;
        if (ts.isReturnStatement(n) && n.expression && usesAny(n.expression, names)) result = true;
        if (ts.isFunctionLike(n) && n !== fn) continue;
        n.forEachChild((c) => void stack.push(c));
      }
    }
    this.passMemo.set(p, result);
    return result;
  };

  /** A call of an async workspace function that is not itself a request (a flow run, a save). */
  private readonly asyncWork = (callee: ts.Expression): boolean => {
    const v = this.ev.eval(callee);
    if (v?.t !== "fn") return false;
    const fn = v.node;
    const isAsync = fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
    return isAsync && !this.wrapperOf(fn);
  };

  /**
   * A function that calls itself with what a model answered (research that goes one level deeper
   * with the follow-up questions, an agent loop) drives a flow rather than wrapping a request: its
   * result is flow state, a *feature* that ends the chain (CHECKS.md). Recursion that only retries
   * or trims the caller's input keeps a wrapper a wrapper.
   */
  private isOrchestrator(fn: FunctionNode, calls: readonly ts.CallExpression[]): boolean {
    const self = calls.filter((c) => {
      const e = c.expression;
      const named = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
      if (!named || named !== functionName(fn)) return false;
      const v = this.ev.eval(e);
      return v?.t === "fn" && v.node === fn;
    });
    if (!self.length) return false;
    const seeds: string[] = [];
    for (const c of calls) if (!self.includes(c) && this.siteAt(c)) seeds.push(...answerNames(c, fn.body!));
    if (!seeds.length) return false;
    const answer = taintedNames(fn, seeds);
    return self.some((c) => c.arguments.some((a) => usesAny(a, answer)));
  }

  /**
   * The calls of a generic HTTP helper that send its request: calls of the HTTP client itself, and
   * calls of other helpers (nested or not) that do, with the helper they run.
   */
  helperRequests(fn: FunctionNode): { call: ts.CallExpression; helper?: FunctionNode }[] {
    const out: { call: ts.CallExpression; helper?: FunctionNode }[] = [];
    if (!fn.body) return out;
    for (const c of callsIn(fn.body)) {
      const v = this.ev.eval(c.expression);
      if (v?.t === "pkg" && this.httpTarget(v)) out.push({ call: c });
      else if (v?.t === "fn" && v.node !== fn && this.isHttpHelper(v.node)) out.push({ call: c, helper: v.node });
    }
    return out;
  }

  /** A function that sends an HTTP request to a URL it is given (`fetchSSE(url, opts)`, `makeRequest(path)`). */
  private isHttpHelper(fn: FunctionNode, depth = 0): boolean {
    const cached = this.helperMemo.get(fn);
    if (cached !== undefined) return cached;
    this.helperMemo.set(fn, false);
    let result = false;
    if (fn.body && fn.parameters.length && depth < 4) {
      const tainted = parameterTaint(fn);
      for (const c of callsIn(fn.body)) {
        if (!usesAny(c, tainted)) continue;
        const v = this.ev.eval(c.expression);
        if (!v) continue;
        if ((v.t === "pkg" && this.httpTarget(v)) || (v.t === "fn" && v.node !== fn && this.isHttpHelper(v.node, depth + 1))) {
          const client = v.t === "pkg" ? (v.pkg === "global" ? "fetch" : v.pkg) : this.helperClient.get(v.node);
          if (client) this.helperClient.set(fn, client);
          result = true;
          break;
        }
      }
    }
    this.helperMemo.set(fn, result);
    return result;
  }

  /**
   * A call whose receiver cannot be traced (injected, cast, typed structurally, behind a Proxy) but
   * whose shape is unmistakably an SDK method: the member path ends as the catalog's shape does and
   * the request object has its keys (`x.chat.completions.create({ model, messages })`).
   */
  private shapeSite(call: ts.CallExpression): DetectedSite | null {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) return null;
    const candidates = this.shapesByName.get(callee.name.text);
    if (!candidates) return null;
    const names: string[] = [];
    let e: ts.Expression = callee;
    while (ts.isPropertyAccessExpression(e) || ts.isNonNullExpression(e)) {
      if (ts.isPropertyAccessExpression(e)) names.unshift(e.name.text);
      e = e.expression;
    }
    const arg = call.arguments[0];
    const obj = arg && this.objectLiteral(arg);
    if (!obj) return null;
    for (const sh of candidates) {
      if (names.length < sh.path.length) continue;
      if (names.slice(-sh.path.length).join(".") !== sh.path.join(".")) continue;
      if (!sh.keys.every((k) => this.propertyExpr(obj, k) || hasSpread(obj))) continue;
      if (!sh.keys.some((k) => this.propertyExpr(obj, k))) continue;
      const file = this.ev.fileOf(call);
      return {
        call,
        file,
        callee: calleeText(callee),
        provider: sh.provider.id,
        kind: sh.kind,
        model: this.modelOf(call, sh.provider, []),
        via: "sdk",
        sdk: sh.provider,
        resolution: "shape",
      };
    }
    return null;
  }

  /**
   * The vendor behind an SDK that serves several: the package that made the model object
   * (`anthropic("claude-...")`, `createMistral({...})("mistral-large")`, `new ChatAnthropic(...)`), or
   * a registry id's prefix (`registry.languageModel("openai:gpt-4o")`).
   */
  private vendorOf(call: ts.CallExpression, provider: Provider, client: Inst | undefined): string | undefined {
    if (!Object.keys(provider.vendors).length) return undefined;
    if (client?.pkg) {
      const v = this.vendorByPkg.get(client.pkg);
      if (v) return v;
    }
    for (const src of [...call.arguments, ...(client?.configs ?? [])]) {
      const obj = this.objectLiteral(src);
      if (!obj) continue;
      for (const k of provider.options.model) {
        const e = this.propertyExpr(obj, k);
        const v = e && this.vendorOfModel(e, 0);
        if (v) return v;
      }
    }
    return undefined;
  }

  private vendorOfModel(e: ts.Expression, depth: number): string | undefined {
    if (depth > 4) return undefined;
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    if (ts.isIdentifier(e)) {
      const init = this.strings.initializerOf(e);
      return init ? this.vendorOfModel(init, depth + 1) : undefined;
    }
    if (!ts.isCallExpression(e)) return undefined;
    // `registry.languageModel("openai:gpt-4o")`
    const first = e.arguments[0];
    const id = first ? this.strings.exact(first) : null;
    if (id && ts.isPropertyAccessExpression(e.expression) && /Model$/.test(e.expression.name.text)) {
      const m = /^([\w-]+)[:/]/.exec(id);
      if (m) return m[1];
    }
    // `anthropic("claude")`, `openai.chat("gpt-4o")`, `createMistral({...})("mistral-large")`, `provider("x")` with `const provider = createX(...)`
    let callee: ts.Expression = e.expression;
    for (let i = 0; i < 3; i++) {
      const v = this.ev.eval(callee);
      if (v?.t === "pkg") return this.vendorByPkg.get(v.pkg);
      if (ts.isCallExpression(callee)) callee = callee.expression;
      else if (ts.isPropertyAccessExpression(callee)) callee = callee.expression;
      else if (ts.isIdentifier(callee)) {
        const init = this.strings.initializerOf(callee);
        if (!init || !ts.isCallExpression(init)) return undefined;
        callee = init.expression;
      } else return undefined;
    }
    return undefined;
  }

  /** A vendor named by a URL argument of a wrapper call (`askCompat("https://api.moonshot.cn/v1", q)`). */
  private vendorFromArgs(call: ts.CallExpression): string | undefined {
    for (const a of call.arguments) {
      const s = this.strings.pattern(a);
      const v = s ? this.endpoints.vendorOfHost(s) : undefined;
      if (v) return v;
    }
    return undefined;
  }

  private literalModelArg(call: ts.CallExpression): string | null {
    for (const a of call.arguments) {
      const obj = this.objectLiteral(a);
      const m = obj && (this.propertyExpr(obj, "model") ?? this.propertyExpr(obj, "modelId"));
      const s = m ? this.strings.exact(m) : null;
      if (s) return s;
    }
    return null;
  }

  /** The model of an SDK call: the request body first, then the client's and factories' configs (latest first). */
  modelOf(call: ts.CallExpression, provider: Provider, configs: readonly ts.Expression[]): string | null {
    const keys = provider.options.model;
    const named = provider.options.modelArg;
    if (named !== null && call.arguments[named]) {
      const s = this.strings.exact(call.arguments[named]!);
      if (s) return s;
    }
    const sources = [...call.arguments, ...[...configs].reverse()];
    for (const src of sources) {
      const obj = this.objectLiteral(src);
      if (!obj) continue;
      for (const k of keys) {
        const e = this.propertyExpr(obj, k);
        if (!e) continue;
        const s = this.modelString(e);
        if (s) return s;
      }
    }
    return null;
  }

  private modelString(e: ts.Expression, depth = 0): string | null {
    const s = this.strings.exact(e);
    if (s) return s;
    // `const model = openai("gpt-4o"); streamText({ model, ... })`: the local's initializer names it.
    if (ts.isIdentifier(e) && depth < 3) {
      const init = this.strings.initializerOf(e);
      if (init && init !== e) return this.modelString(init, depth + 1);
    }
    // AI SDK provider calls: `openai("gpt-4o")`, `anthropic.messages("claude-...")`; a registry id names the vendor first.
    if (ts.isCallExpression(e) && e.arguments[0]) {
      const id = this.strings.exact(e.arguments[0]);
      if (id && ts.isPropertyAccessExpression(e.expression) && /Model$/.test(e.expression.name.text)) return id.replace(/^[\w-]+:/, "");
      return id;
    }
    return null;
  }

  /** `model` named anywhere in a raw request's body object (`JSON.stringify({ model, messages })`). */
  private bodyModel(call: ts.CallExpression): string | null {
    const stack: ts.Node[] = [...call.arguments];
    let seen = 0;
    while (stack.length && seen++ < 400) {
      const n = stack.pop()!;
      if (ts.isPropertyAssignment(n) && n.name && propName(n.name) === "model") {
        const s = this.strings.exact(n.initializer);
        if (s) return s;
      }
      if (ts.isIdentifier(n) && n.parent && ts.isShorthandPropertyAssignment(n.parent)) continue;
      if (ts.isIdentifier(n)) {
        const init = this.strings.initializerOf(n);
        if (init && ts.isObjectLiteralExpression(init)) stack.push(init);
        continue;
      }
      if (ts.isFunctionLike(n)) continue;
      n.forEachChild((c) => void stack.push(c));
    }
    return null;
  }

  /** The object literal an expression is (through `const opts = {...}`), or undefined. */
  objectLiteral(e: ts.Expression): ts.ObjectLiteralExpression | undefined {
    let x: ts.Expression = e;
    for (let i = 0; i < 4; i++) {
      while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isSatisfiesExpression(x)) x = x.expression;
      if (ts.isObjectLiteralExpression(x)) return x;
      if (!ts.isIdentifier(x)) return undefined;
      const init = this.strings.initializerOf(x);
      if (!init) return undefined;
      x = init;
    }
    return undefined;
  }

  /** What a spread brings: the expression itself, or the objects a workspace helper returns (`...requestOptions(ms)`). */
  private builtBy(e: ts.Expression): ts.Expression[] {
    let x = e;
    while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x)) x = x.expression;
    if (!ts.isCallExpression(x)) return [e];
    const v = this.ev.eval(x.expression);
    if (v?.t !== "fn" || !v.node.body) return [e];
    const body = v.node.body;
    if (!ts.isBlock(body)) return [body];
    const out: ts.Expression[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
      if (!ts.isFunctionLike(n)) n.forEachChild(visit);
    };
    body.forEachChild(visit);
    return out.length ? out : [e];
  }

  /** A property's value expression in an object literal, through spreads of other literals. */
  propertyExpr(obj: ts.ObjectLiteralExpression, key: string, depth = 0): ts.Expression | undefined {
    for (let i = obj.properties.length - 1; i >= 0; i--) {
      const p = obj.properties[i]!;
      if (ts.isSpreadAssignment(p) && depth < 4) {
        // `...(cond && { key })`, `...(cond ? { key } : {})`: an option the code sets on some runs counts as set.
        for (const branch of spreadBranches(p.expression).flatMap((b) => this.builtBy(b))) {
          const inner = this.objectLiteral(branch);
          const hit = inner && this.propertyExpr(inner, key, depth + 1);
          if (hit) return hit;
        }
        continue;
      }
      if (!p.name || propName(p.name) !== key) continue;
      if (ts.isPropertyAssignment(p)) return p.initializer;
      if (ts.isShorthandPropertyAssignment(p)) return p.name;
    }
    return undefined;
  }
}

/** The objects a spread may bring: both branches of `c ? a : b`, the right of `c && a`, either side of `a ?? b` / `a || b`. */
export function spreadBranches(e: ts.Expression): ts.Expression[] {
  let x = e;
  while (ts.isParenthesizedExpression(x)) x = x.expression;
  if (ts.isConditionalExpression(x)) return [...spreadBranches(x.whenTrue), ...spreadBranches(x.whenFalse)];
  if (ts.isBinaryExpression(x)) {
    const op = x.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return spreadBranches(x.right);
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return [...spreadBranches(x.left), ...spreadBranches(x.right)];
  }
  return [x];
}

function functionName(fn: FunctionNode): string | undefined {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name))) return fn.name.text;
  const p = fn.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

/** The names a call's result is bound to (`const { learnings } = await ask(q)`, `out = await ask(q)`). */
function answerNames(call: ts.CallExpression, body: ts.Node): string[] {
  const out: string[] = [];
  for (let n: ts.Node = call; n !== body && n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isVariableDeclaration(p) && p.initializer === n) {
      collectNames(p.name, out);
      break;
    }
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n && ts.isIdentifier(p.left)) {
      out.push(p.left.text);
      break;
    }
    if (ts.isExpressionStatement(p) || ts.isReturnStatement(p) || ts.isFunctionLike(p)) break;
  }
  return out;
}

function hasSpread(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some(ts.isSpreadAssignment);
}

/**
 * Whether `call` sits in a function nested in `fn` that runs later rather than now: not a callback
 * handed to a call (`retry(() => ...)`, `new Promise(...)`, `.map(...)`), not invoked on the spot.
 */
export function insideStoredClosure(call: ts.Node, fn: ts.Node): boolean {
  for (let n: ts.Node = call; n.parent && n !== fn; n = n.parent) {
    // A method of an object literal runs when the object's holder calls it: judge the object.
    const objMethod = ts.isMethodDeclaration(n) && ts.isObjectLiteralExpression(n.parent);
    if (!(ts.isArrowFunction(n) || ts.isFunctionExpression(n) || objMethod) || n === fn) continue;
    let p: ts.Node = objMethod ? n.parent.parent : n.parent;
    let x: ts.Node = objMethod ? n.parent : n;
    while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p)) {
      x = p;
      p = p.parent;
    }
    // A method of an options object given to a call of a package (`tool({ async execute(input) {...} })`)
    // is stored to run later; a `new ReadableStream({ start() {...} })` runs it at once.
    if (objMethod && ts.isCallExpression(p) && p.arguments.includes(x as ts.Expression) && isPackageCall(p)) return true;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && (p.expression === x || p.arguments?.includes(x as ts.Expression))) continue;
    // `const run = async () => ...; await run()`: a local closure called inside `fn` is followed by its call.
    return true;
  }
  return false;
}

/** `tool(...)`, `ai.tool(...)` with the callee imported from a package (not a workspace file). */
function isPackageCall(c: ts.CallExpression): boolean {
  const root = rootName(c.expression);
  if (!root) return false;
  const b = resolveName(root, c);
  return b?.kind === "import" && !b.spec.startsWith(".") && !b.spec.startsWith("@/") && !b.spec.startsWith("~/");
}

function isInside(n: ts.Node, fn: ts.Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (p === fn) return true;
  return false;
}

/** The callee as written, with call arguments elided (`model.withConfig(...).invoke`). */
export function calleeText(e: ts.Expression): string {
  if (ts.isIdentifier(e) || ts.isPrivateIdentifier(e)) return e.text;
  if (e.kind === ts.SyntaxKind.ThisKeyword) return "this";
  if (ts.isPropertyAccessExpression(e)) return `${calleeText(e.expression)}${e.questionDotToken ? "?." : "."}${e.name.text}`;
  if (ts.isElementAccessExpression(e)) return `${calleeText(e.expression)}[${e.argumentExpression.getText()}]`;
  if (ts.isCallExpression(e)) return `${calleeText(e.expression)}(...)`;
  if (ts.isNonNullExpression(e)) return `${calleeText(e.expression)}!`;
  if (ts.isParenthesizedExpression(e)) return `(${calleeText(e.expression)})`;
  if (ts.isAwaitExpression(e)) return `await ${calleeText(e.expression)}`;
  return e.getText().replace(/\s+/g, " ");
}

/** Calls inside a function body, in source order, including callbacks but not nested declarations. */
export function callsIn(body: ts.Node): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  const stack: ts.Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isCallExpression(n)) out.push(n);
    // Methods of an object handed to a call run as callbacks (`new ReadableStream({ start(c) {...} })`); class methods do not.
    if (n !== body && (ts.isFunctionDeclaration(n) || ts.isClassLike(n) || (ts.isMethodDeclaration(n) && !ts.isObjectLiteralExpression(n.parent)))) continue;
    const kids: ts.Node[] = [];
    n.forEachChild((c) => void kids.push(c));
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

const paramTaint = new WeakMap<FunctionNode, ReadonlySet<string>>();

/**
 * taintedNames(fn) with no seed, memoized by function: the wrapper, HTTP-helper and HTTP-request walks
 * each ask for the functions they pass through (read only: the set is shared).
 */
export function parameterTaint(fn: FunctionNode): ReadonlySet<string> {
  let out = paramTaint.get(fn);
  if (!out) paramTaint.set(fn, (out = taintedNames(fn)));
  return out;
}

/** The function's parameters and the locals computed from them (two rounds of propagation). */
export function taintedNames(fn: FunctionNode, seed?: Iterable<string>, answer?: AnswerFlow): Set<string> {
  const names = new Set<string>(seed);
  const addBinding = (n: ts.BindingName) => {
    if (ts.isIdentifier(n)) names.add(n.text);
    else for (const el of n.elements) if (ts.isBindingElement(el)) addBinding(el.name);
  };
  if (!seed) for (const p of fn.parameters) addBinding(p.name);
  if (!fn.body) return names;
  const flows: { from: ts.Node; to: ts.BindingName | ts.Identifier }[] = [];
  const records = answer ? savedRecords(fn.body, answer) : new Set<string>();
  const stack: ts.Node[] = [fn.body];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isVariableDeclaration(n) && n.initializer && !(ts.isIdentifier(n.name) && records.has(n.name.text))) flows.push({ from: n.initializer, to: n.name });
    else if (ts.isBinaryExpression(n) && isAssignment(n.operatorToken.kind) && ts.isIdentifier(n.left)) flows.push({ from: n.right, to: n.left });
    // `results[i] = answer.embeddings[i]`, `out.text = answer`: the collection carries it.
    else if (ts.isBinaryExpression(n) && isAssignment(n.operatorToken.kind) && (ts.isElementAccessExpression(n.left) || ts.isPropertyAccessExpression(n.left))) {
      const root = rootName(n.left);
      // An answer written into the caller's input object (`input.question = transcript`) feeds
      // the rest of the flow; it is not handed back as the function's result.
      if (root && !(answer && (answer.params.includes(root) || records.has(root)))) flows.push({ from: n.right, to: ts.factory.createIdentifier(root) });
    }
    // `for (const m of messages)`: the loop variable carries the iterated data.
    else if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && ts.isVariableDeclarationList(n.initializer)) {
      for (const d of n.initializer.declarations) flows.push({ from: n.expression, to: d.name });
    }
    else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(push|unshift|add|set|append)$/.test(n.expression.name.text) && ts.isIdentifier(n.expression.expression)) {
      for (const a of n.arguments) flows.push({ from: a, to: n.expression.expression });
    }
    if (n !== fn.body && (ts.isFunctionDeclaration(n) || ts.isClassLike(n))) continue;
    n.forEachChild((c) => void stack.push(c));
  }
  for (let round = 0; round < 4; round++) {
    const before = names.size;
    for (const f of flows) if ((answer ? carries(f.from, names, answer) : usesAny(f.from, names)) && !(seed === undefined && isLookup(f.from, names))) addBinding(f.to);
    if (names.size === before) break;
  }
  return names;
}

/**
 * Whether the result of `call` leaves `fn` (returned, yielded, or through locals that are): a
 * wrapper hands the model's answer to its caller. Handlers that only turn it into an HTTP
 * response, or post it elsewhere, are not wrappers.
 */
export function resultFlowsOut(fn: FunctionNode, call: ts.CallExpression, isAsyncWork?: (callee: ts.Expression) => boolean, passesThrough?: (call: ts.CallExpression, arg: number) => boolean): boolean {
  const body = fn.body;
  if (!body) return false;
  // A request inside a closure that `fn` hands out (returns, stores) is not made when `fn` is
  // called: `fn` is a factory, and the calls of the closure are the sites (CHECKS.md).
  if (insideStoredClosure(call, fn)) return false;
  if (!ts.isBlock(body)) return !isHttpResponse(body);
  const seeds: string[] = [];
  for (let n: ts.Node = call; n !== body && n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isReturnStatement(p) || ts.isYieldExpression(p)) return !p.expression || !isHttpResponse(p.expression);
    if (ts.isArrowFunction(p) && p.body === n) continue;
    if (ts.isVariableDeclaration(p) && p.initializer === n) {
      collectNames(p.name, seeds);
      break;
    }
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n && ts.isIdentifier(p.left)) {
      seeds.push(p.left.text);
      break;
    }
    // `parts.push(await summarize(a))`: the collection carries the answer.
    if (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression) && ts.isPropertyAccessExpression(p.expression) && /^(push|unshift|add|set|append)$/.test(p.expression.name.text)) {
      const root = rootName(p.expression.expression);
      if (root) seeds.push(root);
      break;
    }
    if (ts.isExpressionStatement(p)) break;
  }
  // Streaming helpers hand the answer to callbacks (`onMessage(message) {...}`): their parameters carry it.
  const argStack: ts.Node[] = [...call.arguments];
  while (argStack.length) {
    const n = argStack.pop()!;
    if (ts.isFunctionLike(n)) for (const p of n.parameters) collectNames(p.name, seeds);
    else n.forEachChild((c) => void argStack.push(c));
  }
  if (!seeds.length) return false;
  const params: string[] = [];
  for (const p of fn.parameters) collectNames(p.name, params);
  const flow: AnswerFlow = { params, isAsyncWork: isAsyncWork ?? (() => false), passesThrough: passesThrough ?? (() => false) };
  const names = taintedNames(fn, seeds, flow);
  const saved = savesAnswer(body, names, flow);
  const stack: { n: ts.Node; nested: boolean }[] = [{ n: body, nested: false }];
  while (stack.length) {
    const { n, nested } = stack.pop()!;
    // A `return` inside a callback (`facts.filter((f) => { return ... })`) is the callback's result;
    // what the callback computes leaves `fn` only through the enclosing return, checked there.
    if (!nested && (ts.isReturnStatement(n) || ts.isYieldExpression(n)) && n.expression && carries(n.expression, names, flow) && !isHttpResponse(n.expression) && !(saved && mixesOtherWork(n.expression, names, flow))) return true;
    // Handed to something the caller gave: `port.postMessage({ answer })`, `onToken(delta)`.
    if (ts.isCallExpression(n) && (handsToCaller(n.expression, params) || fillsSharedCollection(n.expression, params)) && n.arguments.some((a) => usesAny(a, names))) return true;
    if (n !== body && (ts.isFunctionDeclaration(n) || ts.isClassLike(n))) continue;
    const inner = nested || (n !== body && ts.isFunctionLike(n));
    n.forEachChild((c) => void stack.push({ n: c, nested: inner }));
  }
  return false;
}

/**
 * Objects that the function hands to other work as they are (`await saveMessage(apiMessage)`,
 * `await db.insert(table).values(row)`) after building them as object literals or filling their
 * fields: records. An answer written into a record and returned with it is a saved record, not the
 * answer (CHECKS.md: a feature).
 */
function savedRecords(body: ts.Node, flow: AnswerFlow): Set<string> {
  const objects = new Set<string>();
  const handed = new Set<string>();
  const stack: ts.Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      let init: ts.Expression = n.initializer;
      while (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
      if (ts.isObjectLiteralExpression(init)) objects.add(n.name.text);
    }
    if (ts.isCallExpression(n) && isOtherWork(n, flow)) {
      for (const a of n.arguments) if (ts.isIdentifier(a)) handed.add(a.text);
    }
    if (n !== body && (ts.isFunctionDeclaration(n) || ts.isClassLike(n))) continue;
    n.forEachChild((c) => void stack.push(c));
  }
  return new Set([...handed].filter((x) => objects.has(x)));
}

const WRITE_CALL = /^(insert|update|upsert|save|create|persist|store|put|upload|write|record)/i;
const WRITE_SQL = /^\s*(insert|update|upsert|merge|replace)\s/i;

/** Whether an awaited write (`await db.insert(t).values({ ...answer })`, `await saveRun(id, output)`) stores the answer. */
function savesAnswer(body: ts.Node, names: ReadonlySet<string>, flow: AnswerFlow): boolean {
  const stack: ts.Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isCallExpression(n) && isOtherWork(n, flow)) {
      for (let c: ts.Expression = n; ts.isCallExpression(c); ) {
        const callee: ts.Expression = c.expression;
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : "";
        const sql = c.arguments[0] && (ts.isStringLiteralLike(c.arguments[0]) || ts.isTemplateExpression(c.arguments[0])) ? c.arguments[0].getText().slice(1) : "";
        if ((WRITE_CALL.test(name) || WRITE_SQL.test(sql)) && c.arguments.some((a) => usesAny(a, names))) return true;
        if (!ts.isPropertyAccessExpression(callee)) break;
        c = callee.expression;
      }
    }
    if (n !== body && (ts.isFunctionDeclaration(n) || ts.isClassLike(n))) continue;
    n.forEachChild((c) => void stack.push(c));
  }
  return false;
}

/**
 * A returned object that puts the answer beside the ids or links of what the function saved
 * (`{ websiteId, siteData, htmlUrl }` after inserting the row): a record saved and returned.
 */
function mixesOtherWork(e: ts.Expression, names: ReadonlySet<string>, flow: AnswerFlow): boolean {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (!ts.isObjectLiteralExpression(e)) return false;
  return e.properties.some((p) => {
    if (ts.isShorthandPropertyAssignment(p)) return !names.has(p.name.text);
    if (ts.isPropertyAssignment(p)) return !carries(p.initializer, names, flow);
    return false;
  });
}

/** How the answer travels inside a function: the caller's parameters, and which calls do other work. */
interface AnswerFlow {
  params: readonly string[];
  /** A call of a workspace function that does asynchronous work of its own (not awaited here). */
  isAsyncWork: (callee: ts.Expression) => boolean;
  /** A workspace function that returns what it makes of that argument (`await handleResponse(res)`). */
  passesThrough: (call: ts.CallExpression, arg: number) => boolean;
}

/**
 * Calls that hand the answer on as it is, parsed or reshaped (`JSON.parse(text)`,
 * `Promise.all(...)`, `schema.parse(x)`, `extractJson(text)`): their result still carries it.
 */
const TRANSFORM_CALL = /^(JSON\.parse|Promise\.(all|allSettled|race|any)|String|Number|Boolean|Array\.from|Object\.(assign|fromEntries|entries|values)|structuredClone)$/;
const TRANSFORM_NAME = /pars|valid|extract|clean|normali[sz]|format|saniti[sz]|strip|trim|coerce|decode|split|join|map|filter|reduce|flat|concat|slice|sort|post[pP]rocess|repair|fix|unwrap|collect|read|text|json|toArray/i;

/**
 * Whether the value of `e` still carries the answer held in `names`. An answer that goes in as the
 * input of other work (awaited: a database query with the embedding, a flow run with the
 * transcript as its question, a record saved) comes back as that work's result, not as the answer
 * (CHECKS.md: a result that mixes the answer with other work ends the chain).
 */
function carries(e: ts.Node, names: ReadonlySet<string>, flow: AnswerFlow): boolean {
  if (!names.size) return false;
  const stack: ts.Node[] = [e];
  let seen = 0;
  while (stack.length) {
    const n = stack.pop()!;
    if (++seen > 5000) return false;
    if (isUseOf(n, names)) return true;
    if (ts.isCallExpression(n) && isOtherWork(n, flow) && !handsOn(n, names, flow)) {
      // Only a method of the answer itself (`answer.json()`) keeps it; a builder chain
      // (`db.insert(t).values({ answer }).returning()`) is the other work's.
      const root = ts.isPropertyAccessExpression(n.expression) ? rootName(n.expression.expression) : undefined;
      if (root && names.has(root)) return true;
      // A callback the call runs (`retryWithBackoff(async () => { ... return answer })`) gives it its result.
      for (const a of n.arguments) if (ts.isArrowFunction(a) || ts.isFunctionExpression(a)) stack.push(a);
      continue;
    }
    n.forEachChild((c) => void stack.push(c));
  }
  return false;
}

/** The answer given as it is to a workspace helper that returns what it makes of it (`await toResult(res)`). */
function handsOn(c: ts.CallExpression, names: ReadonlySet<string>, flow: AnswerFlow): boolean {
  return c.arguments.some((a, i) => {
    let x: ts.Expression = a;
    while (ts.isPropertyAccessExpression(x) || ts.isNonNullExpression(x) || ts.isParenthesizedExpression(x) || ts.isAsExpression(x)) x = x.expression;
    return ts.isIdentifier(x) && names.has(x.text) && flow.passesThrough(c, i);
  });
}

function isOtherWork(c: ts.CallExpression, flow: AnswerFlow): boolean {
  const callee = c.expression;
  let fnExpr: ts.Expression = callee;
  while (ts.isParenthesizedExpression(fnExpr)) fnExpr = fnExpr.expression;
  if (ts.isArrowFunction(fnExpr) || ts.isFunctionExpression(fnExpr)) return false; // an IIFE runs its own body
  const text = calleeText(callee);
  if (TRANSFORM_CALL.test(text)) return false;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : "";
  if (TRANSFORM_NAME.test(name)) return false;
  let p: ts.Node = c.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p)) p = p.parent;
  if (ts.isAwaitExpression(p)) return true;
  return flow.isAsyncWork(callee);
}

/**
 * Something the caller gave: the parameter itself (`onToken(delta)`) or a member of it
 * (`opts.onUpdate(text)`, `port.postMessage(x)`, `app.client.chat.postMessage(x)`).
 */
function handsToCaller(callee: ts.Expression, params: readonly string[]): boolean {
  // Reading the caller's data (`messages.map(...)`, `items.filter(...)`) hands nothing back.
  if (ts.isPropertyAccessExpression(callee) && READ_METHOD.test(callee.name.text)) return false;
  // Work the caller's object does with the answer (`input.runReply({ text })`, `repo.save(...)`)
  // uses it as input; it does not hand it back.
  if (ts.isPropertyAccessExpression(callee) && WORK_METHOD.test(callee.name.text)) return false;
  return params.includes(rootName(callee) ?? "");
}

const WORK_METHOD = /^(run|execute|handle|process|generate|save|insert|upsert|persist)/i;
const READ_METHOD = /^(map|filter|join|slice|find|findIndex|findLast|some|every|reduce|forEach|includes|indexOf|concat|flatMap|flat|at|keys|values|entries|toString|toSorted|get|has)$/;

/**
 * `await ctx.runQuery(getMemories, { playerId })`, `await app.client.conversations.history(...)`: a
 * service asked for records by the caller's ids or handles. What comes back is not the caller's
 * input, so it does not make the function a wrapper (CHECKS.md: "What flows into a wrapper").
 */
function isLookup(from: ts.Node, params: ReadonlySet<string>): boolean {
  let x = from;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x)) x = x.expression;
  if (!ts.isAwaitExpression(x)) return false;
  const call = x.expression;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return false;
  const recv = call.expression.expression;
  if (!ts.isPropertyAccessExpression(recv) && !ts.isIdentifier(recv)) return false;
  const root = rootName(recv);
  if (!root || !params.has(root)) return false;
  return /^(run)?(query|find|get|load|fetch|read|select|search|list|history|lookup|retrieve)/i.test(call.expression.name.text);
}

/** `index.push(x)` on a collection of the module's or the caller's (`results.set(k, x)` with `results` a parameter): readers get the answer there. */
function fillsSharedCollection(callee: ts.Expression, params: readonly string[]): boolean {
  if (!ts.isPropertyAccessExpression(callee) || !/^(push|unshift|add|set|append)$/.test(callee.name.text) || !ts.isIdentifier(callee.expression)) return false;
  const name = callee.expression.text;
  if (params.includes(name)) return true;
  const b = resolveName(name, callee);
  return b?.kind === "var" && ts.isVariableStatement(b.decl.parent.parent) && ts.isSourceFile(b.decl.parent.parent.parent);
}

function rootName(e: ts.Expression): string | undefined {
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e) || ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  return ts.isIdentifier(e) ? e.text : undefined;
}

function isAssignment(k: ts.SyntaxKind): boolean {
  return k === ts.SyntaxKind.EqualsToken || k === ts.SyntaxKind.PlusEqualsToken || k === ts.SyntaxKind.BarBarEqualsToken || k === ts.SyntaxKind.QuestionQuestionEqualsToken;
}

function collectNames(n: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(n)) out.push(n.text);
  else for (const el of n.elements) if (ts.isBindingElement(el)) collectNames(el.name, out);
}

/** `NextResponse.json(x)`, `new Response(x)`, `res.json(x)`: an HTTP response, not the model's answer. */
function isHttpResponse(e: ts.Node): boolean {
  let x = e;
  while (ts.isAwaitExpression(x) || ts.isParenthesizedExpression(x)) x = x.expression;
  if (ts.isNewExpression(x)) return /Response$/.test(x.expression.getText());
  if (ts.isCallExpression(x)) return /(^|\.)(NextResponse\.json|Response\.json|json|send|status\(.*\)\.json)$/.test(calleeText(x.expression)) && /(Response|res|reply|ctx)\b/.test(x.expression.getText());
  return false;
}

/** Whether `n` is an identifier naming one of `names` as a value (not a property name: `x.answer`, `{ answer: 1 }`). */
function isUseOf(n: ts.Node, names: ReadonlySet<string>): boolean {
  if (!ts.isIdentifier(n) || !names.has(n.text)) return false;
  const p = n.parent;
  return !(p && ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n)));
}

/** Whether any identifier inside the node (not a property name) is one of `names`. */
export function usesAny(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (!names.size) return false;
  const stack: ts.Node[] = [node];
  let seen = 0;
  while (stack.length) {
    const n = stack.pop()!;
    if (++seen > 5000) return false;
    if (isUseOf(n, names)) return true;
    n.forEachChild((c) => void stack.push(c));
  }
  return false;
}
