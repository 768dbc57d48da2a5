/**
 * validation fixes (rules/docs/validation.md "Quick fix"): where the answer is parsed bare
 * (`JSON.parse(text)`), check it against a zod schema: structured output where the SDK has it
 * (validation/native.ts), else `Schema.safeParse(JSON.parse(text))` with a failure branch on the lines
 * before the statement that uses it (`Schema.parse` where the parse cannot be split out of its
 * expression; validation/checkedParse.ts). The schema is a scaffold, inferred
 * from declared types and from how the parsed value is used (validation/infer.ts), declared at
 * module level before the function. Offered only where zod is imported or a dependency.
 *
 * Wrapper sites: when the caller parses what the wrapper returns, the fix is at the caller's parse;
 * when the wrapper parses, the fix is inside the wrapper (the same fix as at its own SDK call), with
 * the schema inferred from what the callers read.
 */
import ts from "typescript";
import type { DetectedSite } from "../../callSites/detect";
import { dependenciesOf, type FixContext } from "../../fixes/context";
import { defineFix, type FixDraft } from "../../fixes/defineFix";
import { checkedParse } from "./fix/checkedParse";
import { ShapeInference } from "./fix/infer";
import { nativeFix } from "./fix/native";
import { uncheckedParse, useOf } from "./fix/parseSite";
import { planSchema, zodStyleOf } from "./fix/schemaDecl";
import { hasOpenOrUntyped, type Shape } from "./fix/shape";

/** Wrapper levels followed to the parse (as the check does). */
const MAX_DEPTH = 12;

export default defineFix({
  check: "validation",
  build: (ctx) => fixesFor(ctx, ctx.site, 0),
});

function fixesFor(ctx: FixContext, site: DetectedSite, depth: number): FixDraft[] {
  if (site.via !== "wrapper") return parseFixes(ctx, site, site.via);
  if (!site.inner || depth >= MAX_DEPTH) return [];
  // The caller parses the wrapper's text: fix the caller's parse.
  if (useOf(ctx.checks, site.call, "wrapper", ctx.checks.innermost(site).provider).value === "unchecked") return parseFixes(ctx, site, "wrapper");
  return fixesFor(ctx, site.inner, depth + 1);
}

function parseFixes(ctx: FixContext, site: DetectedSite, via: DetectedSite["via"]): FixDraft[] {
  const { checks } = ctx;
  const ps = uncheckedParse(checks, site, via);
  if (!ps) return [];
  const target = ctx.targetOf(ps.file);
  const deps = ps.file === ctx.site.file ? ctx.dependencies : dependenciesOf(ps.file.abs, checks.workspace.root);
  const zod = zodStyleOf(target, deps);
  if (!zod) return [];
  const inference = new ShapeInference({
    ev: checks.finder.ev,
    // A wrapper that returns the parsed answer: its callers say what they read from it.
    callersOf: (fn) => checks.sites.filter((s) => s.via === "wrapper" && s.wrapper === fn).map((s) => s.call),
    importedType: (spec, name, from) => {
      const f = checks.workspace.get(from.fileName);
      const target = f && spec.startsWith(".") ? checks.workspace.resolve(f, spec) : null;
      return target && "file" in target ? exportedType(target.file.sf, name) : undefined;
    },
  });
  const shape = inference.ofValue(ps.parse);
  if (!informative(shape)) return [];
  const schema = planSchema(target, ps, shape, zod, site.call);
  if (!schema) return [];
  // A cast the schema fully stands for goes: the parse gives that type now.
  const replaced = ps.cast && schema.declared ? ps.cast : ps.parse;
  const checked = checkedParse(target, ps, schema, replaced);
  const wrapper: FixDraft = {
    title: `Check the parsed answer against a zod schema (\`${schema.name}.${checked.method}\`)`,
    strategy: "wrapper",
    // Only a schema built from the types the code declares changes nothing but the finding (a bad answer throws where it used to be used).
    safe: schema.declared && !schema.untyped.length,
    edits: [...schema.edits, ...checked.edits],
  };
  const native = via === "sdk" ? nativeFix({ site, checks, target, ps, shape, schema, checkedParse: checked.edits }) : undefined;
  if (!native) return [wrapper];
  // Structured output first when the schema is complete; with parts left to the user, the check of the parse
  // (which accepts them as they come) is the one that works as written.
  return hasOpenOrUntyped(shape) ? [wrapper, native] : [native, wrapper];
}

/** Whether a shape says something to check: not a bare `unknown`, not an object with no known key. */
function informative(s: Shape): boolean {
  if (s.k === "unknown" || s.k === "any") return false;
  if (s.k === "object") return s.props.size > 0;
  return true;
}

/** An exported interface or type alias of a module, by name. */
function exportedType(sf: ts.SourceFile, name: string): ts.InterfaceDeclaration | ts.TypeAliasDeclaration | undefined {
  for (const st of sf.statements) {
    if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name.text === name && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return st;
  }
  return undefined;
}
