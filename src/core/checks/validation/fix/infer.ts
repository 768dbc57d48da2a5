/**
 * What shape the code expects of a parsed answer: declared types where the value meets one (a cast,
 * an annotated variable, parameter or return type, an interface of the file), and otherwise how it
 * is used (`data.title.trim()`, `data.tags.map(...)`, `data.count > 2`, destructuring). No type
 * checker: a syntactic reading, bounded in depth, that says where it could not tell.
 */
import ts from "typescript";
import { resolveName } from "../../../callSites/scope";
import type { Evaluator } from "../../../callSites/values";
import { ANY, merge, UNKNOWN, type Shape } from "./shape";

const MAX_DEPTH = 10;

/** Array methods whose callback's first parameter is an element. */
const ELEMENT_CALLBACKS = new Set(["map", "filter", "forEach", "some", "every", "find", "findIndex", "findLast", "findLastIndex", "flatMap"]);
/** Array methods that say nothing about the elements. */
const ARRAY_ONLY = new Set(["join", "sort", "reverse", "toSorted", "toReversed", "flat", "entries", "keys", "values", "push", "pop", "shift", "unshift", "splice", "fill", "lastIndexOf"]);
/** Methods whose result has the receiver's type (`tags.slice(0, 5) as string[]` types `tags`). */
const SAME_TYPE = new Set(["slice", "concat", "filter", "sort", "reverse", "toSorted", "toReversed"]);
/** Methods string and array share: the receiver is one of them. */
const STRING_OR_ARRAY = new Set(["slice", "concat", "includes", "indexOf", "at", "length"]);
const STRING_ONLY = new Set([
  "toUpperCase", "toLowerCase", "toLocaleUpperCase", "toLocaleLowerCase", "trim", "trimStart", "trimEnd", "split", "startsWith", "endsWith",
  "replace", "replaceAll", "match", "matchAll", "search", "padStart", "padEnd", "charAt", "charCodeAt", "codePointAt", "localeCompare", "normalize",
  "substring", "substr", "repeat",
]);
const NUMBER_ONLY = new Set(["toFixed", "toPrecision", "toExponential"]);
/** Calls that take anything: a value handed to them needs no type. */
const TAKES_ANYTHING = /^(String|Boolean|Number|JSON\.stringify|Array\.isArray|console\.\w+|logger\.\w+|log\.\w+|assert\.\w+|structuredClone)$/;
const TAKES_NUMBER = /^(Math\.\w+|Number\.is\w+|isNaN|isFinite)$/;
const TAKES_STRING = /^(parseInt|parseFloat|encodeURIComponent|decodeURIComponent|encodeURI|decodeURI|Date\.parse|atob|btoa)$/;
const NUMERIC_OPERATORS = new Set([
  ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken, ts.SyntaxKind.AsteriskAsteriskToken,
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.AsteriskEqualsToken, ts.SyntaxKind.SlashEqualsToken, ts.SyntaxKind.PercentEqualsToken,
  ts.SyntaxKind.AmpersandToken, ts.SyntaxKind.BarToken, ts.SyntaxKind.CaretToken, ts.SyntaxKind.LessThanLessThanToken, ts.SyntaxKind.GreaterThanGreaterThanToken,
]);
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

export interface InferOptions {
  /** Resolves callees to workspace functions (for their parameter types). */
  ev?: Evaluator;
  /** Where a function's result is used by its callers (the calls of a workspace wrapper). */
  callersOf?: (fn: ts.FunctionLikeDeclaration) => readonly ts.Expression[];
  /** The interface or type alias a workspace module exports under `name` (`import type { Invoice } from "./types"`). */
  importedType?: (spec: string, name: string, from: ts.SourceFile) => ts.InterfaceDeclaration | ts.TypeAliasDeclaration | undefined;
}

/** Uses looked at per inference: a bound on code that passes a value around a great deal. */
const BUDGET = 3000;

export class ShapeInference {
  private readonly active = new Set<ts.Node>();
  private budget = BUDGET;

  constructor(private readonly opts: InferOptions = {}) {}

  /** The shape the code around `e` expects of its value. */
  ofValue(e: ts.Expression, depth = 0): Shape {
    if (depth > MAX_DEPTH || this.active.has(e) || this.budget-- <= 0) return ANY;
    this.active.add(e);
    try {
      return this.context(e, depth);
    } finally {
      this.active.delete(e);
    }
  }

  private context(e: ts.Expression, depth: number): Shape {
    let x: ts.Expression = e;
    while (x.parent && (ts.isParenthesizedExpression(x.parent) || ts.isNonNullExpression(x.parent) || ts.isAwaitExpression(x.parent))) x = x.parent;
    const p = x.parent;
    if (!p) return UNKNOWN;
    const d = depth + 1;

    if ((ts.isAsExpression(p) || ts.isTypeAssertionExpression(p) || ts.isSatisfiesExpression(p)) && p.expression === x) {
      // `as unknown as T` says nothing until `T`; a type this reading cannot follow (a generic, a package's) leaves the uses to tell.
      if (p.type.kind === ts.SyntaxKind.UnknownKeyword || p.type.kind === ts.SyntaxKind.AnyKeyword) return this.ofValue(p, d);
      return this.ofType(p.type, d) ?? this.ofValue(p, d);
    }
    if (ts.isPropertyAccessExpression(p) && p.expression === x) return this.member(p, p.name.text, d);
    if (ts.isElementAccessExpression(p) && p.expression === x) {
      const arg = p.argumentExpression;
      if (ts.isStringLiteralLike(arg)) return { k: "object", props: new Map([[arg.text, this.ofValue(p, d)]]), open: false };
      return { k: "array", of: this.ofValue(p, d) };
    }
    if (ts.isVariableDeclaration(p) && p.initializer === x) return p.type ? (this.ofType(p.type, d) ?? ANY) : this.ofBinding(p.name, d);
    if (ts.isBinaryExpression(p)) return this.binary(p, x, d);
    if (ts.isPrefixUnaryExpression(p)) return p.operator === ts.SyntaxKind.ExclamationToken ? UNKNOWN : { k: "number" };
    if (ts.isPostfixUnaryExpression(p)) return { k: "number" };
    if (ts.isConditionalExpression(p)) return p.condition === x ? UNKNOWN : this.ofValue(p, d);
    if (ts.isTemplateSpan(p) || ts.isTypeOfExpression(p) || ts.isExpressionStatement(p) || ts.isVoidExpression(p) || ts.isDeleteExpression(p)) return UNKNOWN;
    if ((ts.isIfStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) && p.expression === x) return UNKNOWN;
    if (ts.isForStatement(p) && p.condition === x) return UNKNOWN;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(x)) return this.argument(p, p.arguments.indexOf(x), d);
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === x)) return this.returned(p, d);
    if (ts.isPropertyAssignment(p) && p.initializer === x) return this.inLiteral(p.parent, p.name, d);
    if (ts.isShorthandPropertyAssignment(p) && p.name === x) return this.inLiteral(p.parent, p.name, d);
    if (ts.isArrayLiteralExpression(p)) {
      const outer = this.ofValue(p, d);
      return outer.k === "array" ? outer.of : ANY;
    }
    if (ts.isSpreadAssignment(p)) return { k: "object", props: new Map(), open: true };
    if (ts.isSpreadElement(p)) return { k: "array", of: UNKNOWN };
    if (ts.isForOfStatement(p) && p.expression === x) {
      const decl = ts.isVariableDeclarationList(p.initializer) ? p.initializer.declarations[0] : undefined;
      return { k: "array", of: decl ? this.ofBinding(decl.name, d) : ANY };
    }
    if (ts.isForInStatement(p) && p.expression === x) return { k: "object", props: new Map(), open: true };
    return ANY;
  }

  /** `x.name` or `x.name(...)`. */
  private member(access: ts.PropertyAccessExpression, name: string, d: number): Shape {
    const call = access.parent && ts.isCallExpression(access.parent) && access.parent.expression === access ? access.parent : undefined;
    if (!call) {
      if (name === "length") return this.stringOrArray(access, d);
      return { k: "object", props: new Map([[name, this.ofValue(access, d)]]), open: false };
    }
    if (ELEMENT_CALLBACKS.has(name) || name === "reduce" || name === "reduceRight") {
      const cb = call.arguments[0];
      const param = cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) ? cb.parameters[name.startsWith("reduce") ? 1 : 0] : undefined;
      let arr: Shape = { k: "array", of: param ? this.ofParameter(param, d) : UNKNOWN };
      if (SAME_TYPE.has(name)) arr = merge(arr, this.ofValue(call, d));
      return arr;
    }
    if (SAME_TYPE.has(name) || STRING_OR_ARRAY.has(name)) {
      const result = SAME_TYPE.has(name) ? this.ofValue(call, d) : UNKNOWN;
      if (result.k === "array" || result.k === "string") return result;
      return this.stringOrArray(access, d);
    }
    if (ARRAY_ONLY.has(name)) return { k: "array", of: UNKNOWN };
    if (STRING_ONLY.has(name)) return { k: "string" };
    if (NUMBER_ONLY.has(name)) return { k: "number" };
    return ANY;
  }

  /** `.length`, `.includes(...)` on a value: a plural name reads as a list, anything else as text. */
  private stringOrArray(access: ts.PropertyAccessExpression, _d: number): Shape {
    const owner = nameOf(access.expression);
    return owner && /[^s]s$|List$|Items$|ids$|Ids$/.test(owner) ? { k: "array", of: UNKNOWN } : { k: "string" };
  }

  private binary(p: ts.BinaryExpression, x: ts.Expression, d: number): Shape {
    const op = p.operatorToken.kind;
    const other = p.left === x ? p.right : p.left;
    if (op === ts.SyntaxKind.EqualsToken) {
      // Assigned to, not read.
      if (p.left === x) return UNKNOWN;
      if (ts.isIdentifier(p.left)) {
        // `let data; ... data = JSON.parse(text)`: the variable's type, or what its reads expect.
        const b = resolveName(p.left.text, p.left);
        if (b?.kind === "var" && !b.path.length && ts.isIdentifier(b.decl.name)) return b.decl.type ? (this.ofType(b.decl.type, d) ?? ANY) : this.ofBinding(b.decl.name, d);
      }
      return ANY;
    }
    if (NUMERIC_OPERATORS.has(op)) return { k: "number" };
    if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.PlusEqualsToken) {
      // `+` adds numbers or joins text: the other operand says which.
      const kind = primitiveOf(other);
      return kind ? { k: kind } : ANY;
    }
    if (EQUALITY.has(op)) {
      const lit = literalShape(other);
      if (!lit || lit.k === "null") return UNKNOWN;
      return lit.k === "literal" ? { k: typeof lit.value as "string" | "number" | "boolean" } : lit;
    }
    if ((op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) && p.left === x) {
      // `x ?? "n/a"`: the code handles a missing value, and what is there is what the default is.
      const lit = literalShape(p.right);
      const rest = this.ofValue(p, d);
      const base: Shape = lit ? (lit.k === "literal" ? { k: typeof lit.value as "string" | "number" | "boolean" } : lit) : UNKNOWN;
      return { ...merge(base, rest), optional: true };
    }
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      return p.right === x ? this.ofValue(p, d) : UNKNOWN;
    }
    if (op === ts.SyntaxKind.InKeyword) return p.right === x ? { k: "object", props: new Map(), open: true } : { k: "string" };
    if (op === ts.SyntaxKind.InstanceOfKeyword || op === ts.SyntaxKind.CommaToken) return UNKNOWN;
    return ANY;
  }

  /** `f(x)`: the parameter's declared type, what a workspace function does with it, or what a known global takes. */
  private argument(call: ts.CallExpression | ts.NewExpression, index: number, d: number): Shape {
    const callee = call.expression.getText().replace(/\s+/g, "");
    if (ts.isNewExpression(call)) return callee === "Date" ? { k: "string" } : ANY;
    if (TAKES_ANYTHING.test(callee)) return UNKNOWN;
    if (TAKES_NUMBER.test(callee)) return { k: "number" };
    if (TAKES_STRING.test(callee)) return { k: "string" };
    if (/^Object\.(keys|values|entries)$/.test(callee)) return { k: "object", props: new Map(), open: true };
    const fn = this.functionOf(call.expression);
    const param = fn?.parameters[index];
    if (!param || param.dotDotDotToken) return ANY;
    return this.ofParameter(param, d);
  }

  private functionOf(callee: ts.Expression): ts.FunctionLikeDeclaration | undefined {
    if (ts.isIdentifier(callee)) {
      const b = resolveName(callee.text, callee);
      if (b?.kind === "function") return b.node;
      if (b?.kind === "var" && b.decl.initializer && (ts.isArrowFunction(b.decl.initializer) || ts.isFunctionExpression(b.decl.initializer))) return b.decl.initializer;
    }
    const v = this.opts.ev?.eval(callee);
    return v?.t === "fn" ? v.node : undefined;
  }

  private ofParameter(param: ts.ParameterDeclaration, d: number): Shape {
    if (param.type) return this.ofType(param.type, d) ?? ANY;
    return this.ofBinding(param.name, d);
  }

  /** `return x`: the function's declared result, or what its callers do with it. */
  private returned(p: ts.ReturnStatement | ts.ArrowFunction, d: number): Shape {
    const fn = ts.isArrowFunction(p) ? p : enclosingFunction(p);
    if (!fn) return ANY;
    // What a callback returns: `.map` makes it an element of the result, a predicate only tests it.
    const host = callbackHost(fn);
    if (host && !fn.type) {
      const method = ts.isPropertyAccessExpression(host.expression) ? host.expression.name.text : "";
      if (method === "map" || method === "flatMap") {
        const result = this.ofValue(host, d);
        return result.k === "array" ? result.of : result.k === "unknown" ? UNKNOWN : ANY;
      }
      if (ELEMENT_CALLBACKS.has(method) || method === "sort" || method === "toSorted") return UNKNOWN;
    }
    if (fn.type) {
      const declared = isAsync(fn) ? unwrapPromise(fn.type) : fn.type;
      return (declared && this.ofType(declared, d)) ?? ANY;
    }
    const callers = this.opts.callersOf?.(fn) ?? [];
    if (!callers.length) return ANY;
    return callers.map((c) => this.ofValue(c, d)).reduce(merge);
  }

  /** A property of an object literal: the literal's own expected shape at that key. */
  private inLiteral(obj: ts.ObjectLiteralExpression, name: ts.PropertyName, d: number): Shape {
    const key = ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) ? name.text : undefined;
    if (key === undefined) return ANY;
    const outer = this.ofValue(obj, d);
    if (outer.k === "object") return outer.props.get(key) ?? (outer.open ? UNKNOWN : ANY);
    if (outer.k === "record") return outer.of;
    return outer.k === "unknown" ? UNKNOWN : ANY;
  }

  /** A name (or destructuring pattern) bound to the value: what its uses expect. */
  ofBinding(name: ts.BindingName, d: number): Shape {
    if (d > MAX_DEPTH) return ANY;
    if (ts.isIdentifier(name)) {
      const refs = references(name);
      if (!refs.length) return UNKNOWN;
      return refs.map((r) => this.ofValue(r, d + 1)).reduce(merge);
    }
    if (ts.isObjectBindingPattern(name)) {
      const props = new Map<string, Shape>();
      let open = false;
      for (const el of name.elements) {
        if (el.dotDotDotToken) {
          open = true;
          continue;
        }
        const key = el.propertyName ? (ts.isIdentifier(el.propertyName) || ts.isStringLiteralLike(el.propertyName) ? el.propertyName.text : undefined) : ts.isIdentifier(el.name) ? el.name.text : undefined;
        if (key === undefined) return ANY;
        let s = this.ofBinding(el.name, d + 1);
        if (el.initializer) {
          const lit = literalShape(el.initializer);
          s = { ...merge(lit && lit.k === "literal" ? { k: typeof lit.value as "string" | "number" | "boolean" } : (lit ?? UNKNOWN), s), optional: true };
        }
        props.set(key, s);
      }
      return { k: "object", props, open };
    }
    const parts = name.elements.filter(ts.isBindingElement).map((el) => this.ofBinding(el.name, d + 1));
    return { k: "array", of: parts.length ? parts.reduce(merge) : UNKNOWN };
  }

  /** A declared type as a shape (undefined for types this reading cannot follow: imports, generics, mapped types). */
  ofType(t: ts.TypeNode, d: number, seen: ReadonlySet<ts.Node> = new Set()): Shape | undefined {
    if (d > MAX_DEPTH * 2) return undefined;
    const dec = (s: Shape): Shape => ({ ...s, declared: true });
    switch (t.kind) {
      case ts.SyntaxKind.StringKeyword:
        return dec({ k: "string" });
      case ts.SyntaxKind.NumberKeyword:
        return dec({ k: "number" });
      case ts.SyntaxKind.BooleanKeyword:
        return dec({ k: "boolean" });
      case ts.SyntaxKind.AnyKeyword:
        return dec(ANY);
      case ts.SyntaxKind.UnknownKeyword:
        return dec(UNKNOWN);
      case ts.SyntaxKind.NullKeyword:
        return dec({ k: "null" });
    }
    if (ts.isParenthesizedTypeNode(t)) return this.ofType(t.type, d, seen);
    if (ts.isTypeOperatorNode(t) && t.operator === ts.SyntaxKind.ReadonlyKeyword) return this.ofType(t.type, d, seen);
    if (ts.isLiteralTypeNode(t)) {
      const l = t.literal;
      if (l.kind === ts.SyntaxKind.NullKeyword) return dec({ k: "null" });
      if (ts.isStringLiteral(l)) return dec({ k: "literal", value: l.text });
      if (ts.isNumericLiteral(l)) return dec({ k: "literal", value: Number(l.text) });
      if (l.kind === ts.SyntaxKind.TrueKeyword || l.kind === ts.SyntaxKind.FalseKeyword) return dec({ k: "literal", value: l.kind === ts.SyntaxKind.TrueKeyword });
      return undefined;
    }
    if (ts.isArrayTypeNode(t)) {
      const of = this.ofType(t.elementType, d + 1, seen);
      return of && dec({ k: "array", of });
    }
    if (ts.isTupleTypeNode(t)) {
      const of = t.elements.map((e) => (ts.isNamedTupleMember(e) ? undefined : this.ofType(e, d + 1, seen)));
      return of.every((x): x is Shape => !!x) ? dec({ k: "tuple", of }) : undefined;
    }
    if (ts.isUnionTypeNode(t)) return this.union(t, d, seen);
    if (ts.isTypeLiteralNode(t)) return this.members(t.members, d, seen);
    if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName)) return this.reference(t, t.typeName, d, seen);
    return undefined;
  }

  private union(t: ts.UnionTypeNode, d: number, seen: ReadonlySet<ts.Node>): Shape | undefined {
    let optional = false;
    let nullable = false;
    const rest: ts.TypeNode[] = [];
    for (const m of t.types) {
      if (m.kind === ts.SyntaxKind.UndefinedKeyword) optional = true;
      else if (m.kind === ts.SyntaxKind.NullKeyword || (ts.isLiteralTypeNode(m) && m.literal.kind === ts.SyntaxKind.NullKeyword)) nullable = true;
      else rest.push(m);
    }
    const parts = rest.map((m) => this.ofType(m, d + 1, seen));
    if (!parts.length || parts.some((x) => !x)) return undefined;
    const shapes = parts as Shape[];
    const mods = { declared: true, ...(optional ? { optional: true } : {}), ...(nullable ? { nullable: true } : {}) };
    if (shapes.length === 1) return { ...shapes[0]!, ...mods };
    if (shapes.every((s) => s.k === "literal" && typeof s.value === "string")) return { k: "enum", values: shapes.map((s) => String((s as { value: string }).value)), ...mods };
    if (shapes.length === 2 && shapes.every((s) => s.k === "literal" && typeof s.value === "boolean")) return { k: "boolean", ...mods };
    return { k: "union", of: shapes, ...mods };
  }

  private members(members: ts.NodeArray<ts.TypeElement>, d: number, seen: ReadonlySet<ts.Node>): Shape | undefined {
    const props = new Map<string, Shape>();
    for (const m of members) {
      if (ts.isIndexSignatureDeclaration(m)) {
        if (members.length !== 1) return undefined;
        const of = this.ofType(m.type, d + 1, seen);
        return of && { k: "record", of, declared: true };
      }
      if (!ts.isPropertySignature(m) || !m.type || !m.name) return undefined;
      const key = ts.isIdentifier(m.name) || ts.isStringLiteralLike(m.name) || ts.isNumericLiteral(m.name) ? m.name.text : undefined;
      const s = key !== undefined ? this.ofType(m.type, d + 1, seen) : undefined;
      if (key === undefined || !s) return undefined;
      props.set(key, m.questionToken ? { ...s, optional: true } : s);
    }
    return { k: "object", props, open: false, declared: true };
  }

  private reference(t: ts.TypeReferenceNode, name: ts.Identifier, d: number, seen: ReadonlySet<ts.Node>): Shape | undefined {
    const args = t.typeArguments ?? ts.factory.createNodeArray<ts.TypeNode>();
    if ((name.text === "Array" || name.text === "ReadonlyArray") && args.length === 1) {
      const of = this.ofType(args[0]!, d + 1, seen);
      return of && { k: "array", of, declared: true };
    }
    if (name.text === "Record" && args.length === 2 && args[0]!.kind === ts.SyntaxKind.StringKeyword) {
      const of = this.ofType(args[1]!, d + 1, seen);
      return of && { k: "record", of, declared: true };
    }
    if (args.length) return undefined;
    const b = resolveName(name.text, t);
    const imported = b?.kind === "import" ? this.opts.importedType?.(b.spec, b.name, t.getSourceFile()) : undefined;
    const node = b?.kind === "interface" ? b.node : b?.kind === "other" ? b.node : imported;
    if (!node || seen.has(node)) return undefined;
    const next = new Set(seen).add(node);
    if (ts.isInterfaceDeclaration(node)) {
      if (node.typeParameters?.length) return undefined;
      let shape = this.members(node.members, d + 1, next);
      for (const h of node.heritageClauses ?? []) {
        for (const base of h.types) {
          if (!ts.isIdentifier(base.expression) || base.typeArguments?.length) return undefined;
          const inherited = this.reference(ts.factory.createTypeReferenceNode(base.expression.text), base.expression, d + 1, next);
          if (!inherited || !shape) return undefined;
          shape = merge(inherited, shape);
        }
      }
      return shape;
    }
    if (ts.isTypeAliasDeclaration(node) && !node.typeParameters?.length) {
      const schema = inferredFrom(node.type);
      // A schema in another module would need an import of its own: only the file's own is reused.
      if (schema) return imported ? undefined : { k: "ref", name: schema, declared: true };
      return this.ofType(node.type, d + 1, next);
    }
    return undefined;
  }
}

/** `z.infer<typeof Schema>` (or `z.output`, `z.TypeOf`): the schema's name. */
function inferredFrom(t: ts.TypeNode): string | undefined {
  if (!ts.isTypeReferenceNode(t) || !ts.isQualifiedName(t.typeName)) return undefined;
  if (!/^(infer|output|TypeOf)$/.test(t.typeName.right.text)) return undefined;
  const arg = t.typeArguments?.[0];
  return arg && ts.isTypeQueryNode(arg) && ts.isIdentifier(arg.exprName) ? arg.exprName.text : undefined;
}

/** The shape a literal expression has (`"n/a"`, `0`, `true`, `[]`, `null`). */
function literalShape(e: ts.Expression): Shape | undefined {
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e)) return ts.isTemplateExpression(e) ? { k: "string" } : { k: "literal", value: e.text };
  if (ts.isNumericLiteral(e)) return { k: "literal", value: Number(e.text) };
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return { k: "number" };
  if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) return { k: "literal", value: e.kind === ts.SyntaxKind.TrueKeyword };
  if (e.kind === ts.SyntaxKind.NullKeyword) return { k: "null" };
  if (ts.isArrayLiteralExpression(e) && !e.elements.length) return { k: "array", of: UNKNOWN };
  return undefined;
}

/** Whether an expression is plainly a number or a string: a literal, or a variable declared or initialised as one. */
function primitiveOf(e: ts.Expression): "number" | "string" | undefined {
  const x = ts.isParenthesizedExpression(e) ? e.expression : e;
  const lit = literalShape(x);
  if (lit?.k === "number" || lit?.k === "string") return lit.k;
  if (lit?.k === "literal" && (typeof lit.value === "number" || typeof lit.value === "string")) return typeof lit.value as "number" | "string";
  if (!ts.isIdentifier(x)) return undefined;
  const b = resolveName(x.text, x);
  if (b?.kind !== "var" || b.path.length) return undefined;
  const t = b.decl.type?.kind;
  if (t === ts.SyntaxKind.NumberKeyword) return "number";
  if (t === ts.SyntaxKind.StringKeyword) return "string";
  return !b.decl.type && b.decl.initializer ? primitiveOf(b.decl.initializer) : undefined;
}

/** The identifiers that refer to the declaration of `id` (a variable or parameter name), in its function or file. */
function references(id: ts.Identifier): ts.Identifier[] {
  const decl = id.parent;
  const scope = enclosingFunction(id) ?? id.getSourceFile();
  const out: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n !== id && n.text === id.text && isReference(n)) {
      const b = resolveName(n.text, n);
      const target = b && (b.kind === "var" || b.kind === "param") ? b.decl : undefined;
      // A binding element resolves to its declaration; the name's own declaration node is its parent.
      if (target && (target === decl || contains(target, id))) out.push(n);
    }
    n.forEachChild(visit);
  };
  visit(scope);
  return out;
}

function isReference(n: ts.Identifier): boolean {
  const p = n.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === n) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === n) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isFunctionDeclaration(p)) && p.name === n) return false;
  if (ts.isBindingElement(p) && p.propertyName === n) return false;
  return !ts.isTypeReferenceNode(p) && !ts.isQualifiedName(p);
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  for (let n: ts.Node | undefined = inner; n; n = n.parent) if (n === outer) return true;
  return false;
}

function enclosingFunction(n: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p) && (p as ts.FunctionLikeDeclaration).body) return p as ts.FunctionLikeDeclaration;
  return undefined;
}

function isAsync(fn: ts.FunctionLikeDeclaration): boolean {
  return !!ts.canHaveModifiers(fn) && !!ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

/** The call a function expression is passed to as an argument (`xs.map(cb)`). */
function callbackHost(fn: ts.FunctionLikeDeclaration): ts.CallExpression | undefined {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  let x: ts.Node = fn;
  while (x.parent && ts.isParenthesizedExpression(x.parent)) x = x.parent;
  const p = x.parent;
  return p && ts.isCallExpression(p) && p.arguments.includes(x as ts.Expression) ? p : undefined;
}

function unwrapPromise(t: ts.TypeNode): ts.TypeNode | undefined {
  if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && t.typeName.text === "Promise" && t.typeArguments?.length === 1) return t.typeArguments[0];
  return undefined;
}

/** The last name in an access chain (`notes.highlights` → `highlights`). */
function nameOf(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}
