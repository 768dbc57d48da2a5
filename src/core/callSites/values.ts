/**
 * Abstract evaluation of expressions to what they are at run time, as far as LLM clients go:
 * an SDK module or export, an instance of a catalog type (a client, a model, a chain), a
 * workspace function, class, object or module. No type checker: imports, declarations,
 * class fields and type annotations are followed lazily, and every answer is memoized.
 */
import ts from "typescript";
import { checkBudget } from "../budget";
import type { Catalog } from "../catalog/load";
import type { Member, Provider } from "../catalog/schema";
import type { ParsedFile, Workspace } from "../project";
import { enclosingClass, resolveName, topLevel, type Binding } from "./scope";

export type FunctionNode = ts.FunctionLikeDeclaration;

export type Val =
  /** An npm module that the catalog knows, and the member path read from it. */
  | { t: "pkg"; pkg: string; path: string[]; configs?: ts.Expression[] }
  /** An instance of a catalog type (client, model, chain), `path` read from it so far. */
  | {
      t: "inst";
      provider: Provider;
      type: string;
      path: string[];
      /** The construction (new/call) that made it, when known; undefined for a typed parameter. */
      origin?: ts.Node;
      /** Arguments of the constructor and factory calls that configured it, outermost last. */
      configs: ts.Expression[];
      /** The export that constructed it (`ConverseCommand`). */
      ctor?: string;
      /** The observability wrapper it went through (`observeOpenAI(...)`), if any. */
      observed?: { name: string; at: ts.Node };
      /** The npm module it came from (`@langchain/anthropic`): which vendor serves it. */
      pkg?: string;
    }
  | { t: "fn"; node: FunctionNode; observed?: { name: string; at: ts.Node } }
  | { t: "class"; node: ts.ClassLikeDeclaration }
  | { t: "obj"; node: ts.ClassLikeDeclaration }
  | { t: "iface"; node: ts.InterfaceDeclaration; path: string[] }
  | { t: "module"; file: ParsedFile }
  | { t: "objlit"; node: ts.ObjectLiteralExpression }
  /** An array: its literal elements, or (`models: ProcessedModel[]`) the declared element type. */
  | { t: "array"; elements: ts.Expression[]; elem?: ts.TypeNode }
  /** A structural type (`{ ask: ReturnType<typeof makeAsker> }`): its members' declared types. */
  | { t: "tlit"; node: ts.TypeLiteralNode }
  /** One of several values, chosen at run time (`PROVIDERS[name]`, `provider[serviceType]`). */
  | { t: "choice"; options: Val[] };

export interface ExportMatch {
  provider: Provider;
  member: Member;
}

const MAX_DEPTH = 40;

/** Evaluates expressions of one workspace; holds the memo tables (one per scan, never global). */
export class Evaluator {
  private readonly memo = new Map<ts.Node, Val | null>();
  private readonly inProgress = new Set<ts.Node>();
  private readonly providerByPkg = new Map<string, Provider | null>();
  private depth = 0;
  private readonly bindingMemo = new Map<ts.Node, Map<string, Val | null>>();
  private readonly exportMemo = new Map<ParsedFile, Map<string, Val | null>>();
  private readonly classMemo = new Map<ts.ClassLikeDeclaration, Map<string, Val | null>>();
  private readonly thisAssignIndex = new Map<ts.ClassLikeDeclaration, Map<string, ts.Expression[]>>();
  private readonly assignIndex = new Map<ts.Node, Map<string, ts.Expression[]>>();

  readonly providers: readonly Provider[];
  /** Packages of generic HTTP clients (rules/http.json): kept as `pkg` values so raw HTTP is found. */
  private readonly httpPackages: ReadonlySet<string>;
  /** Packages that make one vendor's model objects for a multi-vendor SDK (kept as `pkg` values to name the vendor). */
  private readonly vendorPackages: ReadonlySet<string>;
  /** Observability wrappers by package, then export name. */
  private readonly observers = new Map<string, Map<string, string>>();

  constructor(
    readonly ws: Workspace,
    catalog: Catalog,
  ) {
    this.providers = catalog.providers;
    this.httpPackages = new Set(Object.values(catalog.http.clients).flatMap((c) => c.packages));
    this.vendorPackages = new Set(catalog.providers.flatMap((p) => Object.keys(p.vendors)));
    for (const w of catalog.observability.wrappers) {
      for (const pkg of w.packages) {
        const m = this.observers.get(pkg) ?? new Map<string, string>();
        for (const e of w.exports) m.set(e, w.name);
        this.observers.set(pkg, m);
      }
    }
  }

  fileOf(node: ts.Node): ParsedFile {
    const sf = node.getSourceFile();
    const f = this.ws.get(sf.fileName);
    if (!f) throw new Error(`not a workspace file: ${sf.fileName}`);
    return f;
  }

  /** The catalog provider of an npm module specifier, if any. */
  providerOf(pkg: string): Provider | null {
    let p = this.providerByPkg.get(pkg);
    if (p !== undefined) return p;
    p =
      this.providers.find((pr) =>
        pr.packages.some((x) => (x.endsWith("*") ? pkg.startsWith(x.slice(0, -1)) : pkg === x)),
      ) ?? null;
    this.providerByPkg.set(pkg, p);
    return p;
  }

  isKnownPackage(pkg: string): boolean {
    return this.httpPackages.has(pkg) || this.observers.has(pkg) || this.providerOf(pkg) !== null || this.vendorPackages.has(pkg);
  }

  /** What an exported name of a provider package does (`/regex/` keys match by pattern). */
  exportMember(provider: Provider, name: string): Member | undefined {
    const direct = provider.exports[name];
    if (direct) return direct;
    for (const [k, m] of Object.entries(provider.exports)) {
      if (k.length > 2 && k.startsWith("/") && k.endsWith("/") && new RegExp(k.slice(1, -1)).test(name)) return m;
    }
    return undefined;
  }

  /** The value of an expression, or null when it is nothing we track. */
  eval(e: ts.Node): Val | null {
    const cached = this.memo.get(e);
    if (cached !== undefined) return cached;
    checkBudget();
    if (this.inProgress.has(e) || this.depth > MAX_DEPTH) return null;
    this.inProgress.add(e);
    this.depth++;
    let v: Val | null = null;
    try {
      v = this.evalUncached(e);
    } finally {
      this.depth--;
      this.inProgress.delete(e);
    }
    this.memo.set(e, v);
    return v;
  }

  private evalUncached(e: ts.Node): Val | null {
    if (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isNonNullExpression(e)) return this.eval(e.expression);
    if (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) return this.eval(e.expression);
    if (ts.isIdentifier(e)) return this.evalIdentifier(e);
    if (e.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(e);
      return cls ? { t: "obj", node: cls } : null;
    }
    // `super.generateObject(...)`: the base class's member.
    if (e.kind === ts.SyntaxKind.SuperKeyword && e.parent && ts.isPropertyAccessExpression(e.parent)) {
      const heritage = enclosingClass(e)?.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      const base = heritage ? this.eval(heritage.expression) : null;
      return base?.t === "class" ? { t: "obj", node: base.node } : base?.t === "pkg" ? this.construct(base, [], heritage, true) : null;
    }
    if (ts.isPropertyAccessExpression(e)) {
      const node = e.name.text === "invoke" ? this.graphNode(e.expression) : null;
      if (node) return node;
      const recv = this.eval(e.expression);
      return recv ? this.member(recv, e.name.text) : null;
    }
    if (ts.isElementAccessExpression(e) && (ts.isStringLiteralLike(e.argumentExpression) || ts.isNumericLiteral(e.argumentExpression))) {
      const recv = this.eval(e.expression);
      return recv ? this.member(recv, e.argumentExpression.text) : null;
    }
    if (ts.isElementAccessExpression(e)) return this.dynamicMember(e);
    if (ts.isCallExpression(e)) return this.evalCall(e);
    if (ts.isNewExpression(e)) return this.evalNew(e);
    if (ts.isConditionalExpression(e)) return this.eval(e.whenTrue) ?? this.eval(e.whenFalse);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return this.eval(e.left) ?? this.eval(e.right);
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.EqualsToken) return this.eval(e.right);
      return null;
    }
    if (ts.isFunctionExpression(e) || ts.isArrowFunction(e)) return { t: "fn", node: e };
    if (ts.isClassExpression(e)) return { t: "class", node: e };
    if (ts.isObjectLiteralExpression(e)) return { t: "objlit", node: e };
    if (ts.isArrayLiteralExpression(e)) return { t: "array", elements: [...e.elements] };
    return null;
  }

  private evalIdentifier(id: ts.Identifier): Val | null {
    const b = resolveName(id.text, id);
    if (!b) {
      if (id.text === "fetch") return { t: "pkg", pkg: "global", path: ["fetch"] };
      if (id.text === "globalThis" || id.text === "window" || id.text === "self") return { t: "pkg", pkg: "global", path: [] };
      if (id.text === "require") return null;
      return null;
    }
    return this.evalBinding(b, id);
  }

  /** The value a binding holds (memoized per declaration and destructuring path). */
  evalBinding(b: Binding, at: ts.Node): Val | null {
    const key = b.kind === "var" || b.kind === "param" ? b.decl : b.kind === "import" ? b.node : null;
    if (!key) return this.evalBindingUncached(b, at);
    const sub = b.kind === "import" ? b.name : (b as { path: string[] }).path.join(".");
    let m = this.bindingMemo.get(key);
    if (!m) this.bindingMemo.set(key, (m = new Map()));
    if (m.has(sub)) return m.get(sub)!;
    m.set(sub, null);
    const v = this.evalBindingUncached(b, at);
    m.set(sub, v);
    return v;
  }

  private evalBindingUncached(b: Binding, at: ts.Node): Val | null {
    switch (b.kind) {
      case "import":
        return this.evalImport(this.fileOf(at), b.spec, b.name);
      case "var": {
        const d = b.decl;
        let v: Val | null = d.initializer ? this.eval(d.initializer) : null;
        if (v) {
          for (const key of b.path) {
            v = this.member(v, key);
            if (!v) break;
          }
        }
        if (b.path.length === 0 && d.type && (!v || (v.t === "array" && !v.elements.length && !v.elem))) v = this.fromType(d.type) ?? v;
        // `let client; ... client = new OpenAI()`: only plain declarations (not loop variables) are assigned later.
        if (!v && b.path.length === 0 && ts.isIdentifier(d.name) && ts.isVariableStatement(d.parent.parent)) v = this.fromAssignments(d.name.text, d);
        return v;
      }
      case "param": {
        const p = b.decl;
        let v: Val | null = p.type ? this.fromType(p.type) : null;
        if (!v && p.initializer) v = this.eval(p.initializer);
        if (!v) v = this.fromCallers(p);
        if (v && b.path.length) {
          for (const key of b.path) {
            v = this.member(v, key);
            if (!v) break;
          }
        }
        return v;
      }
      case "function":
        return { t: "fn", node: b.node };
      case "class":
        return { t: "class", node: b.node };
      case "interface":
        return { t: "iface", node: b.node, path: [] };
      default:
        return null;
    }
  }

  /**
   * An untyped parameter's value from the calls of its function in the same file (`attempt(provider, ...)`
   * with `const provider = getProvider(name)`): the first argument that evaluates.
   */
  private fromCallers(p: ts.ParameterDeclaration): Val | null {
    const fn = p.parent;
    if (!ts.isFunctionLike(fn)) return null;
    const i = fn.parameters.indexOf(p as ts.ParameterDeclaration & ts.Node);
    for (const call of this.callsOf(fn)) {
      const a = call.arguments[i];
      const v = a && !ts.isSpreadElement(a) ? this.eval(a) : null;
      if (v) return v;
    }
    return null;
  }

  private readonly callsByName = new Map<ts.SourceFile, Map<string, ts.CallExpression[]>>();

  /** Direct calls of a named function in its own file (`f(...)`, `this.f(...)`). */
  callsOf(fn: ts.SignatureDeclaration): ts.CallExpression[] {
    const name = fn.name && ts.isIdentifier(fn.name) ? fn.name.text : fn.parent && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : undefined;
    if (!name) return [];
    const sf = fn.getSourceFile();
    let index = this.callsByName.get(sf);
    if (!index) {
      index = new Map();
      const stack: ts.Node[] = [sf];
      while (stack.length) {
        const n = stack.pop()!;
        if (ts.isCallExpression(n)) {
          const c = n.expression;
          const k = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) && c.expression.kind === ts.SyntaxKind.ThisKeyword ? c.name.text : undefined;
          if (k) {
            const list = index.get(k) ?? [];
            list.push(n);
            index.set(k, list);
          }
        }
        n.forEachChild((c) => void stack.push(c));
      }
      this.callsByName.set(sf, index);
    }
    return (index.get(name) ?? []).slice(0, 20);
  }

  /**
   * The string values a parameter takes at the calls of its function in the same file, following
   * parameters passed along (`runner("generateText")` → `attempt(serviceType)`); null when one is not constant.
   */
  paramStrings(p: ts.ParameterDeclaration, depth = 0): string[] | null {
    const fn = p.parent;
    if (depth > 3 || !ts.isFunctionLike(fn)) return null;
    const i = fn.parameters.indexOf(p as ts.ParameterDeclaration & ts.Node);
    const calls = this.callsOf(fn);
    if (!calls.length) return null;
    const out = new Set<string>();
    for (const call of calls) {
      const a = call.arguments[i];
      if (!a) return null;
      if (ts.isStringLiteralLike(a)) {
        out.add(a.text);
        continue;
      }
      if (ts.isIdentifier(a)) {
        const b = resolveName(a.text, a);
        const more = b?.kind === "param" && b.path.length === 0 ? this.paramStrings(b.decl, depth + 1) : null;
        if (!more) return null;
        for (const m of more) out.add(m);
        continue;
      }
      return null;
    }
    return [...out];
  }

  /**
   * `PROVIDERS[name]` on an object table: every entry (a choice); `provider[kind]` with a key whose
   * values are known: each member. Null when an entry or key is not known.
   */
  private dynamicMember(e: ts.ElementAccessExpression): Val | null {
    const recv = this.eval(e.expression);
    if (!recv) return null;
    const options: Val[] = [];
    let key = e.argumentExpression;
    while (ts.isAsExpression(key) || ts.isParenthesizedExpression(key) || ts.isNonNullExpression(key)) key = key.expression;
    const keys = ts.isIdentifier(key) ? (() => {
      const b = resolveName(key.text, key);
      return b?.kind === "param" && b.path.length === 0 ? this.paramStrings(b.decl) : null;
    })() : null;
    if (recv.t === "array" && recv.elem) return this.fromType(recv.elem);
    const each = recv.t === "choice" ? recv.options : [recv];
    for (const r of each) {
      if (keys) {
        for (const k of keys) {
          const m = this.member(r, k);
          if (!m) return null;
          options.push(m);
        }
      } else if (r.t === "objlit") {
        for (const p of r.node.properties) {
          const v = ts.isPropertyAssignment(p) ? this.eval(p.initializer) : ts.isShorthandPropertyAssignment(p) ? this.evalIdentifier(p.name) : null;
          if (!v) return null;
          options.push(v);
        }
      } else return null;
    }
    // The same method reached through many subclasses counts once.
    const seen = new Set<ts.Node>();
    const distinct = options.filter((o) => {
      const node = o.t === "fn" || o.t === "obj" || o.t === "class" || o.t === "objlit" ? o.node : undefined;
      if (!node) return true;
      if (seen.has(node)) return false;
      seen.add(node);
      return true;
    });
    if (!distinct.length || distinct.length > 40) return null;
    return distinct.length === 1 ? distinct[0]! : { t: "choice", options: distinct };
  }

  /** `let client; ... client = new OpenAI()` (lazy singletons): the first tracked assignment in the declaring scope. */
  private fromAssignments(name: string, decl: ts.VariableDeclaration): Val | null {
    const scope = decl.parent?.parent?.parent;
    if (!scope) return null;
    let index = this.assignIndex.get(scope);
    if (!index) {
      index = new Map();
      const stack: ts.Node[] = [scope];
      while (stack.length) {
        const n = stack.pop()!;
        if (
          ts.isBinaryExpression(n) &&
          (n.operatorToken.kind === ts.SyntaxKind.EqualsToken || n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken) &&
          ts.isIdentifier(n.left)
        ) {
          const list = index.get(n.left.text) ?? [];
          list.push(n.right);
          index.set(n.left.text, list);
        }
        n.forEachChild((c) => void stack.push(c));
      }
      this.assignIndex.set(scope, index);
    }
    for (const rhs of index.get(name) ?? []) {
      const v = this.eval(rhs);
      if (v) return v;
    }
    return null;
  }

  /** An annotation such as `client: OpenAI`, `model: BaseChatModel | null`, `llm: LLMEngine`. */
  fromType(t: ts.TypeNode): Val | null {
    if (ts.isUnionTypeNode(t) || ts.isIntersectionTypeNode(t)) {
      for (const m of t.types) {
        const v = this.fromType(m);
        if (v) return v;
      }
      return null;
    }
    if (ts.isParenthesizedTypeNode(t)) return this.fromType(t.type);
    if (ts.isTypeLiteralNode(t)) return { t: "tlit", node: t };
    if (ts.isArrayTypeNode(t)) return { t: "array", elements: [], elem: t.elementType };
    if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && /^(ReadonlyArray|Array)$/.test(t.typeName.text) && t.typeArguments?.length === 1) return { t: "array", elements: [], elem: t.typeArguments[0]! };
    if (!ts.isTypeReferenceNode(t)) return null;
    const name = t.typeName;
    // `ReturnType<typeof makeAsker>`, `Awaited<ReturnType<typeof f>>`: what the factory returns.
    if (ts.isIdentifier(name) && (name.text === "ReturnType" || name.text === "Awaited") && t.typeArguments?.length === 1) {
      const arg = t.typeArguments[0]!;
      if (name.text === "Awaited") return this.fromType(arg);
      if (ts.isTypeQueryNode(arg) && ts.isIdentifier(arg.exprName)) {
        const f = this.evalIdentifier(arg.exprName);
        return f?.t === "fn" ? this.returnValue(f.node) : null;
      }
      return null;
    }
    let v: Val | null;
    if (ts.isIdentifier(name)) {
      const b = resolveName(name.text, name);
      if (!b) return null;
      v = b.kind === "import" ? this.evalImport(this.fileOf(t), b.spec, b.name) : this.evalBinding(b, name);
    } else {
      const left = ts.isIdentifier(name.left) ? this.evalIdentifier(name.left) : null;
      v = left ? this.member(left, name.right.text) : null;
    }
    if (!v && ts.isIdentifier(name)) {
      // `type Deps = { ask: ... }`: a type alias stands for its type.
      const b = resolveName(name.text, name);
      if (b?.kind === "other" && ts.isTypeAliasDeclaration(b.node) && !this.inProgress.has(b.node)) {
        this.inProgress.add(b.node);
        try {
          return this.fromType(b.node.type);
        } finally {
          this.inProgress.delete(b.node);
        }
      }
    }
    if (!v) return null;
    if (v.t === "class") return { t: "obj", node: v.node };
    if (v.t === "iface") return v;
    if (v.t === "pkg") return this.construct(v, [], undefined, true);
    // An export the catalog types as an instance (`model: CompletionApi`): an injected client of that type.
    if (v.t === "inst" && v.path.length === 0 && !v.origin) return v;
    return null;
  }

  /** What `import { name } from spec` (name "default" or "*") gives in `from`. */
  evalImport(from: ParsedFile, spec: string, name: string): Val | null {
    const target = this.ws.resolve(from, spec);
    if (!target) return null;
    if ("pkg" in target) {
      if (!this.isKnownPackage(target.pkg)) return null;
      return this.normalizePkg({ t: "pkg", pkg: target.pkg, path: name === "*" ? [] : [name] });
    }
    if (name === "*") return { t: "module", file: target.file };
    return this.exportOf(target.file, name, 0);
  }

  /** The value a workspace module exports under `name` (ESM and CommonJS, through re-exports). */
  exportOf(file: ParsedFile, name: string, hops: number): Val | null {
    if (hops > 10) return null;
    let m = this.exportMemo.get(file);
    if (!m) this.exportMemo.set(file, (m = new Map()));
    if (m.has(name)) return m.get(name)!;
    m.set(name, null);
    const v = this.exportOfUncached(file, name, hops);
    m.set(name, v);
    return v;
  }

  private exportOfUncached(file: ParsedFile, name: string, hops: number): Val | null {
    const sf = file.sf;
    for (const st of sf.statements) {
      if (ts.isExportDeclaration(st)) {
        const spec = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
        if (st.exportClause && ts.isNamedExports(st.exportClause)) {
          for (const el of st.exportClause.elements) {
            if (el.name.text !== name) continue;
            const local = (el.propertyName ?? el.name).text;
            if (spec) {
              const t = this.ws.resolve(file, spec);
              if (!t) return null;
              if ("pkg" in t) return this.isKnownPackage(t.pkg) ? this.normalizePkg({ t: "pkg", pkg: t.pkg, path: [local] }) : null;
              return this.exportOf(t.file, local, hops + 1);
            }
            const b = topLevel(sf).get(local);
            return b ? this.evalBinding(b, st) : null;
          }
        } else if (st.exportClause && ts.isNamespaceExport(st.exportClause) && st.exportClause.name.text === name && spec) {
          return this.evalImport(file, spec, "*");
        }
      } else if (ts.isExportAssignment(st) && name === "default") {
        return this.eval(st.expression);
      } else if (hasExportModifier(st)) {
        const isDefault = hasModifier(st, ts.SyntaxKind.DefaultKeyword);
        if (ts.isVariableStatement(st) && !isDefault) {
          const b = topLevel(sf).get(name);
          if (b && b.kind === "var" && b.decl.parent.parent === st) return this.evalBinding(b, st);
        } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && ((isDefault && name === "default") || st.name?.text === name)) {
          // Overload signatures have no body: the implementation follows them.
          if (ts.isFunctionDeclaration(st) && !st.body) continue;
          return ts.isFunctionDeclaration(st) ? { t: "fn", node: st } : { t: "class", node: st };
        } else if (ts.isInterfaceDeclaration(st) && st.name.text === name) {
          return { t: "iface", node: st, path: [] };
        }
      } else if (ts.isExpressionStatement(st)) {
        const v = this.commonJsExport(st.expression, name);
        if (v) return v;
      }
    }
    // `export * from "./x"`: the first module that has it.
    for (const st of sf.statements) {
      if (ts.isExportDeclaration(st) && !st.exportClause && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
        const t = this.ws.resolve(file, st.moduleSpecifier.text);
        if (t && "file" in t) {
          const v = this.exportOf(t.file, name, hops + 1);
          if (v) return v;
        }
      }
    }
    return null;
  }

  /** `module.exports = x`, `module.exports.name = x`, `exports.name = x`. */
  private commonJsExport(e: ts.Expression, name: string): Val | null {
    if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return null;
    const l = e.left;
    const text = l.getText();
    if (text === "module.exports") {
      const whole = this.eval(e.right);
      if (name === "default" || name === "*") return whole;
      return whole ? this.member(whole, name) : null;
    }
    if (text === `module.exports.${name}` || text === `exports.${name}`) return this.eval(e.right);
    return null;
  }

  /** `require("x")` and `require("x").y`. */
  private evalRequire(call: ts.CallExpression): Val | null {
    const arg = call.arguments[0];
    if (!arg || !ts.isStringLiteralLike(arg)) return null;
    const from = this.fileOf(call);
    const t = this.ws.resolve(from, arg.text);
    if (!t) return null;
    if ("pkg" in t) return this.isKnownPackage(t.pkg) ? { t: "pkg", pkg: t.pkg, path: [] } : null;
    return this.exportOf(t.file, "default", 0) ?? { t: "module", file: t.file };
  }

  /** A package value whose first path element is a ready-made instance (`import ollama from "ollama"`). */
  private normalizePkg(v: Extract<Val, { t: "pkg" }>): Val {
    const provider = this.providerOf(v.pkg);
    if (!provider || v.path.length === 0) return v;
    const m = this.exportMember(provider, v.path[0]!);
    if (m?.is) return { t: "inst", provider, type: m.is, path: v.path.slice(1), configs: [], ctor: v.path[0] };
    return v;
  }

  /** Reading `name` from a value. */
  member(v: Val, name: string): Val | null {
    switch (v.t) {
      case "pkg":
        return this.normalizePkg({ t: "pkg", pkg: v.pkg, path: [...v.path, name], ...(v.configs ? { configs: v.configs } : {}) });
      case "inst": {
        const def = v.provider.types[v.type];
        if (!def) return null;
        const key = [...v.path, name].join(".");
        const prefix = key + ".";
        for (const k of Object.keys(def.members)) {
          if (k === key || k.startsWith(prefix)) return { ...v, path: [...v.path, name] };
        }
        return null;
      }
      case "module":
        return this.exportOf(v.file, name, 0);
      case "objlit":
        return this.objectProperty(v.node, name);
      case "obj":
      case "class":
        return this.classMember(v.node, name, v.t === "class");
      case "iface":
        return { t: "iface", node: v.node, path: [...v.path, name] };
      case "tlit": {
        const m = v.node.members.find((x) => x.name && propName(x.name) === name);
        return m && ts.isPropertySignature(m) && m.type ? this.fromType(m.type) : null;
      }
      case "choice": {
        const options: Val[] = [];
        for (const o of v.options) {
          const m = this.member(o, name);
          if (!m) return null;
          options.push(m);
        }
        return { t: "choice", options };
      }
      case "array": {
        // `rewriters[0]`: an element; any element when the index is not a literal and all agree.
        const i = Number(name);
        if (Number.isInteger(i) && v.elements[i]) return this.eval(v.elements[i]!);
        if (Number.isInteger(i) && v.elem) return this.fromType(v.elem);
        return null;
      }
      default:
        return null;
    }
  }

  private objectProperty(o: ts.ObjectLiteralExpression, name: string): Val | null {
    for (let i = o.properties.length - 1; i >= 0; i--) {
      const p = o.properties[i]!;
      if (ts.isSpreadAssignment(p)) {
        const s = this.eval(p.expression);
        const v = s ? this.member(s, name) : null;
        if (v) return v;
        continue;
      }
      if (!p.name || propName(p.name) !== name) continue;
      if (ts.isPropertyAssignment(p)) return this.eval(p.initializer);
      if (ts.isShorthandPropertyAssignment(p)) return this.evalIdentifier(p.name);
      if (ts.isMethodDeclaration(p)) return { t: "fn", node: p };
      return null;
    }
    return null;
  }

  /** A member of a workspace class: field initializer or annotation, `this.x =` assignment, method, or inherited. */
  private classMember(cls: ts.ClassLikeDeclaration, name: string, isStatic: boolean): Val | null {
    let memo = this.classMemo.get(cls);
    if (!memo) this.classMemo.set(cls, (memo = new Map()));
    const key = (isStatic ? "static " : "") + name;
    if (memo.has(key)) return memo.get(key)!;
    memo.set(key, null);
    const v = this.classMemberUncached(cls, name, isStatic);
    memo.set(key, v);
    return v;
  }

  private classMemberUncached(cls: ts.ClassLikeDeclaration, name: string, isStatic: boolean): Val | null {
    for (const m of cls.members) {
      if (!m.name || propName(m.name) !== name) continue;
      const st = hasModifier(m, ts.SyntaxKind.StaticKeyword);
      if (st !== isStatic) continue;
      if (ts.isMethodDeclaration(m) && m.body) return { t: "fn", node: m };
      if (ts.isGetAccessorDeclaration(m) && m.body) return this.returnValue(m);
      if (ts.isPropertyDeclaration(m)) {
        // What the constructor assigns says more than the annotation (the client's configuration).
        const v = (m.initializer && this.eval(m.initializer)) || this.thisAssignment(cls, name) || (m.type && this.fromType(m.type));
        if (v) return v;
      }
      if (ts.isMethodDeclaration(m) && !m.body) continue;
    }
    if (!isStatic) {
      const ctor = cls.members.find(ts.isConstructorDeclaration);
      const param = ctor?.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name && p.modifiers?.length);
      if (param?.type) {
        const v = this.fromType(param.type);
        if (v) return v;
      }
      const assigned = this.thisAssignment(cls, name);
      if (assigned) return assigned;
    }
    const heritage = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (heritage) {
      const base = this.eval(heritage.expression);
      if (base?.t === "class") return this.classMember(base.node, name, isStatic);
      if (base?.t === "pkg" && !isStatic) {
        const inst = this.construct(base, [], heritage, true);
        return inst ? this.member(inst, name) : null;
      }
    }
    return null;
  }

  /** `this.name = <expr>` anywhere in the class body: the first assignment we can evaluate. */
  private thisAssignment(cls: ts.ClassLikeDeclaration, name: string): Val | null {
    for (const rhs of this.thisAssignments(cls, name)) {
      const v = this.eval(rhs);
      if (v) return v;
    }
    return null;
  }

  /** Right-hand sides of `this.name = ...` (and `??=`) in a class body, indexed once per class. */
  thisAssignments(cls: ts.ClassLikeDeclaration, name: string): readonly ts.Expression[] {
    let index = this.thisAssignIndex.get(cls);
    if (!index) {
      index = new Map();
      const stack: ts.Node[] = [...cls.members];
      while (stack.length) {
        const n = stack.pop()!;
        if (
          ts.isBinaryExpression(n) &&
          (n.operatorToken.kind === ts.SyntaxKind.EqualsToken || n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken) &&
          ts.isPropertyAccessExpression(n.left) &&
          n.left.expression.kind === ts.SyntaxKind.ThisKeyword
        ) {
          const list = index.get(n.left.name.text) ?? [];
          list.push(n.right);
          index.set(n.left.name.text, list);
        }
        if (ts.isClassLike(n)) continue;
        n.forEachChild((c) => void stack.push(c));
      }
      this.thisAssignIndex.set(cls, index);
    }
    return index.get(name) ?? [];
  }

  /** What a function returns: the first `return` (or arrow body) that evaluates to something. */
  returnValue(fn: FunctionNode): Val | null {
    const body = fn.body;
    if (!body) return null;
    if (!ts.isBlock(body)) return this.eval(body);
    const stack: ts.Node[] = [body];
    while (stack.length) {
      const n = stack.pop()!;
      if (ts.isReturnStatement(n) && n.expression) {
        const v = this.eval(n.expression);
        if (v) return v;
      }
      if (ts.isFunctionLike(n) || ts.isClassLike(n)) continue;
      n.forEachChild((c) => {
        stack.push(c);
      });
    }
    return null;
  }

  private evalCall(call: ts.CallExpression): Val | null {
    const callee = call.expression;
    if (ts.isIdentifier(callee) && callee.text === "require" && !resolveName("require", callee)) return this.evalRequire(call);
    // `await import("./llm")` (a module loaded when first needed): its namespace, as `import * as` gives it.
    if (callee.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = call.arguments[0];
      return arg && ts.isStringLiteralLike(arg) ? this.evalImport(this.fileOf(call), arg.text, "*") : null;
    }
    // `fn.bind(thisArg)` is the same function.
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === "bind") return this.eval(callee.expression);
    // `models.find((m) => m.id === id)`, `list.at(-1)`: an element of the collection.
    if (ts.isPropertyAccessExpression(callee) && /^(find|findLast|at)$/.test(callee.name.text)) {
      const recv = this.eval(callee.expression);
      if (recv?.t === "array") return this.elementOf(recv);
    }
    const fv = this.eval(callee);
    if (!fv) return null;
    return this.callResult(fv, call);
  }

  /**
   * LangGraph `graph.nodes.<name>` (or `graph.nodes["name"]`): the node function that the graph's
   * builder added under that name (`new StateGraph(S).addNode("agent", callModel)...compile()`);
   * `.invoke(state)` on it runs that function.
   */
  private graphNode(e: ts.Expression): Val | null {
    let name: string | undefined;
    let nodes: ts.Expression | undefined;
    if (ts.isPropertyAccessExpression(e)) {
      name = e.name.text;
      nodes = e.expression;
    } else if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) {
      name = e.argumentExpression.text;
      nodes = e.expression;
    }
    if (!name || !nodes || !ts.isPropertyAccessExpression(nodes) || nodes.name.text !== "nodes") return null;
    const fn = this.addedNode(nodes.expression, name, 0);
    const v = fn ? this.eval(fn) : null;
    return v?.t === "fn" ? v : null;
  }

  /** The function given to `addNode(name, fn)` along a graph builder's chain and its variables. */
  private addedNode(graph: ts.Expression, name: string, depth: number): ts.Expression | null {
    if (depth > 6) return null;
    let x: ts.Expression = graph;
    for (;;) {
      while (ts.isParenthesizedExpression(x) || ts.isAwaitExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x)) x = x.expression;
      if (!ts.isCallExpression(x) || !ts.isPropertyAccessExpression(x.expression)) break;
      const a0 = x.arguments[0];
      if (x.expression.name.text === "addNode" && a0 && ts.isStringLiteralLike(a0) && a0.text === name) return x.arguments[1] ?? null;
      x = x.expression.expression;
    }
    if (!ts.isIdentifier(x)) return null;
    const b = resolveName(x.text, x);
    let decl: ts.VariableDeclaration | undefined;
    if (b?.kind === "var" && b.path.length === 0) decl = b.decl;
    else if (b?.kind === "import") {
      const target = this.ws.resolve(this.fileOf(x), b.spec);
      if (target && "file" in target) {
        for (const st of target.file.sf.statements) {
          if (!ts.isVariableStatement(st)) continue;
          decl = st.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === b.name) ?? decl;
        }
      }
    }
    if (!decl || !ts.isIdentifier(decl.name)) return null;
    if (decl.initializer) {
      const hit = this.addedNode(decl.initializer, name, depth + 1);
      if (hit) return hit;
    }
    // `builder.addNode("agent", callModel);` as statements after the declaration.
    const varName = decl.name.text;
    const stack: ts.Node[] = [decl.getSourceFile()];
    while (stack.length) {
      const n = stack.pop()!;
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "addNode") {
        const a0 = n.arguments[0];
        let root: ts.Expression = n.expression.expression;
        while (ts.isCallExpression(root) && ts.isPropertyAccessExpression(root.expression)) root = root.expression.expression;
        if (a0 && ts.isStringLiteralLike(a0) && a0.text === name && ts.isIdentifier(root) && root.text === varName) return n.arguments[1] ?? null;
      }
      n.forEachChild((c) => void stack.push(c));
    }
    return null;
  }

  /** Any element of an array: its declared element type, or the literal elements when they all agree. */
  private elementOf(v: Extract<Val, { t: "array" }>): Val | null {
    if (v.elem) return this.fromType(v.elem);
    const vals = v.elements.slice(0, 20).map((x) => (ts.isSpreadElement(x) ? null : this.eval(x)));
    const first = vals[0];
    if (!first || vals.some((x) => !x || x.t !== first.t || ("node" in x && "node" in first && x.node !== first.node))) return null;
    return first;
  }

  /** The value a call of `fv` returns. */
  callResult(fv: Val, call: ts.CallExpression): Val | null {
    switch (fv.t) {
      case "pkg": {
        const provider = this.providerOf(fv.pkg);
        // `axios.create({ baseURL })`, `got.extend(...)`, `ky.create(...)`: an instance that sends like the module.
        const last = fv.path[fv.path.length - 1];
        if (!provider && this.httpPackages.has(fv.pkg) && (last === "create" || last === "extend")) {
          return { t: "pkg", pkg: fv.pkg, path: ["default"], configs: [...(fv.configs ?? []), ...call.arguments] };
        }
        if (!provider) return this.observedResult(fv, call);
        const m = this.exportMember(provider, fv.path[0] ?? "default");
        if (!m) return null;
        const rest = fv.path.slice(1);
        if (rest.length) {
          // A static member of an exported class (`ChatPromptTemplate.fromMessages`).
          if (!m.is) return null;
          return this.callMember({ t: "inst", provider, type: m.is, path: rest, configs: [] }, call);
        }
        return this.applyMember(provider, m, call, [], undefined);
      }
      case "inst":
        return this.callMember(fv, call);
      case "fn":
        return this.returnValue(fv.node);
      default:
        return null;
    }
  }

  /** `observeOpenAI(client)`, `traceable(fn)`: the argument, marked as traced. */
  private observedResult(fv: Extract<Val, { t: "pkg" }>, call: ts.CallExpression): Val | null {
    const name = fv.path.length === 1 ? this.observers.get(fv.pkg)?.get(fv.path[0]!) : undefined;
    const arg = call.arguments[0];
    if (!name || !arg) return null;
    const v = this.eval(arg);
    if (v?.t === "inst" || v?.t === "fn") return { ...v, observed: { name, at: call } };
    return null;
  }

  private callMember(v: Extract<Val, { t: "inst" }>, call: ts.CallExpression): Val | null {
    const def = v.provider.types[v.type];
    const m = def?.members[v.path.join(".")];
    if (!m) return null;
    return this.applyMember(v.provider, m, call, v.configs, v);
  }

  private applyMember(provider: Provider, m: Member, call: ts.CallExpression | ts.NewExpression, configs: ts.Expression[], recv?: Extract<Val, { t: "inst" }>): Val | null {
    const args = [...(call.arguments ?? [])];
    if (m.compose) {
      const runs = (recv && provider.types[recv.type]?.runsModel) || args.some((a) => this.runsModel(a, 0));
      if (runs) {
        // The model's own configuration goes last: model lookups read configs latest first.
        const model = args.map((a) => this.eval(a)).find((v): v is Extract<Val, { t: "inst" }> => v?.t === "inst" && !!v.provider.types[v.type]?.runsModel);
        return { t: "inst", provider, type: m.compose, path: [], origin: call, configs: [...configs, ...args, ...(model?.configs ?? [])] };
      }
      return m.returns ? { t: "inst", provider, type: m.returns, path: [], origin: call, configs: [...configs, ...args] } : null;
    }
    if (m.returns) return { t: "inst", provider, type: m.returns, path: [], origin: call, configs: [...configs, ...args] };
    return null;
  }

  /** Whether an expression evaluates to something that runs a model (LangChain composition). */
  runsModel(e: ts.Expression, depth: number): boolean {
    if (depth > 3) return false;
    if (ts.isArrayLiteralExpression(e)) return e.elements.some((x) => this.runsModel(x, depth + 1));
    if (ts.isObjectLiteralExpression(e)) {
      return e.properties.some((p) =>
        ts.isPropertyAssignment(p) ? this.runsModel(p.initializer, depth + 1) : ts.isShorthandPropertyAssignment(p) ? this.runsModel(p.name, depth + 1) : false,
      );
    }
    const v = this.eval(e);
    if (!v) return false;
    if (v.t === "inst") return !!v.provider.types[v.type]?.runsModel;
    if (v.t === "array") return v.elements.some((x) => this.runsModel(x, depth + 1));
    if (v.t === "objlit") return this.runsModel(v.node, depth + 1);
    return false;
  }

  private evalNew(n: ts.NewExpression): Val | null {
    const cv = this.eval(n.expression);
    if (!cv) return null;
    if (cv.t === "class") return { t: "obj", node: cv.node };
    if (cv.t === "pkg") return this.construct(cv, n.arguments ? [...n.arguments] : [], n, false);
    // `new AgentExecutor({ agent })`: a class that composes what it is given.
    if (cv.t === "inst" && cv.path.length === 0 && cv.ctor) {
      const m = this.exportMember(cv.provider, cv.ctor);
      if (m?.compose) return this.applyMember(cv.provider, m, n, [], undefined);
      // `new SupabaseVectorStore(embeddings, {...})`: a class export that is also constructed.
      if (m?.constructs) return { t: "inst", provider: cv.provider, type: m.constructs, path: [], origin: n, configs: n.arguments ? [...n.arguments] : [], ctor: cv.ctor };
    }
    return null;
  }

  /**
   * The instance `new X(args)` makes for a package export X. With `typeOnly` (an annotation or
   * `extends`), an export that is a ready-made instance type counts too.
   */
  construct(cv: Extract<Val, { t: "pkg" }>, args: ts.Expression[], origin: ts.Node | undefined, typeOnly: boolean): Val | null {
    const provider = this.providerOf(cv.pkg);
    if (!provider) return null;
    const name = cv.path.length === 0 ? "default" : cv.path.length === 1 ? cv.path[0]! : cv.path[cv.path.length - 1]!;
    const m = this.exportMember(provider, name);
    const type = m?.constructs ?? (typeOnly ? m?.is : undefined);
    if (!type) return null;
    const argIndex = provider.options.clientArg;
    const cfg = args.length ? (argIndex === null ? args : args.slice(argIndex, argIndex + 1).length ? args : []) : [];
    return { t: "inst", provider, type, path: [], origin: typeOnly ? undefined : origin, configs: cfg, ctor: name, pkg: cv.pkg };
  }
}

export function propName(n: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) || ts.isPrivateIdentifier(n)) return n.text;
  return undefined;
}

function hasModifier(n: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(n) ? (ts.getModifiers(n)?.some((m) => m.kind === kind) ?? false) : false;
}

function hasExportModifier(n: ts.Node): boolean {
  return hasModifier(n, ts.SyntaxKind.ExportKeyword);
}
