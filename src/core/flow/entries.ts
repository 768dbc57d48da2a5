/**
 * Public entries and the way up to them: which route handler, server action, webhook, bot or queue
 * handler runs a call, through the workspace call graph (callers found by name, confirmed by the
 * evaluator). Used by the limits check (is a site reachable by the public?) and its evidence.
 */
import ts from "typescript";
import { rethrowBudget } from "../budget";
import type { SiteFinder } from "../callSites/detect";
import type { FunctionNode } from "../callSites/values";
import type { ParsedFile, Workspace } from "../project";
import type { LimitsLibraries } from "./libraryData";
import { packageExportOf } from "./packageExports";
import { unwrap } from "./optionPaths";
import { namesIn } from "./nameIndex";

/** A public entry that runs a call. */
export interface Entry {
  /** What kind of entry, as a user says it ("Next.js route handler POST", "Express route POST /chat"). */
  what: string;
  /** Where it is declared or registered (the evidence). */
  at: ts.Node;
  /** The functions from the entry's handler down to the one holding the call (entry first). */
  path: ts.Node[];
  /** The registration call (`app.post("/chat", limiter, handler)`), whose other arguments are middleware. */
  registration?: ts.CallExpression;
}

/** How far up the call graph a call is followed to its entry. */
const MAX_DEPTH = 8;

/** Identifier occurrences by name, per scan: where a function may be called or handed over. */
export class CallGraph {
  private readonly byName = new Map<string, ts.Identifier[]>();
  private readonly memo = new Map<ts.Node, ts.Node[]>();

  constructor(
    private readonly ws: Workspace,
    private readonly finder: SiteFinder,
    private readonly isTestFile: (rel: string) => boolean,
    readonly data: LimitsLibraries,
  ) {
    // In source order (file, then position): the workspace holds its files in discovery order on a scan but
    // in edit order in a session, and the first entry found must not depend on which. Files are taken in
    // path order and each file's identifiers sorted by position (not every list by a comparator that walks
    // each node up to its file).
    const files = [...ws.files.values()].filter((f) => !f.outside && !isTestFile(f.rel));
    files.sort((a, b) => (a.sf.fileName < b.sf.fileName ? -1 : a.sf.fileName > b.sf.fileName ? 1 : 0));
    for (const f of files) {
      for (const [text, ids] of namesIn(f.sf).uses) {
        const list = this.byName.get(text);
        if (list) for (const id of ids) list.push(id);
        else this.byName.set(text, [...ids]);
      }
    }
  }

  /** Places that run or hand over `fn`: the call or the reference (an argument, a property value). */
  usesOf(fn: ts.Node): ts.Node[] {
    const hit = this.memo.get(fn);
    if (hit) return hit;
    const out: ts.Node[] = [];
    for (const name of namesOf(fn)) {
      for (const id of this.byName.get(name) ?? []) {
        if (isInside(id, fn) && !isCallee(id)) continue;
        const expr = ts.isPropertyAccessExpression(id.parent) && id.parent.name === id ? id.parent : id;
        let v;
        try {
          v = this.finder.ev.eval(expr);
        } catch (e) {
          rethrowBudget(e);
          v = null;
        }
        if (v?.t === "fn" && v.node === fn) out.push(expr);
        else if (v?.t === "class" && ts.isConstructorDeclaration(fn) && v.node === fn.parent) out.push(expr);
      }
    }
    this.memo.set(fn, out);
    return out;
  }

  /**
   * The public entry that runs `node` (a call), or null when none does: walks from the function that
   * holds it to its callers, breadth first, and stops at the first entry.
   */
  entryOf(node: ts.Node): Entry | null {
    const start = enclosingFunction(node);
    if (!start) return null;
    const seen = new Set<ts.Node>();
    const queue: { fn: ts.Node; path: ts.Node[]; depth: number }[] = [{ fn: start, path: [start], depth: 0 }];
    while (queue.length) {
      const { fn, path, depth } = queue.shift()!;
      if (seen.has(fn)) continue;
      seen.add(fn);
      const file = this.fileOf(fn);
      if (!file || this.isTestFile(file.rel)) continue;
      const byConvention = this.conventionEntry(fn, file);
      if (byConvention) return { ...byConvention, path: [...path].reverse() };
      // An inline callback: handed to a registration (an entry), or run by the function around it.
      const handed = handedTo(fn);
      if (handed) {
        const reg = this.registrationEntry(handed, file);
        if (reg) return { ...reg, path: [...path].reverse() };
      }
      if (depth >= MAX_DEPTH) continue;
      if (isInline(fn)) {
        const outer = enclosingFunction(fn.parent!);
        if (outer) queue.push({ fn: outer, path: [...path, outer], depth: depth + 1 });
        continue;
      }
      for (const use of this.usesOf(fn)) {
        const useFile = this.fileOf(use);
        if (!useFile || this.isTestFile(useFile.rel)) continue;
        const call = callOf(use);
        if (!call) {
          // Handed over as a value: a router registration, or an export that a route re-exports.
          const reg = registrationOf(use);
          if (reg) {
            const e = this.registrationEntry(reg, useFile);
            if (e) return { ...e, path: [...path].reverse() };
          }
          const st = topStatement(use);
          if (st && ts.isExportAssignment(st)) {
            const e = this.conventionEntry(st, useFile);
            if (e) return { ...e, path: [...path].reverse() };
          }
        }
        const outer = enclosingFunction(use);
        if (outer) queue.push({ fn: outer, path: [...path, outer], depth: depth + 1 });
        else {
          // Top-level code: an exported handler built by a call (`export const POST = withAuth(handler)`).
          const st = topStatement(use);
          if (st) {
            const e = this.conventionEntry(st, useFile);
            if (e) return { ...e, path: [...path].reverse() };
          }
        }
      }
    }
    return null;
  }

  private fileOf(n: ts.Node): ParsedFile | undefined {
    return this.ws.get(n.getSourceFile().fileName);
  }

  /** Entries by file-system convention: Next.js, SvelteKit, Remix, Nuxt, Vercel and Netlify functions, server actions. */
  private conventionEntry(fn: ts.Node, file: ParsedFile): Omit<Entry, "path"> | null {
    const rel = file.rel;
    const st = topStatement(fn);
    if (!st) return null;
    const exported = exportedNames(st);
    if (useServer(file.sf) && exported.length) return { what: `server action \`${exported[0]}\` ("use server")`, at: st };
    const body = ts.isFunctionLike(fn) ? (fn as FunctionNode).body : undefined;
    if (body && ts.isBlock(body) && hasDirective(body.statements, "use server")) return { what: "inline server action (\"use server\")", at: fn };
    const methods = this.data.entries.httpMethods;
    if (/(^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$/.test(rel) || /(^|\/)\+server\.[jt]s$/.test(rel)) {
      const m = exported.find((n) => methods.includes(n));
      if (m) return { what: `${rel.includes("+server") ? "SvelteKit" : "Next.js"} route handler ${m} (${routePath(rel)})`, at: st };
    }
    if (/(^|\/)pages\/api\//.test(rel) && exported.includes("default")) return { what: `Next.js API route (${routePath(rel)})`, at: st };
    if (/(^|\/)(app\/)?routes\//.test(rel) && exported.some((n) => n === "action" || n === "loader")) return { what: `Remix route ${exported.find((n) => n === "action" || n === "loader")}`, at: st };
    if (/(^|\/)\+page\.server\.[jt]s$/.test(rel) && exported.includes("actions")) return { what: "SvelteKit form action", at: st };
    if (/(^|\/)server\/(api|routes)\//.test(rel) && exported.includes("default")) return { what: `Nuxt server route (${rel})`, at: st };
    if (/(^|\/)(netlify\/functions|api)\//.test(rel) && (exported.includes("default") || exported.includes("handler") || exported.some((n) => methods.includes(n)))) return { what: `serverless function (${rel})`, at: st };
    return null;
  }

  /** A call that registers a handler with a router, a procedure builder, a bot or a queue: is it public? */
  private registrationEntry(call: ts.CallExpression | ts.NewExpression, file: ParsedFile): Omit<Entry, "path"> | null {
    const e = this.data.entries;
    const callee = unwrap(call.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : "";
    const args = call.arguments ?? ts.factory.createNodeArray();
    const firstString = args[0] && ts.isStringLiteralLike(args[0]) ? args[0].text : undefined;
    const imports = importedPackages(file.sf);
    if (ts.isNewExpression(call)) {
      const pe = packageExportOf(this.ws, call.expression);
      if (pe && e.queuePackages.includes(pe.pkg) && e.queueExports.includes(pe.name)) return { what: `queue worker (${pe.pkg} ${pe.name})`, at: call };
      return null;
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const chain = callee.expression.getText();
      if (e.procedureMethods.includes(name) && /procedure/i.test(chain)) return { what: `tRPC ${name} procedure`, at: call, registration: call };
      if (e.routerMethods.includes(name)) {
        const viaRoute = /\.route\(\s*["'`]\//.test(chain);
        if (firstString !== undefined && /^[/*]/.test(firstString) && name !== "on") return { what: `route ${name.toUpperCase()} ${firstString}`, at: call, registration: call };
        if (viaRoute) return { what: `route ${name.toUpperCase()} ${/route\(\s*["'`]([^"'`]*)/.exec(chain)?.[1] ?? ""}`, at: call, registration: call };
        if (name === "route" && args[0] && ts.isObjectLiteralExpression(args[0])) return { what: "Fastify route", at: call, registration: call };
      }
      const bot = e.botPackages.find((p) => imports.has(p));
      if (bot && e.botMethods.includes(name)) return { what: `${bot} ${name}${firstString ? ` "${firstString}"` : ""} handler`, at: call, registration: call };
      const queue = e.queuePackages.find((p) => imports.has(p));
      if (queue && (name === "process" || e.queueExports.includes(name))) return { what: `queue handler (${queue})`, at: call };
    }
    if (ts.isIdentifier(callee)) {
      const pe = packageExportOf(this.ws, callee);
      if (pe && e.queuePackages.includes(pe.pkg) && e.queueExports.includes(pe.name)) return { what: `queue task (${pe.pkg} ${pe.name})`, at: call };
    }
    return null;
  }
}

/** The names a function is called by: its own, its variable's, its property's or method's. */
function namesOf(fn: ts.Node): string[] {
  const out: string[] = [];
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) out.push(fn.name.text);
  if (ts.isConstructorDeclaration(fn) && ts.isClassLike(fn.parent) && fn.parent.name) out.push(fn.parent.name.text);
  let p = fn.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || (ts.isCallExpression(p) && p.arguments.includes(fn as ts.Expression)))) p = p.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) out.push(p.name.text);
  if (p && (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out.push(p.name.text);
  if (p && ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) out.push(p.left.name.text);
  return [...new Set(out)];
}

function isCallee(id: ts.Identifier): boolean {
  const e = ts.isPropertyAccessExpression(id.parent) && id.parent.name === id ? id.parent : id;
  return (ts.isCallExpression(e.parent) || ts.isNewExpression(e.parent)) && e.parent.expression === e;
}

function isInside(n: ts.Node, outer: ts.Node): boolean {
  for (let p: ts.Node | undefined = n; p; p = p.parent) if (p === outer) return true;
  return false;
}

/** The call a use runs (`fn(...)`, `obj.fn(...)`, `new C(...)`), or undefined when it only hands it over. */
function callOf(use: ts.Node): ts.CallExpression | ts.NewExpression | undefined {
  const p = use.parent;
  if (p && (ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression === use) return p;
  return undefined;
}

/** The call a value is handed to as an argument (through wrapping calls: `app.post("/x", withAuth(handler))`). */
function registrationOf(use: ts.Node): ts.CallExpression | ts.NewExpression | undefined {
  let x: ts.Node = use;
  for (let i = 0; i < 4 && x.parent; i++) {
    const p = x.parent;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression !== x) {
      if (ts.isPropertyAccessExpression(unwrap(p.expression))) return p;
      x = p;
      continue;
    }
    if (ts.isPropertyAssignment(p) || ts.isObjectLiteralExpression(p) || ts.isParenthesizedExpression(p) || ts.isArrayLiteralExpression(p)) {
      x = p;
      continue;
    }
    return ts.isCallExpression(x) || ts.isNewExpression(x) ? x : undefined;
  }
  return undefined;
}

/** A function expression written as an argument: the registration it is handed to. */
function handedTo(fn: ts.Node): ts.CallExpression | ts.NewExpression | undefined {
  if (!isInline(fn)) return undefined;
  return registrationOf(fn);
}

/** An arrow or function expression (not bound to a name by a declaration). */
function isInline(fn: ts.Node): boolean {
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  let p = fn.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p))) p = p.parent;
  return !(p && (ts.isVariableDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isExportAssignment(p) || (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken)));
}

export function enclosingFunction(n: ts.Node): ts.Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p) && (p as FunctionNode).body) return p;
  return undefined;
}

/** The statement of the source file that holds `n`. */
function topStatement(n: ts.Node): ts.Statement | undefined {
  let x: ts.Node = n;
  while (x.parent && !ts.isSourceFile(x.parent)) x = x.parent;
  return x.parent && ts.isSourceFile(x.parent) ? (x as ts.Statement) : undefined;
}

/** Names a top-level statement exports (`default` for a default export). */
function exportedNames(st: ts.Statement): string[] {
  if (ts.isExportAssignment(st)) return ["default"];
  const mods = ts.canHaveModifiers(st) ? ts.getModifiers(st) ?? [] : [];
  if (!mods.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return exportedLater(st);
  if (mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return ["default"];
  if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) return [st.name.text];
  if (ts.isVariableStatement(st)) return st.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  return [];
}

/** `function handler() {}` … `export default handler` / `export { handler as POST }`. */
function exportedLater(st: ts.Statement): string[] {
  const local = ts.isFunctionDeclaration(st) && st.name ? st.name.text : ts.isVariableStatement(st) ? st.declarationList.declarations.map((d) => (ts.isIdentifier(d.name) ? d.name.text : "")).find(Boolean) : undefined;
  if (!local) return [];
  const out: string[] = [];
  for (const s of st.getSourceFile().statements) {
    if (ts.isExportAssignment(s) && new RegExp(`\\b${local}\\b`).test(s.expression.getText())) out.push("default");
    if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const el of s.exportClause.elements) if ((el.propertyName ?? el.name).text === local) out.push(el.name.text);
    }
  }
  return out;
}

function useServer(sf: ts.SourceFile): boolean {
  return hasDirective(sf.statements, "use server");
}

function hasDirective(statements: ts.NodeArray<ts.Statement>, text: string): boolean {
  for (const s of statements) {
    if (!ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression)) return false;
    if (s.expression.text === text) return true;
  }
  return false;
}

const importMemo = new WeakMap<ts.SourceFile, Set<string>>();

/** The npm packages a file imports or requires (bare specifiers, subpaths folded to the package). */
export function importedPackages(sf: ts.SourceFile): Set<string> {
  let out = importMemo.get(sf);
  if (out) return out;
  out = new Set();
  const add = (spec: string) => {
    if (spec.startsWith(".") || spec.startsWith("/")) return;
    const parts = spec.split("/");
    out!.add(spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!);
    out!.add(spec);
  };
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) add(s.moduleSpecifier.text);
  }
  for (const m of sf.text.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)) add(m[1]!);
  importMemo.set(sf, out);
  return out;
}

/** `app/api/chat/route.ts` → `/api/chat`; `pages/api/x.ts` → `/api/x`. */
function routePath(rel: string): string {
  const m = /(?:^|\/)(?:app|pages|routes)(\/.*?)(?:\/route|\/\+server)?\.[cm]?[jt]sx?$/.exec(rel);
  return m ? m[1]!.replace(/\/index$/, "") || "/" : rel;
}
