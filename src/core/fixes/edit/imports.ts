/**
 * Imports a fix needs: reuses the file's own import of the name (with its alias), adds a name to an
 * existing import of the module, or adds one import after the last — in the file's module system,
 * quotes and semicolons. The returned `name` is what the fix's code must call.
 */
import path from "node:path";
import ts from "typescript";
import type { TextEdit } from "../types";
import type { EditTarget } from "./objects";
import { indentAt, newlineOf, quoteOf, usesSemicolons } from "./text";
import { topLevel } from "../../callSites/scope";

export type ImportWanted = { named: string } | { default: string } | { namespace: string };

export interface ImportResult {
  /** The local name to use in code (`z`, `OpenAI`, `withRetry as retry` → `retry`). */
  name: string;
  edits: TextEdit[];
}

/** Whether the file is CommonJS JavaScript: `.cjs`, or a `.js` file with no ESM syntax that uses `require` or `exports`. */
export function isCommonJs(sf: ts.SourceFile): boolean {
  if (sf.fileName.endsWith(".cjs")) return true;
  if (!/\.(js|jsx)$/.test(sf.fileName)) return false;
  const esm = sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) || (ts.canHaveModifiers(s) && !!ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)));
  return !esm && /\brequire\s*\(|\b(module\.)?exports\b/.test(sf.text);
}

export function ensureImport(t: EditTarget, module: string, wanted: ImportWanted): ImportResult {
  const sf = t.sf;
  const cjs = isCommonJs(sf);
  const want = "named" in wanted ? wanted.named : "default" in wanted ? wanted.default : wanted.namespace;
  for (const s of sf.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || s.moduleSpecifier.text !== module) continue;
    const clause = s.importClause;
    if (!clause || clause.isTypeOnly) continue;
    if ("default" in wanted && clause.name) return { name: clause.name.text, edits: [] };
    const b = clause.namedBindings;
    if (b && ts.isNamespaceImport(b)) {
      if ("namespace" in wanted) return { name: b.name.text, edits: [] };
      if ("named" in wanted) return { name: `${b.name.text}.${wanted.named}`, edits: [] };
    }
    if ("named" in wanted) {
      if (b && ts.isNamedImports(b)) {
        const hit = b.elements.find((e) => !e.isTypeOnly && (e.propertyName ?? e.name).text === wanted.named);
        if (hit) return { name: hit.name.text, edits: [] };
        const local = freeName(sf, wanted.named);
        const spec = local === wanted.named ? local : `${wanted.named} as ${local}`;
        return { name: local, edits: [addSpecifier(t, b, spec)] };
      }
      if (clause.name && !b) {
        const local = freeName(sf, wanted.named);
        const spec = local === wanted.named ? local : `${wanted.named} as ${local}`;
        return { name: local, edits: [{ file: t.file, start: clause.name.getEnd(), end: clause.name.getEnd(), newText: `, { ${spec} }` }] };
      }
    }
  }
  if (cjs) {
    const existing = requiredName(sf, module, wanted);
    if (existing) return { name: existing, edits: [] };
  }
  const local = freeName(sf, want);
  const q = quoteOf(sf);
  const semi = usesSemicolons(sf) ? ";" : "";
  const nl = newlineOf(sf.text);
  let line: string;
  if (cjs) {
    const lhs = "named" in wanted ? `{ ${local === wanted.named ? local : `${wanted.named}: ${local}`} }` : local;
    line = `const ${lhs} = require(${q}${module}${q})${semi}`;
  } else {
    const clause = "named" in wanted ? `{ ${local === wanted.named ? local : `${wanted.named} as ${local}`} }` : "default" in wanted ? local : `* as ${local}`;
    line = `import ${clause} from ${q}${module}${q}${semi}`;
  }
  return { name: local, edits: [insertAfterImports(t, line, nl)] };
}

/** Adds `spec` to `{ a, b }`: on the same line, or on a line of its own in a multi-line list (keeping a trailing comma). */
function addSpecifier(t: EditTarget, b: ts.NamedImports, spec: string): TextEdit {
  const text = t.sf.text;
  const last = b.elements[b.elements.length - 1];
  if (!last) return { file: t.file, start: b.getStart(t.sf) + 1, end: b.getEnd() - 1, newText: ` ${spec} ` };
  if (!text.slice(b.getStart(t.sf), b.getEnd()).includes("\n")) return { file: t.file, start: last.getEnd(), end: last.getEnd(), newText: `, ${spec}` };
  const trailing = b.elements.hasTrailingComma;
  const at = trailing ? text.indexOf(",", last.getEnd()) + 1 : last.getEnd();
  return { file: t.file, start: at, end: at, newText: `${trailing ? "" : ","}${newlineOf(text)}${indentAt(text, last.getStart(t.sf))}${spec}${trailing ? "," : ""}` };
}

/** Adds a statement line after the file's last import (or require of a module), else at its top after comments and directives. */
function insertAfterImports(t: EditTarget, line: string, nl: string): TextEdit {
  const sf = t.sf;
  let after: ts.Statement | undefined;
  let directive = false;
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s) || isTopRequire(s)) [after, directive] = [s, false];
    else if (!after && ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)) [after, directive] = [s, true]; // "use strict" / "use server"
    else if (after) break;
  }
  // After a directive, a blank line first (as after "use strict" in most code); after an import, the next line.
  if (after) return { file: t.file, start: after.getEnd(), end: after.getEnd(), newText: `${directive ? nl : ""}${nl}${line}` };
  const first = sf.statements[0];
  const at = first ? first.getStart(sf) : sf.text.length;
  return { file: t.file, start: at, end: at, newText: `${line}${nl}${first ? nl : ""}` };
}

function isTopRequire(s: ts.Statement): boolean {
  if (!ts.isVariableStatement(s)) return false;
  return s.declarationList.declarations.some((d) => {
    let init = d.initializer;
    if (init && ts.isAwaitExpression(init)) init = init.expression;
    return !!init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === "require";
  });
}

function requiredName(sf: ts.SourceFile, module: string, wanted: ImportWanted): string | undefined {
  for (const s of sf.statements) {
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      const init = d.initializer;
      if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== "require") continue;
      const arg = init.arguments[0];
      if (!arg || !ts.isStringLiteral(arg) || arg.text !== module) continue;
      if (ts.isIdentifier(d.name)) return "named" in wanted ? `${d.name.text}.${wanted.named}` : d.name.text;
      if (ts.isObjectBindingPattern(d.name) && "named" in wanted) {
        for (const el of d.name.elements) {
          const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : undefined;
          if (key === wanted.named && ts.isIdentifier(el.name)) return el.name.text;
        }
      }
    }
  }
  return undefined;
}

/** `name`, or `name2`, `name3`... when the file already declares it at the top level. */
export function freeName(sf: ts.SourceFile, name: string): string {
  const taken = topLevel(sf);
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) if (!taken.has(`${name}${i}`)) return `${name}${i}`;
}

/**
 * The module specifier from one workspace file to another (`../llm/resilience`), with the `.js`
 * extension when the importing file already writes its relative imports that way (ESM with NodeNext).
 */
export function relativeSpecifier(sf: ts.SourceFile, fromRel: string, toRel: string): string {
  let spec = path.posix.relative(path.posix.dirname(fromRel), toRel).replace(/\.(tsx?|jsx?|mts|cts|mjs|cjs)$/, "");
  if (!spec.startsWith(".")) spec = `./${spec}`;
  const rel = sf.statements.filter(ts.isImportDeclaration).map((s) => (ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : "")).filter((s) => s.startsWith("."));
  if (rel.length && rel.every((s) => /\.(m?js)$/.test(s))) spec += ".js";
  return spec;
}
