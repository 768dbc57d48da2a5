/**
 * What a function takes and returns, read from its type annotations (no type checker): the shape
 * a test asserts on, and sample inputs written from parameter types and names. Types the syntax
 * does not show (SDK types, generics, `z.infer`) are `unknown`: the test gets a marked placeholder.
 */
import path from "node:path";
import ts from "typescript";
import { returnedExpressions } from "../../../flow/resolveClient";
import { resolveName } from "../../../callSites/scope";
import type { Workspace } from "../../../project";
import type { EvalRunners } from "./data";

export type Shape = (
  | { t: "string" }
  | { t: "number" }
  | { t: "boolean" }
  /** A union of literals (`"bug" | "feature"`): their source texts. */
  | { t: "literals"; values: string[]; of: "string" | "number" | "boolean" }
  | { t: "array"; of: Shape }
  /** An object type; `props` lists what the type declares (none for an index signature or `Record`). */
  | { t: "object"; props: { name: string; optional: boolean; shape: Shape }[] }
  | { t: "void" }
  | { t: "unknown" }
) & { nullable?: boolean };

const UNKNOWN: Shape = { t: "unknown" };
const MAX_DEPTH = 4;

/** Resolves type names to their declarations: in the same file, or imported from a workspace file. */
export class Shapes {
  constructor(private readonly ws: Workspace) {}

  ofType(node: ts.TypeNode | undefined, depth = 0): Shape {
    if (!node || depth > MAX_DEPTH) return UNKNOWN;
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { t: "string" };
      case ts.SyntaxKind.NumberKeyword:
        return { t: "number" };
      case ts.SyntaxKind.BooleanKeyword:
        return { t: "boolean" };
      case ts.SyntaxKind.VoidKeyword:
      case ts.SyntaxKind.UndefinedKeyword:
        return { t: "void" };
    }
    if (ts.isParenthesizedTypeNode(node)) return this.ofType(node.type, depth);
    if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) return this.ofType(node.type, depth);
    if (ts.isLiteralTypeNode(node)) return literal(node) ?? UNKNOWN;
    if (ts.isArrayTypeNode(node)) return { t: "array", of: this.ofType(node.elementType, depth + 1) };
    if (ts.isTupleTypeNode(node)) return { t: "array", of: UNKNOWN };
    if (ts.isTypeLiteralNode(node)) return this.ofMembers(node.members, depth);
    if (ts.isUnionTypeNode(node)) return this.ofUnion(node.types, depth);
    if (ts.isTypeReferenceNode(node)) return this.ofReference(node, depth);
    return UNKNOWN;
  }

  private ofMembers(members: readonly ts.TypeElement[], depth: number): Shape {
    const props: { name: string; optional: boolean; shape: Shape }[] = [];
    for (const m of members) {
      if (!ts.isPropertySignature(m) || !m.name || !(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) continue;
      props.push({ name: m.name.text, optional: !!m.questionToken, shape: this.ofType(m.type, depth + 1) });
    }
    return { t: "object", props };
  }

  private ofUnion(types: readonly ts.TypeNode[], depth: number): Shape {
    const parts = types.map((x) => this.ofType(x, depth));
    const kept = parts.filter((p) => p.t !== "void" && !isNullLiteral(types[parts.indexOf(p)]!));
    const nullable = kept.length < parts.length;
    if (!kept.length) return { t: "void" };
    if (kept.every((p) => p.t === "literals") && kept.every((p) => p.t === "literals" && p.of === (kept[0] as { of: string }).of)) {
      const values = kept.flatMap((p) => (p.t === "literals" ? p.values : []));
      return { t: "literals", values, of: (kept[0] as { of: "string" }).of, nullable };
    }
    // `boolean` is `true | false`; `string | "x"` is a string.
    const kinds = new Set(kept.map((p) => (p.t === "literals" ? p.of : p.t)));
    if (kinds.size === 1) {
      const only = [...kinds][0]!;
      if (only === "string" || only === "number" || only === "boolean") return { t: only, nullable };
      if (kept.length === 1) return { ...kept[0]!, nullable };
    }
    return { t: "unknown", nullable };
  }

  private ofReference(node: ts.TypeReferenceNode, depth: number): Shape {
    const name = ts.isIdentifier(node.typeName) ? node.typeName.text : undefined;
    const args = node.typeArguments ?? [];
    if (!name) return UNKNOWN;
    if ((name === "Promise" || name === "PromiseLike" || name === "Awaited") && args[0]) return this.ofType(args[0], depth);
    if ((name === "Array" || name === "ReadonlyArray") && args[0]) return { t: "array", of: this.ofType(args[0], depth + 1) };
    if (name === "Record") return { t: "object", props: [] };
    const decl = this.declaration(name, node);
    if (!decl) return UNKNOWN;
    if (decl.typeParameters?.length) return UNKNOWN;
    if (ts.isInterfaceDeclaration(decl)) return decl.heritageClauses?.length ? UNKNOWN : this.ofMembers(decl.members, depth + 1);
    return this.ofType(decl.type, depth + 1);
  }

  /** The interface or type alias a name refers to at `at`: declared in the file, or imported from a workspace file. */
  private declaration(name: string, at: ts.Node): ts.InterfaceDeclaration | ts.TypeAliasDeclaration | undefined {
    const b = resolveName(name, at);
    if (b?.kind === "interface") return b.node;
    if (b?.kind === "other" && ts.isTypeAliasDeclaration(b.node)) return b.node;
    if (b?.kind !== "import" || b.name === "*" || b.name === "default") return undefined;
    const target = this.ws.resolvePath(at.getSourceFile().fileName, b.spec);
    if (!target || "pkg" in target) return undefined;
    const sf = this.ws.fileByPath(target.abs)?.sf;
    if (!sf) return undefined;
    for (const s of sf.statements) {
      if ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === b.name && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return s;
    }
    return undefined;
  }

  /** What a function returns: its annotation (Promise unwrapped), else what its return statements show. */
  returnOf(fn: ts.FunctionLikeDeclaration): Shape {
    if (fn.type) return this.ofType(fn.type);
    const exprs = returnedExpressions(fn);
    if (!exprs.length) return { t: "void" };
    const shapes = exprs.map((e) => this.ofExpression(e));
    const first = shapes[0]!;
    return shapes.every((s) => sameShape(s, first)) ? first : UNKNOWN;
  }

  /** The shape a returned expression shows in its syntax: literals, `x ?? ""`, `.trim()`, `{ a, b }`, `as Type`. */
  ofExpression(e: ts.Expression, depth = 0): Shape {
    while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    if (depth > MAX_DEPTH) return UNKNOWN;
    if (ts.isAsExpression(e)) return ts.isConstTypeReference(e.type) ? this.ofExpression(e.expression, depth + 1) : this.ofType(e.type);
    if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e)) return { t: "string" };
    if (ts.isNumericLiteral(e)) return { t: "number" };
    if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) return { t: "boolean" };
    if (ts.isArrayLiteralExpression(e)) return { t: "array", of: UNKNOWN };
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      // `content ?? ""`: the default's type is the result's; `a?.trim() ?? text`: both sides agree.
      const r = this.ofExpression(e.right, depth + 1);
      if (ts.isStringLiteralLike(e.right) || ts.isNumericLiteral(e.right)) return r;
      const l = this.ofExpression(e.left, depth + 1);
      return (r.t === "string" || r.t === "number" || r.t === "boolean") && l.t === r.t ? { t: r.t } : UNKNOWN;
    }
    if (ts.isIdentifier(e)) {
      const b = resolveName(e.text, e);
      if (b?.kind === "param" && b.path.length === 0 && b.decl.type) return this.ofType(b.decl.type, depth + 1);
      if (b?.kind === "var" && b.path.length === 0 && b.decl.type) return this.ofType(b.decl.type, depth + 1);
      if (b?.kind === "var" && b.path.length === 0 && b.decl.initializer && depth < MAX_DEPTH) return this.ofExpression(b.decl.initializer, depth + 1);
      return UNKNOWN;
    }
    if (ts.isCallExpression(e)) {
      const c = e.expression;
      if (ts.isIdentifier(c) && c.text === "String") return { t: "string" };
      if (ts.isPropertyAccessExpression(c) && ["trim", "trimStart", "trimEnd", "join", "toLowerCase", "toUpperCase"].includes(c.name.text)) return { t: "string" };
      if (ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === "JSON" && c.name.text === "stringify") return { t: "string" };
      return UNKNOWN;
    }
    if (ts.isObjectLiteralExpression(e)) {
      const props: { name: string; optional: boolean; shape: Shape }[] = [];
      for (const p of e.properties) {
        if (ts.isSpreadAssignment(p)) return { t: "object", props: [] };
        if (!p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
        const shape = ts.isPropertyAssignment(p) ? this.ofExpression(p.initializer, depth + 1) : ts.isShorthandPropertyAssignment(p) ? this.ofExpression(p.name, depth + 1) : UNKNOWN;
        props.push({ name: p.name.text, optional: false, shape: ts.isMethodDeclaration(p) ? UNKNOWN : shape });
      }
      return { t: "object", props };
    }
    return UNKNOWN;
  }
}

function literal(node: ts.LiteralTypeNode): Shape | undefined {
  const l = node.literal;
  if (ts.isStringLiteral(l)) return { t: "literals", values: [JSON.stringify(l.text)], of: "string" };
  if (ts.isNumericLiteral(l)) return { t: "literals", values: [l.text], of: "number" };
  if (l.kind === ts.SyntaxKind.TrueKeyword || l.kind === ts.SyntaxKind.FalseKeyword) return { t: "boolean" };
  if (l.kind === ts.SyntaxKind.NullKeyword) return { t: "void" };
  return undefined;
}

function isNullLiteral(n: ts.TypeNode): boolean {
  return (ts.isLiteralTypeNode(n) && n.literal.kind === ts.SyntaxKind.NullKeyword) || n.kind === ts.SyntaxKind.UndefinedKeyword || n.kind === ts.SyntaxKind.VoidKeyword;
}

function sameShape(a: Shape, b: Shape): boolean {
  if (a.t !== b.t) return false;
  if (a.t === "object" && b.t === "object") return a.props.map((p) => p.name).join() === b.props.map((p) => p.name).join();
  return a.t !== "unknown";
}

/** Words of an identifier, last (the head noun) first: `customerMessage` → message, customer. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .reverse();
}

/** The sample of the first entry naming one of the name's words (head noun first; plurals count), if any. */
export function namedSample<T>(table: readonly { words: string[]; value: T }[], name: string): T | undefined {
  for (const w of wordsOf(name)) {
    const singular = w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w;
    const hit = table.find((e) => e.words.includes(w) || e.words.includes(singular));
    if (hit) return hit.value;
  }
  return undefined;
}

/** Writes a value in source: a string literal in the file's quotes, a number, an object literal. */
export interface SampleWriter {
  string(s: string): string;
  /** Indentation of one level (object literals over several lines). */
  indent: string;
}

/**
 * Source text of a realistic value of a shape for a parameter named `name`, or undefined when the
 * shape is not known well enough to write one (the test gets a placeholder). `level` is the
 * indentation level of the line the value starts on (an object literal over several lines).
 */
export function sampleOf(shape: Shape, name: string, data: EvalRunners["samples"], w: SampleWriter, level = 0): string | undefined {
  switch (shape.t) {
    case "string":
      return w.string(namedSample(data.strings, name) ?? data.defaultString);
    case "number":
      return String(namedSample(data.numbers, name) ?? data.defaultNumber);
    case "boolean":
      return "false";
    case "literals":
      return shape.of === "string" ? w.string(JSON.parse(shape.values[0]!) as string) : shape.values[0];
    case "array": {
      // One item; an item over several lines goes on lines of its own, one level in.
      const item = sampleOf(shape.of, name, data, w, level + 1);
      if (item === undefined) return undefined;
      return item.includes("\n") ? `[\n${w.indent.repeat(level + 1)}${item},\n${w.indent.repeat(level)}]` : `[${item}]`;
    }
    case "object": {
      const parts: string[] = [];
      for (const p of shape.props) {
        if (p.optional) continue;
        const v = sampleOf(p.shape, p.name, data, w, level + 1);
        if (v === undefined) return undefined;
        parts.push(`${/^[A-Za-z_$][\w$]*$/.test(p.name) ? p.name : w.string(p.name)}: ${v}`);
      }
      if (!parts.length) return "{}";
      const one = `{ ${parts.join(", ")} }`;
      if (one.length <= 60 && !one.includes("\n")) return one;
      const inner = w.indent.repeat(level + 1);
      return `{\n${parts.map((p) => `${inner}${p},`).join("\n")}\n${w.indent.repeat(level)}}`;
    }
    default:
      return undefined;
  }
}

/** A file's name without folders and extension, for default-export names and test file names. */
export function fileBase(rel: string): string {
  return path.posix.basename(rel).replace(/\.[^.]+$/, "");
}
