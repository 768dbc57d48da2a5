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

export function candidateNames(file: ParsedFile, ws: Workspace, isKnownPackage: (spec: string) => boolean): Set<string> {
  const names = new Set<string>(ALWAYS);
  const live = (spec: string) => {
    const t = ws.resolvePath(file.abs, spec);
    if (!t) return false;
    return "pkg" in t ? isKnownPackage(t.pkg) : ws.files.has(t.abs);
  };
  // Declarations with every identifier used inside them (nested ones included), from one walk.
  const owners: { name: string; uses: Set<string> }[] = [];
  const open: { name: string; uses: Set<string>; end: number }[] = [];
  const stack: ts.Node[] = [file.sf];
  while (stack.length) {
    const n = stack.pop()!;
    while (open.length && n.pos >= open[open.length - 1]!.end) open.pop();
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      if (live(n.moduleSpecifier.text)) collectImportNames(n, names);
      continue;
    }
    if (ts.isImportEqualsDeclaration(n)) {
      const r = n.moduleReference;
      if (ts.isExternalModuleReference(r) && ts.isStringLiteral(r.expression) && live(r.expression.text)) names.add(n.name.text);
      continue;
    }
    const declared = declaredNames(n);
    if (declared.length) {
      const uses = new Set<string>();
      for (const name of declared) {
        const o = { name, uses, end: n.end };
        owners.push(o);
      }
      open.push({ name: declared[0]!, uses, end: n.end });
    }
    if (ts.isIdentifier(n)) for (const o of open) o.uses.add(n.text);
    // Children in document order, so an open declaration closes when the walk passes its end.
    const kids: ts.Node[] = [];
    n.forEachChild((c) => void kids.push(c));
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  for (let round = 0; round < 6; round++) {
    const before = names.size;
    for (const o of owners) {
      if (names.has(o.name)) continue;
      for (const u of o.uses) {
        if (names.has(u)) {
          names.add(o.name);
          break;
        }
      }
    }
    if (names.size === before) break;
  }
  return names;
}

function collectImportNames(d: ts.ImportDeclaration, out: Set<string>): void {
  const c = d.importClause;
  if (!c) return;
  if (c.name) out.add(c.name.text);
  const nb = c.namedBindings;
  if (nb && ts.isNamespaceImport(nb)) out.add(nb.name.text);
  else if (nb) for (const el of nb.elements) out.add(el.name.text);
}

function declaredNames(n: ts.Node): string[] {
  if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassExpression(n)) && n.name) return [n.name.text];
  if (ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) return bindingNames(n.name);
  // `client = new OpenAI()` after `let client`: the assignment ties the name to what it mentions.
  if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(n.left)) return [n.left.text];
  if ((ts.isPropertyDeclaration(n) || ts.isMethodDeclaration(n) || ts.isPropertyAssignment(n) || ts.isGetAccessorDeclaration(n)) && ts.isIdentifier(n.name)) return [n.name.text];
  return [];
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
