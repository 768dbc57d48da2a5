/**
 * The exported function a test can call to run a call site: the function around the call when its
 * module exports it (a function, a public method of an exported class, a method of an exported
 * object), else an exported function of the same module that calls it. Read from syntax only.
 */
import ts from "typescript";
import { resolveName } from "../../../callSites/scope";

export interface Entry {
  /** The function whose parameters and return type shape the test. */
  fn: ts.FunctionLikeDeclaration;
  /** The export the test imports ("default" for a default export) and the local name it gets. */
  exported: string;
  local: string;
  /** How the function is reached from the import: called, a method of an instance, or a member (static or object method). */
  via: { t: "call" } | { t: "instance"; method: string; ctor: ts.ConstructorDeclaration | undefined } | { t: "member"; member: string };
  /** `summarize`, `TicketTriage.summarize`: for titles and test names. */
  label: string;
}

/** How far callers are followed inside the module (a private helper called by an exported function...). */
const MAX_HOPS = 4;

/** The entry point of the function around `node`, or undefined when no export reaches it. */
export function entryFor(node: ts.Node, fileBase: string): Entry | undefined {
  return search(node, fileBase, new Set(), 0);
}

function search(node: ts.Node, fileBase: string, seen: Set<ts.Node>, hops: number): Entry | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (seen.has(fn)) return undefined;
    seen.add(fn);
    const direct = exportedEntry(fn, fileBase);
    if (direct) return direct;
    const refs = references(fn);
    if (refs) {
      if (hops >= MAX_HOPS) return undefined;
      for (const r of refs) {
        const e = search(r, fileBase, seen, hops + 1);
        if (e) return e;
      }
      return undefined;
    }
    // A callback (`docs.map(async (d) => ...)`) or a local helper runs while the function around it runs.
    if (!isCallbackArgument(fn) && !isLocal(fn)) return undefined;
  }
  return undefined;
}

function enclosingFunction(n: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p) || ts.isArrowFunction(p) || ts.isMethodDeclaration(p) || ts.isConstructorDeclaration(p) || ts.isAccessor(p)) return p;
    if (ts.isClassStaticBlockDeclaration(p)) return undefined;
  }
  return undefined;
}

function isCallbackArgument(fn: ts.FunctionLikeDeclaration): boolean {
  let x: ts.Node = fn;
  while (x.parent && ts.isParenthesizedExpression(x.parent)) x = x.parent;
  const p = x.parent;
  return !!p && (ts.isCallExpression(p) || ts.isNewExpression(p)) && !!p.arguments?.includes(x as ts.Expression);
}

/** A function declared inside another one (`function step() {}` or `const step = () => ...` in a body). */
function isLocal(fn: ts.FunctionLikeDeclaration): boolean {
  if (ts.isFunctionDeclaration(fn)) return !!fn.parent && !ts.isSourceFile(fn.parent);
  const d = fn.parent;
  return !!d && ts.isVariableDeclaration(d) && d.initializer === fn && !topVariable(fn as ts.Expression);
}

function hasModifier(n: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === kind);
}

/** The name a top-level declaration is exported under ("default" for a default export), if it is. */
function exportNameOf(decl: ts.Node, localName: string | undefined): string | undefined {
  const stmt = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
  if (hasModifier(stmt, ts.SyntaxKind.ExportKeyword)) return hasModifier(stmt, ts.SyntaxKind.DefaultKeyword) ? "default" : localName;
  if (!localName) return undefined;
  const sf = decl.getSourceFile();
  let out: string | undefined;
  for (const s of sf.statements) {
    if (ts.isExportDeclaration(s) && !s.moduleSpecifier && !s.isTypeOnly && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const el of s.exportClause.elements) {
        if (!el.isTypeOnly && (el.propertyName ?? el.name).text === localName) out = el.name.text === "default" ? (out ?? "default") : el.name.text;
      }
    } else if (ts.isExportAssignment(s) && !s.isExportEquals && ts.isIdentifier(s.expression) && s.expression.text === localName) out ??= "default";
  }
  return out;
}

function camel(base: string): string {
  const words = base.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const s = words.map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w)).join("");
  return /^[A-Za-z_$]/.test(s) ? s : `_${s}`;
}

function entry(fn: ts.FunctionLikeDeclaration, exported: string, declared: string | undefined, fileBase: string, via: Entry["via"], member?: string): Entry {
  const local = exported === "default" ? (declared ?? camel(fileBase)) : exported;
  return { fn, exported, local, via, label: member ? `${local}.${member}` : local };
}

/** The function is itself exported (or a public method of an exported class or object). */
function exportedEntry(fn: ts.FunctionLikeDeclaration, fileBase: string): Entry | undefined {
  const p = fn.parent;
  if (ts.isFunctionDeclaration(fn) && p && ts.isSourceFile(p)) {
    const name = exportNameOf(fn, fn.name?.text);
    return name && fn.body ? entry(fn, name, fn.name?.text, fileBase, { t: "call" }) : undefined;
  }
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && p) {
    const decl = topVariable(fn);
    if (decl) {
      const name = exportNameOf(decl, decl.name.text);
      return name ? entry(fn, name, decl.name.text, fileBase, { t: "call" }) : undefined;
    }
    if (ts.isPropertyDeclaration(p) && p.initializer === fn) return classMember(fn, p, fileBase);
    if (ts.isPropertyAssignment(p) && p.initializer === fn) return objectMember(fn, p, fileBase);
    return undefined;
  }
  if (ts.isMethodDeclaration(fn)) return p && ts.isClassLike(p) ? classMember(fn, fn, fileBase) : objectMember(fn, fn, fileBase);
  return undefined;
}

/** `export const summarize = async (...) => {...}`: the top-level declaration a function initializes. */
function topVariable(fn: ts.Expression): (ts.VariableDeclaration & { name: ts.Identifier }) | undefined {
  const d = fn.parent;
  if (!d || !ts.isVariableDeclaration(d) || d.initializer !== fn || !ts.isIdentifier(d.name)) return undefined;
  const stmt = d.parent.parent;
  return stmt && ts.isVariableStatement(stmt) && ts.isSourceFile(stmt.parent) ? (d as ts.VariableDeclaration & { name: ts.Identifier }) : undefined;
}

function publicName(member: ts.ClassElement | ts.ObjectLiteralElement): string | undefined {
  if (!member.name || !ts.isIdentifier(member.name)) return undefined;
  if (hasModifier(member, ts.SyntaxKind.PrivateKeyword) || hasModifier(member, ts.SyntaxKind.ProtectedKeyword)) return undefined;
  return member.name.text;
}

function classMember(fn: ts.FunctionLikeDeclaration, member: ts.MethodDeclaration | ts.PropertyDeclaration, fileBase: string): Entry | undefined {
  const cls = member.parent;
  const method = publicName(member);
  if (!method || !fn.body || !ts.isClassDeclaration(cls) || !ts.isSourceFile(cls.parent) || hasModifier(cls, ts.SyntaxKind.AbstractKeyword)) return undefined;
  const exported = exportNameOf(cls, cls.name?.text);
  if (!exported) return undefined;
  if (hasModifier(member, ts.SyntaxKind.StaticKeyword)) return entry(fn, exported, cls.name?.text, fileBase, { t: "member", member: method }, method);
  const ctor = cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
  if (ctor && (hasModifier(ctor, ts.SyntaxKind.PrivateKeyword) || hasModifier(ctor, ts.SyntaxKind.ProtectedKeyword))) return undefined;
  return entry(fn, exported, cls.name?.text, fileBase, { t: "instance", method, ctor }, method);
}

/** `export const assistant = { async reply(q: string) {...} }`. */
function objectMember(fn: ts.FunctionLikeDeclaration, member: ts.MethodDeclaration | ts.PropertyAssignment, fileBase: string): Entry | undefined {
  const obj = member.parent;
  const name = publicName(member);
  if (!name || !ts.isObjectLiteralExpression(obj)) return undefined;
  let top: ts.Node = obj;
  while (top.parent && (ts.isAsExpression(top.parent) || ts.isSatisfiesExpression(top.parent) || ts.isParenthesizedExpression(top.parent))) top = top.parent;
  const decl = topVariable(top as ts.Expression);
  const exported = decl && exportNameOf(decl, decl.name.text);
  return exported ? entry(fn, exported, decl.name.text, fileBase, { t: "member", member: name }, name) : undefined;
}

/**
 * Where a named function of the module is used (its callers run it): references to a top-level
 * function or variable, or `this.method` inside its class. Undefined for an anonymous function.
 */
function references(fn: ts.FunctionLikeDeclaration): ts.Node[] | undefined {
  const sf = fn.getSourceFile();
  let decl: ts.Node | undefined;
  let name: string | undefined;
  let inClass: ts.ClassLikeDeclaration | undefined;
  if (ts.isFunctionDeclaration(fn) && fn.name && ts.isSourceFile(fn.parent)) [decl, name] = [fn, fn.name.text];
  else if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    const v = topVariable(fn);
    if (v) [decl, name] = [v, v.name.text];
    else if (fn.parent && ts.isPropertyDeclaration(fn.parent) && ts.isClassLike(fn.parent.parent) && fn.parent.name && (ts.isIdentifier(fn.parent.name) || ts.isPrivateIdentifier(fn.parent.name))) {
      [inClass, name] = [fn.parent.parent, fn.parent.name.text];
    }
  } else if (ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent) && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name))) [inClass, name] = [fn.parent, fn.name.text];
  if (!name) return undefined;
  const out: ts.Node[] = [];
  const stack: ts.Node[] = [inClass ?? sf];
  while (stack.length) {
    const n = stack.pop()!;
    if (decl && ts.isIdentifier(n) && n.text === name && n.parent !== decl && isTheBinding(n, decl)) out.push(n);
    else if (inClass && ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword && n.name.text === name) out.push(n);
    n.forEachChild((c) => void stack.push(c));
  }
  return out.sort((a, b) => a.pos - b.pos);
}

function isTheBinding(id: ts.Identifier, decl: ts.Node): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p)) && p.name === id) return false;
  const b = resolveName(id.text, id);
  if (!b) return false;
  if (b.kind === "function") return b.node === decl;
  if (b.kind === "var") return b.decl === decl;
  return false;
}
