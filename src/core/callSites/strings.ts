/** Constant strings as the code builds them: literals, templates, `+`, and constants in scope or imported. */
import ts from "typescript";
import type { ParsedFile, Workspace } from "../project";
import { enclosingClass, resolveName, topLevel } from "./scope";

/** Marks a part of a string that is not known statically. */
export const UNKNOWN = "{}";

/** The workspace function a callee evaluates to (set by the site finder, which owns the evaluator). */
export type FunctionOf = (callee: ts.Expression) => ts.FunctionLikeDeclaration | null;

export class StringResolver {
  /** Parameters bound to the caller's arguments while a URL helper's return is built. */
  private readonly args = new Map<ts.ParameterDeclaration, ts.Expression>();
  /** Branches fixed while enumerating alternatives (`this.path(isImage ? IMAGE : CHAT)`). */
  private readonly choices = new Map<ts.ConditionalExpression, boolean>();
  private readonly assigned = new WeakMap<ts.Node, Map<string, ts.Expression[]>>();
  functionOf: FunctionOf | undefined;

  constructor(private readonly ws: Workspace) {}

  /** The string an expression builds, with unknown parts as `{}`; null when nothing of it is known. */
  pattern(e: ts.Expression, depth = 0): string | null {
    const s = this.build(e, depth);
    return s === null || s === UNKNOWN ? null : s;
  }

  /**
   * The strings an expression may build, one per branch at its top (a `let` given several values, a
   * conditional): a URL chosen at run time between endpoints is matched against each.
   */
  alternatives(e: ts.Expression): string[] {
    let x = e;
    while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x)) x = x.expression;
    let sources: ts.Expression[] = [x];
    if (ts.isConditionalExpression(x)) sources = [x.whenTrue, x.whenFalse];
    else if (ts.isIdentifier(x)) {
      const b = resolveName(x.text, x);
      if (b?.kind === "var" && b.path.length === 0 && isLet(b.decl)) sources = [...(b.decl.initializer ? [b.decl.initializer] : []), ...this.assignmentsOf(b.decl)];
      else if (b?.kind === "var" && b.path.length === 0 && b.decl.initializer) sources = [b.decl.initializer];
    }
    const out: string[] = [];
    for (const src of sources.slice(0, 8)) {
      // A choice nested in a URL helper's arguments or a template (`this.path(isImage ? IMAGE : CHAT)`): each branch.
      const nested = ts.isConditionalExpression(src) ? [] : nestedConditionals(src, 3);
      for (let mask = 0; mask < 1 << nested.length; mask++) {
        nested.forEach((c, i) => this.choices.set(c, (mask & (1 << i)) === 0));
        try {
          const p = this.pattern(src);
          if (p !== null && !out.includes(p)) out.push(p);
        } finally {
          for (const c of nested) this.choices.delete(c);
        }
      }
    }
    return out;
  }

  /** The whole string when it is fully known. */
  exact(e: ts.Expression): string | null {
    const s = this.build(e, 0);
    return s !== null && !s.includes(UNKNOWN) ? s : null;
  }

  private build(e: ts.Expression, depth: number): string | null {
    if (depth > 12) return UNKNOWN;
    if (ts.isStringLiteralLike(e)) return e.text;
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) {
      return this.build(e.expression, depth + 1);
    }
    if (ts.isTemplateExpression(e)) {
      let s = e.head.text;
      for (const span of e.templateSpans) s += (this.build(span.expression, depth + 1) ?? UNKNOWN) + span.literal.text;
      return s;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      return (this.build(e.left, depth + 1) ?? UNKNOWN) + (this.build(e.right, depth + 1) ?? UNKNOWN);
    }
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
      // `process.env.BASE_URL || "https://api.openai.com/v1"`: the default tells the vendor.
      const r = this.build(e.right, depth + 1);
      const l = this.build(e.left, depth + 1);
      return l !== null && l !== UNKNOWN ? l : r;
    }
    if (ts.isConditionalExpression(e)) {
      const forced = this.choices.get(e);
      if (forced !== undefined) return this.build(forced ? e.whenTrue : e.whenFalse, depth + 1);
      const a = this.build(e.whenTrue, depth + 1);
      return a !== null && a !== UNKNOWN ? a : this.build(e.whenFalse, depth + 1);
    }
    if (ts.isIdentifier(e)) {
      const b = resolveName(e.text, e);
      if (b?.kind === "param" && b.path.length === 0 && this.args.has(b.decl)) return this.build(this.args.get(b.decl)!, depth + 1);
      if (b?.kind === "var" && b.path.length === 0 && isLet(b.decl)) {
        // `let base = ""; if (...) base = OPENAI_BASE_URL`: the most telling of what it is given.
        const sources = [...(b.decl.initializer ? [b.decl.initializer] : []), ...this.assignmentsOf(b.decl)];
        return bestPattern(sources.map((x) => this.build(x, depth + 1)));
      }
      const init = this.initializerOf(e);
      return init ? this.build(init, depth + 1) : UNKNOWN;
    }
    // `[base, path].join("/")`
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "join" && ts.isArrayLiteralExpression(e.expression.expression)) {
      const sep = e.arguments[0] && ts.isStringLiteralLike(e.arguments[0]) ? e.arguments[0].text : e.arguments.length ? null : ",";
      if (sep === null) return UNKNOWN;
      return e.expression.expression.elements.map((x) => this.build(x, depth + 1) ?? UNKNOWN).join(sep);
    }
    // A URL helper (`this.path(ChatPath)`, `buildUrl(base, path)`): its return, built with the arguments given.
    if (ts.isCallExpression(e) && this.functionOf) return this.callPattern(e, depth);
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
      // `API.chatUrl` where API is a constant object literal.
      const init = this.initializerOf(e.expression);
      const obj = init && unwrap(init);
      if (obj && ts.isObjectLiteralExpression(obj)) {
        const p = obj.properties.find((x) => x.name && ts.isIdentifier(x.name) && x.name.text === e.name.text);
        if (p && ts.isPropertyAssignment(p)) return this.build(p.initializer, depth + 1);
      }
      return UNKNOWN;
    }
    if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
      // `this.apiBase`: the class's own default for it (a field initializer, or a static defaults object).
      const cls = enclosingClass(e);
      const d = cls && classDefault(cls, e.name.text);
      return d ? this.build(d, depth + 1) : UNKNOWN;
    }
    if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "URL" && e.arguments?.length) {
      const [rel, base] = e.arguments;
      const r = rel ? this.build(rel, depth + 1) : null;
      if (!base) return r;
      const b = this.build(base, depth + 1) ?? UNKNOWN;
      if (r !== null && /^https?:/.test(r)) return r;
      return b.replace(/\/$/, "") + "/" + (r ?? UNKNOWN).replace(/^\//, "");
    }
    return UNKNOWN;
  }

  private callPattern(call: ts.CallExpression, depth: number): string {
    const fn = this.functionOf!(call.expression);
    if (!fn?.body) return UNKNOWN;
    const returns = returnedExpressions(fn);
    if (!returns.length || returns.length > 8) return UNKNOWN;
    const bound: ts.ParameterDeclaration[] = [];
    fn.parameters.forEach((p, i) => {
      const a = call.arguments[i];
      if (a && !p.dotDotDotToken && !this.args.has(p)) {
        this.args.set(p, a);
        bound.push(p);
      }
    });
    try {
      return bestPattern(returns.map((r) => this.build(r, depth + 2)));
    } finally {
      for (const p of bound) this.args.delete(p);
    }
  }

  /** Right-hand sides of `name = ...` in the scope that declares a `let`. */
  private assignmentsOf(decl: ts.VariableDeclaration): ts.Expression[] {
    const scope = decl.parent?.parent?.parent;
    if (!scope || !ts.isIdentifier(decl.name)) return [];
    let index = this.assigned.get(scope);
    if (!index) {
      index = new Map();
      const stack: ts.Node[] = [scope];
      while (stack.length) {
        const n = stack.pop()!;
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) {
          const list = index.get(n.left.text) ?? [];
          list.push(n.right);
          index.set(n.left.text, list);
        }
        n.forEachChild((c) => void stack.push(c));
      }
      this.assigned.set(scope, index);
    }
    const name = decl.name.text;
    return (index.get(name) ?? []).filter((r) => {
      const b = resolveName(name, r);
      return b?.kind === "var" && b.decl === decl;
    });
  }

  /** The initializer of a `const` (or never-reassigned `let`) a name refers to, through imports. */
  initializerOf(id: ts.Identifier): ts.Expression | null {
    const b = resolveName(id.text, id);
    if (!b) return null;
    if (b.kind === "var" && b.path.length === 0) return b.decl.initializer ?? null;
    if (b.kind === "param" && b.path.length === 0) return b.decl.initializer ?? null;
    if (b.kind === "import") {
      const from = this.ws.get(id.getSourceFile().fileName);
      if (!from) return null;
      const t = this.ws.resolve(from, b.spec);
      if (!t || !("file" in t)) return null;
      return this.exportedInitializer(t.file, b.name, 0);
    }
    return null;
  }

  private exportedInitializer(file: ParsedFile, name: string, hops: number): ts.Expression | null {
    if (hops > 8) return null;
    const top = topLevel(file.sf);
    for (const st of file.sf.statements) {
      if (ts.isVariableStatement(st) && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
        const d = st.declarationList.declarations.find((x) => ts.isIdentifier(x.name) && x.name.text === name);
        if (d) return d.initializer ?? null;
      } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
        const el = st.exportClause.elements.find((x) => x.name.text === name);
        if (!el) continue;
        const local = (el.propertyName ?? el.name).text;
        if (st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
          const t = this.ws.resolve(file, st.moduleSpecifier.text);
          return t && "file" in t ? this.exportedInitializer(t.file, local, hops + 1) : null;
        }
        const b = top.get(local);
        return b?.kind === "var" && b.path.length === 0 ? (b.decl.initializer ?? null) : null;
      } else if (ts.isExportAssignment(st) && name === "default") {
        return st.expression;
      }
    }
    for (const st of file.sf.statements) {
      if (ts.isExportDeclaration(st) && !st.exportClause && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
        const t = this.ws.resolve(file, st.moduleSpecifier.text);
        const hit = t && "file" in t ? this.exportedInitializer(t.file, name, hops + 1) : null;
        if (hit) return hit;
      }
    }
    return null;
  }
}

/** Conditionals written inside an expression (not inside functions it contains), at most `max`. */
function nestedConditionals(e: ts.Expression, max: number): ts.ConditionalExpression[] {
  const out: ts.ConditionalExpression[] = [];
  const visit = (n: ts.Node) => {
    if (out.length >= max || ts.isFunctionLike(n)) return;
    if (ts.isConditionalExpression(n)) out.push(n);
    n.forEachChild(visit);
  };
  e.forEachChild(visit);
  return out;
}

function isLet(d: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(d.parent) && (d.parent.flags & ts.NodeFlags.Let) !== 0 && ts.isVariableStatement(d.parent.parent);
}

/** The returned expressions of a function (its arrow body, or its `return`s outside nested functions). */
export function returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  const body = fn.body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const out: ts.Expression[] = [];
  const stack: ts.Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) continue;
    n.forEachChild((c) => void stack.push(c));
  }
  return out;
}

/** Of several possible strings, the one that tells most: a full URL first, then the most known text. */
function bestPattern(ps: (string | null)[]): string {
  let best: string | null = null;
  const rank = (p: string) => (/^https?:\/\//.test(p) ? 1e6 : 0) + p.split(UNKNOWN).join("").length;
  for (const p of ps) if (p !== null && p !== UNKNOWN && (best === null || rank(p) > rank(best))) best = p;
  return best ?? UNKNOWN;
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isAsExpression(e) || ts.isParenthesizedExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/**
 * What a class sets a property to by default: its field initializer (`apiBase = "https://..."`), or
 * the same key in a static defaults object (`static defaultOptions = { apiBase: "https://..." }`,
 * merged into the options by a base class).
 */
function classDefault(cls: ts.ClassLikeDeclaration, name: string): ts.Expression | undefined {
  let fromStatic: ts.Expression | undefined;
  for (const m of cls.members) {
    if (!ts.isPropertyDeclaration(m) || !m.initializer) continue;
    const isStatic = m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
    if (!isStatic && ts.isIdentifier(m.name) && m.name.text === name) return m.initializer;
    const obj = isStatic ? unwrap(m.initializer) : undefined;
    if (obj && ts.isObjectLiteralExpression(obj)) {
      const p = obj.properties.find((x) => x.name && ts.isIdentifier(x.name) && x.name.text === name);
      if (p && ts.isPropertyAssignment(p)) fromStatic ??= p.initializer;
    }
  }
  if (fromStatic) return fromStatic;
  // `constructor(base = "http://localhost:11434") { this.url = `${base}/api/chat`; }`
  return constructorAssignment(cls, name);
}

/** What the constructor assigns to `this.<name>` (`this.url = \`${base}/api/chat\``), if it does. */
export function constructorAssignment(cls: ts.ClassLikeDeclaration, name: string): ts.Expression | undefined {
  const ctor = cls.members.find(ts.isConstructorDeclaration);
  for (const st of ctor?.body?.statements ?? []) {
    if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const l = st.expression.left;
    if (ts.isPropertyAccessExpression(l) && l.expression.kind === ts.SyntaxKind.ThisKeyword && l.name.text === name) return st.expression.right;
  }
  return undefined;
}
