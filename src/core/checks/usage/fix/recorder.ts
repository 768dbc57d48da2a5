/**
 * What records the usage a fix reads: the user's own helper when the configuration names one
 * (`wrappers.usage`) and its parameters say where each fact goes, else the generated `recordUsage`
 * helper in the helper file.
 */
import ts from "typescript";
import { topLevel } from "../../../callSites/scope";
import type { ParsedFile } from "../../../project";
import type { FixContext } from "../../../fixes/context";
import { ensureImport } from "../../../fixes/edit/imports";
import type { EditTarget } from "../../../fixes/edit/objects";
import { quoteOf } from "../../../fixes/edit/text";
import { useHelper, workspaceSpecifier } from "../../../fixes/helperFile";
import type { NewFile, TextEdit } from "../../../fixes/types";
import { RECORD_USAGE } from "./recordUsageHelper";

/** The facts of one response, as code in the site's file. */
export interface UsageFacts {
  provider: string;
  /** The model that answered: an expression, or a string literal of the requested model. */
  model?: string;
  /** The function the call is in. */
  feature?: string;
  /** The usage object. */
  usage: string;
  /** The whole response, when a local holds it. */
  response?: string;
  /** The usage may be absent (`usage?:` in the SDK's type) and nothing narrowed it yet. */
  optional: boolean;
}

export interface Recorder {
  /** The helper's name in the site's file. */
  name: string;
  /** Whose helper it is, for the fix's title. */
  owner: "generated" | "yours";
  /** The call recording the facts, and the condition it needs (undefined when this recorder cannot take them). */
  record(f: UsageFacts): { code: string; guard?: string } | undefined;
  edits: TextEdit[];
  create: NewFile[];
}

/** The user's helper when one fits, else the generated one. */
export function recorderFor(ctx: FixContext, into: EditTarget, facts: UsageFacts): Recorder {
  const yours = userRecorder(ctx, into);
  if (yours?.record(facts)) return yours;
  return generatedRecorder(ctx, into);
}

export function generatedRecorder(ctx: FixContext, into: EditTarget): Recorder {
  const use = useHelper(ctx, RECORD_USAGE, into);
  const q = quoteOf(into.sf);
  return {
    name: use.name,
    owner: "generated",
    edits: use.edits,
    create: use.create,
    record(f) {
      const fields = [`provider: ${q}${f.provider}${q}`];
      if (f.model) fields.push(`model: ${f.model}`);
      if (f.feature) fields.push(`feature: ${q}${f.feature}${q}`);
      fields.push(f.usage === "usage" ? "usage" : `usage: ${f.usage}`);
      return { code: `${use.name}({ ${fields.join(", ")} })` };
    },
  };
}

/** A function the configuration names as recording usage, declared (and exported) in a workspace file. */
function userRecorder(ctx: FixContext, into: EditTarget): Recorder | undefined {
  for (const wanted of ctx.checks.settings.wrappers.usage) {
    if (wanted.includes(".")) continue;
    const found = declaration(ctx, into, wanted);
    if (!found) continue;
    const { fn, file } = found;
    let name = wanted;
    let edits: TextEdit[] = [];
    if (file.rel !== into.file) {
      const imported = ensureImport(into, workspaceSpecifier(ctx, into, file.rel), { named: wanted });
      name = imported.name;
      edits = imported.edits;
    }
    const q = quoteOf(into.sf);
    return {
      name,
      owner: "yours",
      edits,
      create: [],
      record(f) {
        const args = argumentsFor(fn, f, q);
        return args && { code: `${name}(${args.list.join(", ")})`, guard: args.guard };
      },
    };
  }
  return undefined;
}

function declaration(ctx: FixContext, into: EditTarget, name: string): { fn: ts.SignatureDeclaration; file: ParsedFile } | undefined {
  const files = [...ctx.checks.workspace.files.values()].filter((f) => !ctx.checks.isTestFile(f.rel));
  // The site's own file first (a local helper needs no import), then the rest of the workspace.
  files.sort((a, b) => Number(b.rel === into.file) - Number(a.rel === into.file));
  for (const file of files) {
    const b = topLevel(file.sf).get(name);
    if (!b) continue;
    let fn: ts.SignatureDeclaration | undefined;
    let stmt: ts.Node | undefined;
    if (b.kind === "function" && ts.isFunctionDeclaration(b.node)) {
      fn = b.node;
      stmt = b.node;
    } else if (b.kind === "var" && b.decl.initializer && (ts.isArrowFunction(b.decl.initializer) || ts.isFunctionExpression(b.decl.initializer))) {
      fn = b.decl.initializer;
      stmt = b.decl.parent.parent;
    }
    if (!fn || !stmt) continue;
    const exported = ts.canHaveModifiers(stmt) && !!ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (file.rel === into.file || exported) return { fn, file };
  }
  return undefined;
}

/**
 * The arguments of the user's helper, by what each parameter is called: the usage (`usage`, `tokens`),
 * the response, the model, the provider, a feature label. Undefined when a required parameter is none
 * of these or neither the usage nor the response goes in.
 */
function argumentsFor(fn: ts.SignatureDeclaration, f: UsageFacts, q: string): { list: string[]; guard?: string } | undefined {
  const sf = fn.getSourceFile();
  const list: string[] = [];
  let guard: string | undefined;
  let carries = false;
  for (const p of fn.parameters) {
    const optional = !!p.questionToken || !!p.initializer || !!p.dotDotDotToken;
    if (!ts.isIdentifier(p.name)) return undefined;
    const n = p.name.text;
    const type = p.type?.getText(sf) ?? "";
    const stringy = !type || /\bstring\b/.test(type);
    let arg: string | undefined;
    if (/usage|tokens/i.test(n) || /usage/i.test(type)) {
      arg = f.usage;
      carries = true;
      // A helper that wants a usage object gets one: the call runs when the response has it.
      if (f.optional && !optional && type && !/\b(undefined|null|any|unknown)\b/.test(type)) guard = f.usage;
    } else if (/^(res|response|completion|result|message|reply|output|answer|data)$/i.test(n)) {
      arg = f.response;
      carries = !!arg;
    } else if (/model/i.test(n) && stringy) arg = f.model?.startsWith(q) ? f.model : undefined;
    else if (/provider|vendor/i.test(n) && stringy) arg = `${q}${f.provider}${q}`;
    else if (/feature|name|label|operation|route|source|tag|kind|purpose|context|scope|key/i.test(n) && stringy) arg = `${q}${f.feature ?? f.provider}${q}`;
    if (arg === undefined) {
      if (optional) break;
      return undefined;
    }
    list.push(arg);
  }
  return carries ? { list, guard } : undefined;
}
