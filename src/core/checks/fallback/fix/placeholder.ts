/**
 * The degraded answer a fallback fix returns: a value of the enclosing function's result type,
 * written from its declared return type (or, when it has none, from what its returns obviously are).
 * Without a type checker only what the syntax says is known: a type the fix cannot build a value of
 * (an imported interface, a generic) gives no placeholder, and no fix.
 */
import ts from "typescript";

/** What the enclosing function answers with. */
export type ResultShape =
  /** Returns nothing (void, a handler, a generator): the catch logs and goes on. */
  | { kind: "void" }
  /** Returns a value: the placeholder's value text, and the type to annotate it with (absent: inferred). */
  | { kind: "value"; value: string; type?: string };

/** The result shape of `fn`, or undefined when no placeholder value can be written for it. */
export function resultShape(fn: ts.FunctionLikeDeclaration): ResultShape | undefined {
  const sf = fn.getSourceFile();
  const async = !!ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  if (fn.asteriskToken) return { kind: "void" };
  if (fn.type) {
    let t: ts.TypeNode = fn.type;
    if (async) {
      const inner = promiseArgument(t);
      if (!inner) return undefined;
      t = inner;
    }
    if (isVoid(t)) return { kind: "void" };
    if (usesTypeParameters(t, fn)) return undefined;
    const value = valueOf(t, sf, 0);
    return value === undefined ? undefined : { kind: "value", value, type: t.getText(sf) };
  }
  return inferred(fn);
}

/** `Promise<T>` → T. */
function promiseArgument(t: ts.TypeNode): ts.TypeNode | undefined {
  if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && /^(Promise|PromiseLike)$/.test(t.typeName.text)) return t.typeArguments?.[0];
  return undefined;
}

function isVoid(t: ts.TypeNode): boolean {
  return t.kind === ts.SyntaxKind.VoidKeyword || t.kind === ts.SyntaxKind.UndefinedKeyword;
}

/** Whether the type names a type parameter of the function or of an enclosing class (not writable at module level). */
function usesTypeParameters(t: ts.TypeNode, fn: ts.Node): boolean {
  const params = new Set<string>();
  for (let n: ts.Node | undefined = fn; n; n = n.parent) {
    const tps = (n as { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }).typeParameters;
    if ((ts.isFunctionLike(n) || ts.isClassLike(n)) && tps) for (const p of tps) params.add(p.name.text);
  }
  if (!params.size) return false;
  let hit = false;
  const visit = (n: ts.Node) => {
    if (hit) return;
    if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName) && params.has(n.typeName.text)) hit = true;
    else n.forEachChild(visit);
  };
  visit(t);
  return hit;
}

const NEUTRAL = /^(unknown|neutral|other|none|default|unsure|n\/a)$/i;

/** A value of the type, as code; undefined when the syntax does not say enough to build one. */
export function valueOf(t: ts.TypeNode, sf: ts.SourceFile, depth: number): string | undefined {
  if (depth > 4) return undefined;
  switch (t.kind) {
    case ts.SyntaxKind.StringKeyword:
      return '""';
    case ts.SyntaxKind.NumberKeyword:
      return "0";
    case ts.SyntaxKind.BigIntKeyword:
      return "0n";
    case ts.SyntaxKind.BooleanKeyword:
      return "false";
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return "null";
    case ts.SyntaxKind.UndefinedKeyword:
      return "undefined";
    case ts.SyntaxKind.ObjectKeyword:
      return "{}";
  }
  if (ts.isParenthesizedTypeNode(t)) return valueOf(t.type, sf, depth);
  if (ts.isLiteralTypeNode(t)) return t.literal.getText(sf);
  if (ts.isUnionTypeNode(t)) {
    // `T | null` and `T | undefined`: the caller already handles the empty case.
    const empty = t.types.find((m) => (ts.isLiteralTypeNode(m) && m.literal.kind === ts.SyntaxKind.NullKeyword) || m.kind === ts.SyntaxKind.UndefinedKeyword);
    if (empty) return ts.isLiteralTypeNode(empty) ? "null" : "undefined";
    // Of the labels of a union, the one that commits to nothing (`"neutral"`, `"unknown"`), else the first.
    const neutral = t.types.find((m) => ts.isLiteralTypeNode(m) && ts.isStringLiteral(m.literal) && NEUTRAL.test(m.literal.text));
    if (neutral) return (neutral as ts.LiteralTypeNode).literal.getText(sf);
    for (const m of t.types) {
      const v = valueOf(m, sf, depth + 1);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  if (ts.isArrayTypeNode(t)) return "[]";
  if (ts.isTypeOperatorNode(t) && t.operator === ts.SyntaxKind.ReadonlyKeyword) return valueOf(t.type, sf, depth);
  if (ts.isTupleTypeNode(t)) {
    const items: string[] = [];
    for (const el of t.elements) {
      if (ts.isOptionalTypeNode(el) || ts.isRestTypeNode(el) || (ts.isNamedTupleMember(el) && (el.questionToken || el.dotDotDotToken))) break;
      const v = valueOf(ts.isNamedTupleMember(el) ? el.type : el, sf, depth + 1);
      if (v === undefined) return undefined;
      items.push(v);
    }
    return `[${items.join(", ")}]`;
  }
  if (ts.isTypeLiteralNode(t)) return objectOf(t.members, sf, depth);
  if (ts.isTypeReferenceNode(t)) return referenceValue(t, sf, depth);
  return undefined;
}

function referenceValue(t: ts.TypeReferenceNode, sf: ts.SourceFile, depth: number): string | undefined {
  const name = t.typeName.getText(sf);
  const args = t.typeArguments ?? [];
  if (/^(Array|ReadonlyArray)$/.test(name)) return "[]";
  if (/^(Map|ReadonlyMap)$/.test(name)) return "new Map()";
  if (/^(Set|ReadonlySet)$/.test(name)) return "new Set()";
  if (name === "Partial") return "{}";
  if (name === "Record") return args[0]?.kind === ts.SyntaxKind.StringKeyword ? "{}" : undefined;
  if (args.length || !ts.isIdentifier(t.typeName)) return undefined;
  // An interface or type alias of this file; imported types are out of sight.
  for (const s of sf.statements) {
    if (ts.isInterfaceDeclaration(s) && s.name.text === name && !s.typeParameters && !s.heritageClauses) return objectOf(s.members, sf, depth);
    if (ts.isTypeAliasDeclaration(s) && s.name.text === name && !s.typeParameters) return valueOf(s.type, sf, depth + 1);
  }
  return undefined;
}

/** `{ a: "", b: 0 }` for the required properties of an object type; undefined when one has no writable value. */
function objectOf(members: ts.NodeArray<ts.TypeElement>, sf: ts.SourceFile, depth: number): string | undefined {
  const props: string[] = [];
  for (const m of members) {
    if (ts.isIndexSignatureDeclaration(m)) continue;
    if (!ts.isPropertySignature(m) || !m.type) return undefined;
    if (m.questionToken) continue;
    const v = valueOf(m.type, sf, depth + 1);
    if (v === undefined) return undefined;
    props.push(`${m.name.getText(sf)}: ${v}`);
  }
  return props.length ? `{ ${props.join(", ")} }` : "{}";
}

type Kind = "string" | "number" | "boolean" | "null" | "undefined" | "array";

const VALUE_OF: Record<Kind, { value: string; type?: string }> = {
  string: { value: '""', type: "string" },
  number: { value: "0", type: "number" },
  boolean: { value: "false", type: "boolean" },
  null: { value: "null" },
  undefined: { value: "undefined" },
  array: { value: "[]" },
};

/**
 * An unannotated function's result, from its returns: the empty case when one already returns null or
 * undefined (the inferred type keeps its shape), else a primitive the returns obviously produce.
 */
function inferred(fn: ts.FunctionLikeDeclaration): ResultShape | undefined {
  const body = fn.body;
  if (!body) return undefined;
  const values: ts.Expression[] = [];
  if (!ts.isBlock(body)) values.push(body as ts.Expression);
  else {
    const visit = (n: ts.Node) => {
      if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
      if (ts.isReturnStatement(n) && n.expression) values.push(n.expression);
      n.forEachChild(visit);
    };
    body.forEachChild(visit);
  }
  if (!values.length) return { kind: "void" };
  const kinds = values.map(kindOf);
  for (const k of ["null", "undefined", "string", "number", "boolean", "array"] as const) {
    if (kinds.includes(k)) return { kind: "value", ...VALUE_OF[k] };
  }
  return undefined;
}

/** What an expression obviously evaluates to, from its syntax alone. */
function kindOf(e: ts.Expression): Kind | undefined {
  const x = strip(e);
  if (ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x) || ts.isTemplateExpression(x)) return "string";
  if (ts.isNumericLiteral(x)) return "number";
  if (x.kind === ts.SyntaxKind.TrueKeyword || x.kind === ts.SyntaxKind.FalseKeyword) return "boolean";
  if (x.kind === ts.SyntaxKind.NullKeyword) return "null";
  if (ts.isIdentifier(x) && x.text === "undefined") return "undefined";
  if (ts.isArrayLiteralExpression(x)) return "array";
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) return "boolean";
  // `a?.b.c` can be undefined: the inferred type already has the empty case.
  if (isOptionalChain(x)) return "undefined";
  if (ts.isBinaryExpression(x)) {
    const op = x.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return kindOf(x.right);
    if (op === ts.SyntaxKind.PlusToken) return kindOf(x.left) === "string" || kindOf(x.right) === "string" ? "string" : undefined;
    if ([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.GreaterThanToken].includes(op)) return "boolean";
    return undefined;
  }
  if (ts.isConditionalExpression(x)) return kindOf(x.whenTrue) ?? kindOf(x.whenFalse);
  if (ts.isCallExpression(x)) {
    const callee = x.expression;
    if (ts.isIdentifier(callee)) return callee.text === "String" ? "string" : callee.text === "Number" || /^parse(Int|Float)$/.test(callee.text) ? "number" : callee.text === "Boolean" ? "boolean" : undefined;
    if (ts.isPropertyAccessExpression(callee)) {
      const m = callee.name.text;
      if (/^(join|trim|trimStart|trimEnd|toString|toLowerCase|toUpperCase|toFixed|padStart|padEnd|replace|replaceAll|substring)$/.test(m)) return "string";
      if (m === "stringify" && callee.expression.getText() === "JSON") return "string";
      if (/^(map|filter|flatMap|concat)$/.test(m)) return "array";
    }
  }
  return undefined;
}

function strip(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAwaitExpression(x) || ts.isNonNullExpression(x) || ts.isAsExpression(x) || ts.isSatisfiesExpression(x)) x = x.expression;
  return x;
}

function isOptionalChain(x: ts.Expression): boolean {
  for (let n: ts.Expression = x; ; ) {
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n)) && n.questionDotToken) return true;
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n) || ts.isNonNullExpression(n)) {
      if (ts.isNonNullExpression(n)) return false;
      n = n.expression;
    } else return false;
  }
}
