/**
 * The zod schema a validation fix declares: its name (after the type or the variable it stands for,
 * in the file's own naming style), zod's import (the file's own, alias included), and the
 * declaration at module level before the function that uses it, with a TODO where the code does
 * not tell a type.
 */
import ts from "typescript";
import { topLevel } from "../../../callSites/scope";
import { ensureImport, freeName } from "../../../fixes/edit/imports";
import type { EditTarget } from "../../../fixes/edit/objects";
import { declareBefore, topLevelStatement } from "../../../fixes/edit/blocks";
import { indentUnit, newlineOf, quoteOf, usesSemicolons } from "../../../fixes/edit/text";
import type { TextEdit } from "../../../fixes/types";
import type { ParseSite } from "./parseSite";
import { isDeclared, untyped, zodText, type Shape, type ZodStyle } from "./shape";

export interface SchemaPlan {
  /** What the fix calls `.parse` on. */
  name: string;
  /** A short lower-case name of the answer (`digest`), for messages and structured-output names. */
  label: string;
  style: ZodStyle;
  /** zod's import and the schema's declaration (none when the file already has the schema). */
  edits: TextEdit[];
  /** The schema says only what declared types already say (a fix with it changes nothing else). */
  declared: boolean;
  /** Parts whose type the code does not show. */
  untyped: string[];
}

const ZOD_MODULES: Record<string, 3 | 4 | undefined> = { zod: undefined, "zod/v4": 4, "zod/v3": 3 };

/** zod as the file imports it, or as the package.json allows adding it; undefined when zod is not available. */
export function zodStyleOf(t: EditTarget, dependencies: ReadonlyMap<string, string>): { style: ZodStyle; edits: TextEdit[] } | undefined {
  const fromDeps = majorOf(dependencies.get("zod"));
  for (const s of t.sf.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || !(s.moduleSpecifier.text in ZOD_MODULES)) continue;
    const clause = s.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const major = ZOD_MODULES[s.moduleSpecifier.text] ?? fromDeps ?? 4;
    const b = clause.namedBindings;
    const quote = quoteOf(t.sf);
    if (b && ts.isNamespaceImport(b)) return { style: { z: b.name.text, major, quote }, edits: [] };
    const named = b && ts.isNamedImports(b) ? b.elements.find((e) => !e.isTypeOnly && (e.propertyName ?? e.name).text === "z") : undefined;
    if (named) return { style: { z: named.name.text, major, quote }, edits: [] };
    if (clause.name) return { style: { z: clause.name.text, major, quote }, edits: [] };
  }
  if (!dependencies.has("zod")) return undefined;
  const imp = ensureImport(t, "zod", { named: "z" });
  return { style: { z: imp.name, major: fromDeps ?? 4, quote: quoteOf(t.sf) }, edits: imp.edits };
}

function majorOf(range: string | undefined): 3 | 4 | undefined {
  const m = range && /(\d+)\./.exec(range);
  if (!m) return undefined;
  return Number(m[1]) <= 3 ? 3 : 4;
}

/**
 * Names the schema and writes its declaration before the top-level statement that holds the parse
 * (or the request, when that comes first at module level: a native fix sends the schema with it).
 */
export function planSchema(t: EditTarget, ps: ParseSite, shape: Shape, zod: { style: ZodStyle; edits: TextEdit[] }, request?: ts.Node): SchemaPlan | undefined {
  const { base, named } = baseName(ps);
  // Messages say "no invoice" when the answer has a name of its own, "no answer" when it is named after its function.
  const label = named ? words(base) : "answer";
  const declared = isDeclared(shape);
  const gaps = untyped(shape);
  if (shape.k === "ref") return { name: shape.name, label, style: zod.style, edits: [], declared: true, untyped: [] };
  const anchors = [ps.parse, ...(request && request.getSourceFile() === ps.parse.getSourceFile() ? [request] : [])];
  const stmt = anchors.map(topLevelStatement).filter((x): x is ts.Statement => !!x).sort((a, b) => a.pos - b.pos)[0];
  if (!stmt) return undefined;
  const sf = t.sf;
  const name = freeName(sf, `${base}${schemaSuffix(sf, zod.style.z, base, shape)}`);
  const head = `const ${name} = `;
  const semi = usesSemicolons(sf) ? ";" : "";
  const lines = [`${head}${zodText(shape, zod.style, head.length, "", indentUnit(sf.text))}${semi}`.split("\n").join(newlineOf(sf.text))];
  const note = todo(declared, gaps, zod.style.z, shape);
  if (note) lines.unshift(...wrapComment(note));
  return { name, label, style: zod.style, edits: [...zod.edits, declareBefore(t, stmt, lines)], declared, untyped: gaps };
}

function todo(declared: boolean, gaps: string[], z: string, shape: Shape): string | undefined {
  if (gaps.length) {
    const list = gaps.map((g) => `\`${g}\``).join(", ");
    const text = zodText(shape, { z, major: 4, quote: '"' });
    const placeholders = [`${z}.unknown()`, `${z}.any()`].filter((p) => text.includes(p)).join("/");
    return `TODO(llm-readiness): the code does not show the type of ${list}: replace ${placeholders}, and check the schema against the prompt.`;
  }
  if (declared) return undefined;
  return "TODO(llm-readiness): inferred from how the answer is used; check it against the prompt.";
}

/** A `//` comment in lines of at most 100 columns. */
function wrapComment(text: string): string[] {
  const lines: string[] = [];
  let line = "//";
  for (const word of text.split(" ")) {
    if (line.length + 1 + word.length > 100 && line !== "//") {
      lines.push(line);
      line = "//";
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}

/** `TicketLabels` → `ticket labels`, `URL` → `url`. */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/**
 * `Schema` after the name, unless the file names its schemas without it (`const Ticket = z.object(...)`);
 * always when a type of that name exists (the pattern `const X = z.object(); type X = z.infer<typeof X>` is left to the user).
 */
function schemaSuffix(sf: ts.SourceFile, z: string, base: string, shape: Shape): string {
  if (topLevel(sf).has(base)) return "Schema";
  // The check knows a schema by its name or by how it is built (`.object(...)`, `.array(...)`): other roots keep the suffix.
  if (!((shape.k === "object" && !shape.open) || shape.k === "array")) return "Schema";
  const schemas: string[] = [];
  for (const s of sf.statements) {
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.initializer && d.initializer.getText(sf).startsWith(`${z}.`)) schemas.push(d.name.text);
    }
  }
  return schemas.length && !schemas.some((n) => /Schema$/.test(n)) ? "" : "Schema";
}

const VERB = /^(get|fetch|extract|parse|generate|make|build|create|read|load|ask|classify|summari[sz]e|detect|find|compute|estimate|suggest|plan|analy[sz]e|review|tag|triage|run|call|do|to|llm|ai)(?=[A-Z])/;

/** The answer's name: the type it is cast to or declared as, the variable it is bound to, or (not `named`) the function that asks for it. */
function baseName(ps: ParseSite): { base: string; named: boolean } {
  const typeName = (t: ts.TypeNode | undefined) => (t && ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) ? t.typeName.text : undefined);
  const fromType = typeName(ps.cast?.type) ?? typeName(ps.declaration?.type);
  if (fromType) return { base: fromType, named: true };
  if (ps.declaration && ts.isIdentifier(ps.declaration.name) && !/^(data|json|result|res|response|parsed|out|output|obj|value|answer|raw|body|payload|reply|content|text)$/.test(ps.declaration.name.text)) {
    return { base: pascal(ps.declaration.name.text), named: true };
  }
  for (let p: ts.Node | undefined = ps.parse.parent; p; p = p.parent) {
    if (ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) {
      const n = p.name && ts.isIdentifier(p.name) ? p.name.text : undefined;
      const stripped = n?.replace(VERB, "");
      if (stripped) return { base: pascal(stripped), named: false };
      break;
    }
    if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && p.parent && ts.isVariableDeclaration(p.parent) && ts.isIdentifier(p.parent.name)) {
      return { base: pascal(p.parent.name.text.replace(VERB, "") || p.parent.name.text), named: false };
    }
  }
  return { base: "Answer", named: false };
}

function pascal(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
