/** Constant strings as the code builds them: literals, templates, `+`, and constants in scope or imported. */
import ts from "typescript";
import type { ParsedFile, Workspace } from "../project";
import { enclosingClass, resolveName, topLevel } from "./scope";

/** Marks a part of a string that is not known statically. */
export const UNKNOWN = "{}";

export class StringResolver {
  constructor(private readonly ws: Workspace) {}

  /** The string an expression builds, with unknown parts as `{}`; null when nothing of it is known. */
  pattern(e: ts.Expression, depth = 0): string | null {
    const s = this.build(e, depth);
    return s === null || s === UNKNOWN ? null : s;
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
      const a = this.build(e.whenTrue, depth + 1);
      return a !== null && a !== UNKNOWN ? a : this.build(e.whenFalse, depth + 1);
    }
    if (ts.isIdentifier(e)) {
      const init = this.initializerOf(e);
      return init ? this.build(init, depth + 1) : UNKNOWN;
    }
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
  return fromStatic;
}
