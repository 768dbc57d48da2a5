/**
 * Which scanned files can take part in an LLM call: those that import an SDK, an HTTP client or
 * an observability wrapper, or call fetch, and every file that imports one of those (it may call
 * a wrapper). The rest are kept as text only (project.ts DormantFile): the scan stays near the
 * parse floor in time and memory on large workspaces.
 */
import ts from "typescript";
import type { Workspace } from "./project";

export interface ModuleSummary {
  /** Module specifiers it imports, re-exports or requires. */
  specs: string[];
  /** Interfaces its top-level classes implement. */
  implements: string[];
  /** It reaches an LLM on its own (imports a known package, or sends fetch/http requests). */
  seed: boolean;
}

const REQUIRE_OR_IMPORT = /\b(?:require|import)\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g;
const SENDS_HTTP = /\bfetch\s*\(|\bhttps?\.(?:request|get)\s*\(/;
/**
 * An SDK method called on a client the file does not import (injected, cast, behind a Proxy): the
 * member paths of the catalog's call shapes (rules/providers/*.json `shapes`), so such files are parsed.
 */
const SDK_SHAPE = /\.(?:chat\.completions|completions|messages|responses|embeddings|models|chat|images|audio\.\w+)\s*\.\s*(?:create|parse|stream|complete|generate|generateContent|generateContentStream|embedContent)\s*\(/;

/** What summarize reads of a tree, by tree: the eval test index asks again for every file on each update. */
const read = new WeakMap<ts.SourceFile, { specs: string[]; implements: string[]; sendsHttp: boolean }>();

export function summarize(sf: ts.SourceFile, text: string, isKnown: (spec: string) => boolean): ModuleSummary {
  let r = sf.text === text ? read.get(sf) : undefined;
  if (!r) {
    r = readModule(sf, text);
    if (sf.text === text) read.set(sf, r);
  }
  return { specs: r.specs, implements: r.implements, seed: r.specs.some(isKnown) || r.sendsHttp };
}

/** The summary from the text as it is now (no memo): a trivia edit checks with it that nothing summarize reads moved. */
export function summarizeAfresh(sf: ts.SourceFile, text: string, isKnown: (spec: string) => boolean): ModuleSummary {
  const r = readModule(sf, text);
  return { specs: r.specs, implements: r.implements, seed: r.specs.some(isKnown) || r.sendsHttp };
}

/** Whether two summaries say the same (imports in order, implemented interfaces, seed). */
export function sameSummary(a: ModuleSummary, b: ModuleSummary): boolean {
  const eq = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return a.seed === b.seed && eq(a.specs, b.specs) && eq(a.implements, b.implements);
}

function readModule(sf: ts.SourceFile, text: string): { specs: string[]; implements: string[]; sendsHttp: boolean } {
  const specs: string[] = [];
  const implementsNames: string[] = [];
  for (const st of sf.statements) {
    if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      specs.push(st.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) && ts.isStringLiteral(st.moduleReference.expression)) {
      specs.push(st.moduleReference.expression.text);
    } else if (ts.isClassDeclaration(st)) {
      for (const h of st.heritageClauses ?? []) {
        if (h.token !== ts.SyntaxKind.ImplementsKeyword) continue;
        for (const t of h.types) {
          const e = t.expression;
          const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
          if (name) implementsNames.push(name);
        }
      }
    }
  }
  if (text.includes("require") || text.includes("import(")) {
    for (const m of text.matchAll(REQUIRE_OR_IMPORT)) specs.push(m[1]!);
  }
  // Raw HTTP, or a call shaped like an SDK method on a client the file did not import (injected).
  return { specs, implements: implementsNames, sendsHttp: SENDS_HTTP.test(text) || SDK_SHAPE.test(text) };
}

/** Import edges between scanned files, both ways (packages left out). */
export interface ImportGraph {
  imports: Map<string, string[]>;
  importers: Map<string, string[]>;
}

export function importGraph(ws: Workspace, summaries: ReadonlyMap<string, ModuleSummary>): ImportGraph {
  const imports = new Map<string, string[]>();
  const importers = new Map<string, string[]>();
  for (const [abs, s] of summaries) {
    const out: string[] = [];
    for (const spec of s.specs) {
      const t = ws.resolvePath(abs, spec);
      if (!t || "pkg" in t || !summaries.has(t.abs)) continue;
      out.push(t.abs);
      const list = importers.get(t.abs) ?? [];
      list.push(abs);
      importers.set(t.abs, list);
    }
    imports.set(abs, out);
  }
  return { imports, importers };
}

/** Recomputes the edges of `changed` files in place (their contents changed; no file appeared or vanished). */
export function updateGraph(graph: ImportGraph, ws: Workspace, summaries: ReadonlyMap<string, ModuleSummary>, changed: Iterable<string>): void {
  for (const abs of changed) {
    for (const old of graph.imports.get(abs) ?? []) {
      const list = graph.importers.get(old);
      if (list) graph.importers.set(old, list.filter((x) => x !== abs));
    }
    graph.imports.delete(abs);
    const s = summaries.get(abs);
    if (!s) continue;
    const out: string[] = [];
    for (const spec of s.specs) {
      const t = ws.resolvePath(abs, spec);
      if (!t || "pkg" in t || !summaries.has(t.abs)) continue;
      out.push(t.abs);
      const list = graph.importers.get(t.abs) ?? [];
      list.push(abs);
      graph.importers.set(t.abs, list);
    }
    graph.imports.set(abs, out);
  }
}

/** Every file reachable from `start` along `edges` (start included). */
export function closure(start: Iterable<string>, edges: ReadonlyMap<string, string[]>): Set<string> {
  const seen = new Set<string>(start);
  const queue = [...seen];
  while (queue.length) {
    for (const next of edges.get(queue.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** Seeds and every file that imports a relevant file, transitively (reverse import edges). */
export function relevantFiles(ws: Workspace, summaries: ReadonlyMap<string, ModuleSummary>, graph: ImportGraph = importGraph(ws, summaries)): Set<string> {
  return closure([...summaries].filter(([, s]) => s.seed).map(([abs]) => abs), graph.importers);
}
