/**
 * A syntactic pre-filter for the detector's walk: the names in a file through which a call can
 * reach an LLM (imports of SDKs, HTTP clients or files that can reach one, and every declaration
 * that mentions such a name, transitively). A call rooted at any other name (`console.log`,
 * `items.map`) cannot be a site and is not evaluated. Conservative: names are not scoped, so a
 * name that is a candidate anywhere in the file is one everywhere.
 */
import ts from "typescript";
import type { ParsedFile, Workspace } from "../project";

/** Roots always evaluated: globals that send requests, and module loading. */
const ALWAYS = ["fetch", "globalThis", "window", "self", "require", "this", "super"];

/** What one walk of a file gathers for the detector: its calls in source order, and the names it declares. */
export interface FileOutline {
  calls: ts.CallExpression[];
  /** Declared or assigned names with the node whose text ties them to other names. */
  decls: { name: string; node: ts.Node }[];
  imports: (ts.ImportDeclaration | ts.ImportEqualsDeclaration)[];
}

/** The last tree outlined: a session finds the sites of the file being typed in again on each keystroke (its tree kept); one entry, so nothing is held per file. */
let last: { sf: ts.SourceFile; o: FileOutline } | undefined;

/** One iterative walk (deep code must not overflow the stack), children in source order; the last tree's is kept. */
export function outline(sf: ts.SourceFile): FileOutline {
  if (last?.sf !== sf) last = { sf, o: outlineUncached(sf) };
  return last.o;
}

function outlineUncached(sf: ts.SourceFile): FileOutline {
  const out: FileOutline = { calls: [], decls: [], imports: [] };
  const stack: ts.Node[] = [sf];
  const push = (c: ts.Node) => void stack.push(c);
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isCallExpression(n)) out.calls.push(n);
    else if (ts.isImportDeclaration(n) || ts.isImportEqualsDeclaration(n)) {
      out.imports.push(n);
      continue;
    } else {
      const names = declaredNames(n);
      for (let i = 0; i < names.length; i++) out.decls.push({ name: names[i]!, node: n });
    }
    const from = stack.length;
    n.forEachChild(push);
    // forEachChild pushed in source order: reverse that segment so the first child is popped first.
    for (let i = from, j = stack.length - 1; i < j; i++, j--) {
      const t = stack[i]!;
      stack[i] = stack[j]!;
      stack[j] = t;
    }
  }
  return out;
}

/**
 * Whether a call rooted at a name can reach an LLM: the name is imported from an SDK, an HTTP
 * client or a file that can reach one, or declared (or assigned) with text that mentions such a
 * name, transitively. Decided lazily for the roots that calls actually have. Matching words of
 * the text (not resolved identifiers) can only say yes more often: the filter stays conservative.
 */
export function candidateFilter(file: ParsedFile, o: FileOutline, ws: Workspace, isKnownPackage: (spec: string) => boolean): (root: string) => boolean {
  const memo = new Map<string, boolean>(ALWAYS.map((n) => [n, true]));
  const live = (spec: string) => {
    const t = ws.resolvePath(file.abs, spec);
    if (!t) return false;
    return "pkg" in t ? isKnownPackage(t.pkg) : ws.files.has(t.abs);
  };
  const imported = new Set<string>();
  for (const d of o.imports) {
    if (ts.isImportDeclaration(d)) {
      if (ts.isStringLiteral(d.moduleSpecifier) && live(d.moduleSpecifier.text)) collectImportNames(d, imported);
    } else {
      const r = d.moduleReference;
      if (ts.isExternalModuleReference(r) && ts.isStringLiteral(r.expression) && live(r.expression.text)) imported.add(d.name.text);
    }
  }
  for (const n of imported) memo.set(n, true);
  const declsByName = new Map<string, ts.Node[]>();
  for (const d of o.decls) {
    const list = declsByName.get(d.name);
    if (list) list.push(d.node);
    else declsByName.set(d.name, [d.node]);
  }
  const text = file.sf.text;
  // Names being decided: a `no` reached through one of them may be a `yes` once it is decided, so it is not remembered.
  const visiting = new Set<string>();
  let cycles = 0;
  let steps = 0;
  const isCandidate = (name: string): boolean => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    if (visiting.size === 0) steps = 0;
    // Bounded: past a budget every answer is remembered (a rare `no` too many beats an exponential walk).
    if (++steps > 4000) cycles = -1e9;
    if (visiting.has(name)) {
      cycles++;
      return false;
    }
    const decls = declsByName.get(name);
    if (!decls) {
      memo.set(name, false);
      return false;
    }
    visiting.add(name);
    const before = cycles;
    let yes = false;
    outer: for (const node of decls) {
      for (const m of text.slice(node.pos, node.end).matchAll(WORD)) {
        if (m[0] !== name && isCandidate(m[0])) {
          yes = true;
          break outer;
        }
      }
    }
    visiting.delete(name);
    if (yes || cycles === before || cycles < 0 || visiting.size === 0) memo.set(name, yes);
    return yes;
  };
  return isCandidate;
}

const WORD = /[A-Za-z_$][\w$]*/g;

function collectImportNames(d: ts.ImportDeclaration, out: Set<string>): void {
  const c = d.importClause;
  if (!c) return;
  if (c.name) out.add(c.name.text);
  const nb = c.namedBindings;
  if (nb && ts.isNamespaceImport(nb)) out.add(nb.name.text);
  else if (nb) for (const el of nb.elements) out.add(el.name.text);
}

const NONE: readonly string[] = [];

function declaredNames(n: ts.Node): readonly string[] {
  // One switch on the kind: this runs for every node of every file the detector walks.
  switch (n.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.ClassDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ClassExpression: {
      const name = (n as ts.FunctionDeclaration | ts.ClassLikeDeclaration).name;
      return name ? [name.text] : NONE;
    }
    case ts.SyntaxKind.VariableDeclaration:
    case ts.SyntaxKind.Parameter:
    case ts.SyntaxKind.BindingElement:
      return bindingNames((n as ts.VariableDeclaration | ts.ParameterDeclaration | ts.BindingElement).name);
    case ts.SyntaxKind.BinaryExpression: {
      // `client = new OpenAI()` after `let client`: the assignment ties the name to what it mentions.
      const b = n as ts.BinaryExpression;
      const op = b.operatorToken.kind;
      return op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(b.left) ? [b.left.text] : NONE;
    }
    case ts.SyntaxKind.TypeAliasDeclaration:
    case ts.SyntaxKind.InterfaceDeclaration:
      // `type Deps = { ask: ReturnType<typeof makeAsker> }`: a parameter typed `Deps` may hold a wrapper.
      return [(n as ts.TypeAliasDeclaration).name.text];
    case ts.SyntaxKind.PropertyDeclaration:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.PropertyAssignment:
    case ts.SyntaxKind.GetAccessor: {
      const name = (n as ts.PropertyDeclaration).name;
      return ts.isIdentifier(name) ? [name.text] : NONE;
    }
    default:
      return NONE;
  }
}

function bindingNames(b: ts.BindingName): string[] {
  if (ts.isIdentifier(b)) return [b.text];
  const out: string[] = [];
  for (const el of b.elements) if (ts.isBindingElement(el)) out.push(...bindingNames(el.name));
  return out;
}

/** The identifier a callee chain starts from (`a` in `a.b(c).d`), "this"/"super", or undefined for anything else. */
export function rootOf(e: ts.Expression): string | undefined {
  for (;;) {
    if (ts.isIdentifier(e)) return e.text;
    if (e.kind === ts.SyntaxKind.ThisKeyword) return "this";
    if (e.kind === ts.SyntaxKind.SuperKeyword) return "super";
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) {
      e = e.expression;
    } else if (ts.isCallExpression(e)) {
      // `import("openai")`: dynamic loading is always worth a look.
      if (e.expression.kind === ts.SyntaxKind.ImportKeyword) return "require";
      e = e.expression;
    } else if (ts.isNewExpression(e)) {
      e = e.expression;
    } else if (ts.isTaggedTemplateExpression(e)) {
      e = e.tag;
    } else return undefined;
  }
}
