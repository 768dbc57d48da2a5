/**
 * Observability set up in code (rules/observability.json): functions traced by `traceable`/`observe`,
 * logging proxies (Helicone) in client options, LangChain tracing or usage callbacks, and OpenTelemetry
 * instrumentation registered somewhere in the workspace. Built lazily, once per scan.
 */
import ts from "typescript";
import type { Catalog } from "../../catalog/load";
import type { ObservabilityCatalog } from "../../catalog/schema";
import { spreadBranches, type SiteFinder } from "../../callSites/detect";
import { isAbsent, unwrap } from "../../flow/optionPaths";
import { unbudgeted } from "../../budget";
import { propName, type FunctionNode } from "../../callSites/values";
import type { ParsedFile, Workspace } from "../../project";
import { packageExportOf } from "../../flow/packageExports";
import { callbackPlace, recordedUsage, type UsageReadOptions } from "./usageRead";

/** What made usage count as recorded, and where. */
export interface UsageHit {
  evidence: ts.Node;
  note: string;
}

interface TextFile {
  abs: string;
  rel: string;
  text: string;
}

/** Observability markers of one scan; get it through `observabilityOf`. */
export class Observability {
  readonly read: UsageReadOptions;
  private readonly cat: ObservabilityCatalog;
  private traced: Map<ts.Node, UsageHit> | undefined;
  private instrumented: Map<string, UsageHit> | undefined;

  constructor(
    catalog: Catalog,
    private readonly ws: Workspace,
    private readonly finder: SiteFinder,
    private readonly isTestFile: (rel: string) => boolean,
  ) {
    this.cat = catalog.observability;
    this.read = {
      keys: new Set(this.cat.usage.responseKeys),
      helperOf: (call) => {
        const v = this.finder.ev.eval(call.expression);
        return v?.t === "fn" && v.node.body ? v.node : null;
      },
      isSite: (call) => this.finder.siteAt(call) !== null,
    };
  }

  /** The pass-through wrapper (`traceable`, `observe`, `wrapOpenAI`) a call invokes, if any. */
  wrapperCalled(call: ts.CallExpression): string | null {
    const v = this.finder.ev.eval(call.expression);
    if (v?.t !== "pkg" || v.path.length !== 1) return null;
    for (const w of this.cat.wrappers) if (w.packages.includes(v.pkg) && w.exports.includes(v.path[0]!)) return `${w.name} \`${v.path[0]}\``;
    return null;
  }

  /** A function traced by an observability wrapper: `traceable(async () => ...)`, or `traceable(namedFn)` anywhere. */
  tracedFunction(fn: ts.Node): UsageHit | null {
    const p = fn.parent;
    if (p && ts.isCallExpression(p) && p.arguments[0] === fn) {
      const name = this.wrapperCalled(p);
      if (name) return { evidence: p, note: `the enclosing function is traced by ${name}` };
    }
    return this.tracedIndex().get(fn) ?? null;
  }

  private tracedIndex(): Map<ts.Node, UsageHit> {
    if (this.traced) return this.traced;
    // Built for every site of the scan: no one file's time budget pays for it (nor leaves it half built).
    return unbudgeted(() => this.buildTracedIndex());
  }

  private buildTracedIndex(): Map<ts.Node, UsageHit> {
    const index = new Map<ts.Node, UsageHit>();
    this.traced = index;
    const names = new Set(this.cat.wrappers.flatMap((w) => w.exports));
    for (const f of this.ws.files.values()) {
      for (const n of wrapperCallsIn(f.sf, names)) {
        const name = this.wrapperCalled(n);
        const v = name ? this.finder.ev.eval(n.arguments[0]!) : null;
        if (name && v?.t === "fn" && !index.has(v.node)) index.set(v.node, { evidence: n, note: `the enclosing function is traced by ${name}` });
      }
    }
    return index;
  }

  /** A logging proxy named in client options, request options or a URL (Helicone base URL or headers). */
  proxyIn(exprs: readonly ts.Node[], url?: string): UsageHit | null {
    if (url) {
      for (const p of this.cat.proxies) {
        const host = p.hosts.find((h) => url.toLowerCase().includes(h.toLowerCase()));
        if (host && exprs[0]) return { evidence: exprs[0], note: `requests go through ${p.name} (${host})` };
      }
    }
    let hit: UsageHit | null = null;
    for (const e of exprs) {
      this.walkOptions(e, 0, (key, value) => {
        if (hit) return;
        for (const p of this.cat.proxies) {
          if (p.headers.some((h) => h.toLowerCase() === key.toLowerCase())) hit = { evidence: value, note: `requests go through ${p.name} (\`${key}\` header)` };
          const s = ts.isExpression(value) ? this.finder.strings.pattern(value) : null;
          const host = s ? p.hosts.find((h) => s.toLowerCase().includes(h.toLowerCase())) : undefined;
          if (host) hit = { evidence: value, note: `requests go through ${p.name} (${host})` };
          if (hit) return;
        }
      });
      if (hit) return hit;
    }
    return null;
  }

  /** AI SDK `experimental_telemetry: { isEnabled: true }` or an `onFinish` that records usage, in request or client options. */
  requestOptions(exprs: readonly ts.Node[]): UsageHit | null {
    const u = this.cat.usage;
    let hit: UsageHit | null = null;
    for (const e of exprs) {
      this.walkOptions(e, 0, (key, value) => {
        if (hit) return;
        const tel = u.telemetryOptions.find((t) => t.option === key);
        if (tel && ts.isExpression(value) && this.telemetryOn(value, tel)) hit = { evidence: value, note: `\`${key}\` is enabled` };
        if (u.callbackOptions.includes(key)) {
          const fn = this.functionOf(value);
          const rec = fn && recordedUsage(callbackPlace(fn), this.read);
          if (rec) hit = { evidence: rec, note: `\`${key}\` records the usage` };
        }
      });
      if (hit) return hit;
    }
    return null;
  }

  /**
   * Whether a telemetry options value turns tracing on: `isEnabled` set to anything but a literal
   * `false` (`isEnabled: isProduction` is on where it matters), or left out where the option is on
   * by default. A value built by a workspace helper (`getTelemetryConfig(id)`) is judged by the
   * objects the helper returns; one that cannot be read counts as on (the code asks for tracing).
   */
  private telemetryOn(value: ts.Expression, tel: { enabledKey: string; enabledByDefault: boolean }): boolean {
    const x = unwrap(value);
    if (x.kind === ts.SyntaxKind.FalseKeyword || x.kind === ts.SyntaxKind.NullKeyword || isAbsent(x)) return false;
    const judge = (obj: ts.ObjectLiteralExpression) => {
      const on = this.finder.propertyExpr(obj, tel.enabledKey);
      return on ? on.kind !== ts.SyntaxKind.FalseKeyword : tel.enabledByDefault;
    };
    const obj = this.finder.objectLiteral(x);
    if (obj) return judge(obj);
    let call: ts.Expression = x;
    if (ts.isIdentifier(call)) {
      const init = this.finder.strings.initializerOf(call);
      if (init) call = unwrap(init);
    }
    const fn = ts.isCallExpression(call) ? this.finder.ev.eval(call.expression) : null;
    if (fn?.t === "fn" && fn.node.body) {
      const objs: ts.ObjectLiteralExpression[] = [];
      const visit = (n: ts.Node) => {
        if (ts.isObjectLiteralExpression(n) && n.properties.some((p) => p.name && propName(p.name) === tel.enabledKey)) objs.push(n);
        if (!ts.isFunctionLike(n)) n.forEachChild(visit);
      };
      fn.node.body.forEachChild(visit);
      if (objs.length) return objs.some(judge);
    }
    return true;
  }

  /** LangChain `callbacks: [...]` with a tracing handler, or a handler whose `handleLLMEnd` records token usage. */
  callbacksIn(exprs: readonly ts.Node[]): UsageHit | null {
    let hit: UsageHit | null = null;
    for (const e of this.withComposed(exprs)) {
      this.walkOptions(e, 0, (key, value) => {
        if (hit || key !== "callbacks" || !ts.isExpression(value)) return;
        for (const el of this.elementsOf(value)) {
          hit = this.handler(el);
          if (hit) return;
        }
      });
      if (hit) return hit;
    }
    return null;
  }

  /**
   * Options expressions plus the configs of models composed in them (`RunnableSequence.from([prompt,
   * model, parser])` keeps the array, not the model's own options).
   */
  private withComposed(exprs: readonly ts.Node[]): ts.Node[] {
    const out: ts.Node[] = [];
    const seen = new Set<ts.Node>();
    const add = (e: ts.Node, depth: number) => {
      if (seen.has(e) || depth > 3) return;
      seen.add(e);
      out.push(e);
      if (!ts.isArrayLiteralExpression(e)) return;
      for (const el of e.elements) {
        const v = ts.isSpreadElement(el) ? null : this.finder.ev.eval(el);
        if (v?.t === "inst") for (const c of v.configs) add(c, depth + 1);
      }
    };
    for (const e of exprs) add(e, 0);
    return out;
  }

  private handler(el: ts.Expression): UsageHit | null {
    const made = this.constructedWith(el);
    const pe = made && packageExportOf(this.ws, made);
    if (pe) {
      for (const h of this.cat.callbackHandlers) {
        if (h.packages.includes(pe.pkg) && h.exports.includes(pe.name)) return { evidence: el, note: `LangChain callbacks include the ${h.name} handler` };
      }
    }
    const v = this.finder.ev.eval(el);
    if (!v || (v.t !== "obj" && v.t !== "objlit")) return null;
    for (const m of this.cat.usage.handlerMethods) {
      const fv = this.finder.ev.member(v, m);
      if (fv?.t !== "fn" || !fv.node.body) continue;
      const rec = recordedUsage(callbackPlace(fv.node), this.read);
      if (rec) return { evidence: rec, note: `the LangChain callback's \`${m}\` records token usage` };
    }
    return null;
  }

  /** The callee that built a value: `new CallbackHandler()` directly or through a constant. */
  private constructedWith(e: ts.Expression): ts.Expression | undefined {
    let x: ts.Expression = e;
    for (let i = 0; i < 4; i++) {
      while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isAwaitExpression(x)) x = x.expression;
      if (ts.isNewExpression(x) || ts.isCallExpression(x)) return x.expression;
      if (!ts.isIdentifier(x)) return undefined;
      const init = this.finder.strings.initializerOf(x);
      if (!init) return undefined;
      x = init;
    }
    return undefined;
  }

  private elementsOf(e: ts.Expression): ts.Expression[] {
    let x: ts.Expression = e;
    for (let i = 0; i < 3 && ts.isIdentifier(x); i++) {
      const init = this.finder.strings.initializerOf(x);
      if (!init) break;
      x = init;
    }
    return ts.isArrayLiteralExpression(x) ? x.elements.map((el) => (ts.isSpreadElement(el) ? el.expression : el)) : [x];
  }

  private functionOf(value: ts.Node): FunctionNode | null {
    if (ts.isMethodDeclaration(value) || ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value.body ? value : null;
    if (!ts.isExpression(value)) return null;
    const v = this.finder.ev.eval(value);
    return v?.t === "fn" && v.node.body ? v.node : null;
  }

  /** Visits `key → value` of the object literals an options expression builds (through consts, spreads, nesting). */
  private walkOptions(e: ts.Node, depth: number, visit: (key: string, value: ts.Node) => void): void {
    if (depth > 4 || !ts.isExpression(e)) return;
    const obj = this.finder.objectLiteral(e);
    if (!obj) return;
    for (const p of obj.properties) {
      if (ts.isSpreadAssignment(p)) {
        for (const b of spreadBranches(p.expression)) this.walkOptions(b, depth + 1, visit);
        continue;
      }
      const key = p.name ? propName(p.name) : undefined;
      if (!key) continue;
      if (ts.isPropertyAssignment(p)) {
        visit(key, p.initializer);
        this.walkOptions(p.initializer, depth + 1, visit);
      } else if (ts.isShorthandPropertyAssignment(p)) {
        visit(key, p.name);
        this.walkOptions(p.name, depth + 1, visit);
      } else if (ts.isMethodDeclaration(p)) visit(key, p);
    }
  }

  /** OpenTelemetry/OpenLLMetry instrumentation registered in code for a catalog provider, if any. */
  instrumentation(providerId: string): UsageHit | null {
    if (!this.instrumented) this.instrumented = unbudgeted(() => this.indexInstrumentation());
    return this.instrumented.get(providerId) ?? null;
  }

  private indexInstrumentation(): Map<string, UsageHit> {
    const out = new Map<string, UsageHit>();
    const entries = this.cat.instrumentations;
    if (!entries.length) return out;
    const pkgs = entries.flatMap((i) => i.packages);
    for (const tf of this.textFiles()) {
      if (this.isTestFile(tf.rel) || !pkgs.some((p) => tf.text.includes(p))) continue;
      const file = this.parsed(tf.abs);
      if (!file) continue;
      const stack: ts.Node[] = [file.sf];
      while (stack.length) {
        const n = stack.pop()!;
        if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
          const pe = packageExportOf(this.ws, n.expression);
          const entry = pe && entries.find((i) => i.packages.includes(pe.pkg) && i.exports.includes(pe.name));
          if (entry) {
            let providers = entry.providers;
            const opt = entry.modulesOption;
            const arg = n.arguments?.[0];
            const obj = opt && arg ? this.finder.objectLiteral(arg) : undefined;
            const mods = obj && opt ? this.finder.propertyExpr(obj, opt.name) : undefined;
            const modsObj = mods ? this.finder.objectLiteral(mods) : undefined;
            if (modsObj && opt) {
              providers = modsObj.properties.map((p) => (p.name ? opt.keys[propName(p.name) ?? ""] : undefined)).filter((x): x is string => !!x);
            }
            for (const pid of providers) if (!out.has(pid)) out.set(pid, { evidence: n, note: `${entry.name} instrumentation is registered` });
          }
        }
        n.forEachChild((c) => void stack.push(c));
      }
    }
    return out;
  }

  /** Every scanned file with its text: parsed ones, and those kept as text only (project.ts DormantFile). */
  private *textFiles(): Iterable<TextFile> {
    for (const f of this.ws.files.values()) yield { abs: f.abs, rel: f.rel, text: f.sf.text };
    yield* this.ws.dormant.values();
  }

  private parsed(abs: string): ParsedFile | undefined {
    return this.ws.fileByPath(abs);
  }
}

/**
 * Calls `name(fn)` / `name(obj.fn)` whose callee ends in one of `names`, in source walk order: syntax
 * only, so kept per tree (an incremental update re-reads only the trees that changed).
 */
const wrapperCalls = new WeakMap<ts.SourceFile, { key: string; calls: ts.CallExpression[] }>();

function wrapperCallsIn(sf: ts.SourceFile, names: ReadonlySet<string>): ts.CallExpression[] {
  const key = [...names].join("\n");
  const hit = wrapperCalls.get(sf);
  if (hit && hit.key === key) return hit.calls;
  const calls: ts.CallExpression[] = [];
  if ([...names].some((n) => sf.text.includes(n))) {
    const stack: ts.Node[] = [sf];
    while (stack.length) {
      const n = stack.pop()!;
      if (ts.isCallExpression(n) && n.arguments[0] && (ts.isIdentifier(n.arguments[0]) || ts.isPropertyAccessExpression(n.arguments[0]))) {
        const callee = n.expression;
        const last = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
        if (names.has(last)) calls.push(n);
      }
      n.forEachChild((c) => void stack.push(c));
    }
  }
  wrapperCalls.set(sf, { key, calls });
  return calls;
}

/**
 * By finder: a scan has one, and an incremental update (session.ts) makes a new one over the same
 * workspace, so what was learnt about the old text is dropped with it.
 */
const cache = new WeakMap<SiteFinder, Observability>();

/** The scan's observability markers (built once per scan, lazily). */
export function observabilityOf(catalog: Catalog, ws: Workspace, finder: SiteFinder, isTestFile: (rel: string) => boolean): Observability {
  let o = cache.get(finder);
  if (!o) cache.set(finder, (o = new Observability(catalog, ws, finder, isTestFile)));
  return o;
}
