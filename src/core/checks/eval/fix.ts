/**
 * eval fixes (rules/docs/eval.md "Quick fix"): create an eval of the exported function that runs the
 * call, in the workspace's own runner (evalite, vitest, jest, node:test), with one case that calls
 * it with sample inputs and asserts on the shape of its result. The eval calls the real model, so
 * it is skipped without the provider's credentials, and the fix is never applied by fix-all.
 */
import path from "node:path";
import ts from "typescript";
import { isCommonJs, relativeSpecifier } from "../../fixes/edit/imports";
import { indentUnit, newlineOf, quoteOf, usesSemicolons } from "../../fixes/edit/text";
import { defineFix } from "../../fixes/defineFix";
import type { FixContext } from "../../fixes/context";
import { formatMs } from "../timeout/fix";
import { evalRunners } from "./fix/data";
import { entryFor, type Entry } from "./fix/entry";
import { RESERVED, renderEval, stringLiteral, type Arg, type EvalSpec } from "./fix/render";
import { apiKeyEnv, detectRunner, extensionFor, jestGlobals, packageOf, placement, testFilesOf, type TestFile } from "./fix/runner";
import { fileBase, namedSample, sampleOf, Shapes, type SampleWriter } from "./fix/shapes";

/** A model call takes seconds: the runners' 5 s default is too short, and the test must outlast the request's own timeout. */
const MIN_TEST_TIMEOUT_MS = 60_000;

/** Longer sample inputs are declared before the call, under the parameter's name. */
const LONG_ARGUMENT = 40;

export default defineFix({
  check: "eval",
  build(ctx) {
    const { site, checks } = ctx;
    const sf = site.file.sf;
    // CommonJS exports (`module.exports = ...`) are not read here: no fix rather than a wrong import.
    if (isCommonJs(sf)) return [];
    // A call made by a test file is the test's own business.
    if (checks.isTestFile(site.file.rel)) return [];
    const base = fileBase(site.file.rel);
    const entry = entryFor(site.call, base);
    if (!entry) return [];
    const shapes = new Shapes(checks.workspace);
    const result = shapes.returnOf(entry.fn);
    // A function that returns nothing leaves nothing to assert on: its effect needs a test written by hand.
    if (result.t === "void") return [];

    const data = evalRunners();
    const pkg = packageOf(site.file.abs, checks.workspace.root);
    const tests = testFilesOf(checks, pkg.dir);
    const runner = detectRunner(data, pkg, tests);
    const where = placement(pkg.dir, site.file.rel, tests, runner === "evalite");
    const ext = extensionFor(site.file.rel);
    const file = freeFile(ctx, where.dir, base, entry, where.suffix, ext);
    if (!file) return [];

    const typed = /\.[cm]?ts$/.test(ext);
    const style = { q: quoteOf(sf), semi: usesSemicolons(sf), indent: indentUnit(sf.text), nl: newlineOf(sf.text) };
    const writer: SampleWriter = { string: (s) => stringLiteral(s, style.q), indent: style.indent };
    const local = RESERVED.has(entry.local) ? `${entry.local}Fn` : entry.local;
    const e: Entry = { ...entry, local, label: entry.label.replace(entry.local, local) };
    const taken = new Set([...RESERVED, local]);
    const spec: EvalSpec = {
      runner,
      jestGlobals: runner === "jest" && jestGlobals(pkg, tests),
      typed,
      specifier: typed ? relativeSpecifier(styleSource(tests, sf), file, site.file.rel) : jsSpecifier(file, site.file.rel),
      entry: e,
      ctorArgs: e.via.t === "instance" && e.via.ctor ? argsOf(e.via.ctor, shapes, data.samples, writer, taken) : [],
      args: argsOf(e.fn, shapes, data.samples, writer, taken),
      result,
      env: apiKeyEnv(data, site, checks),
      timeout: formatMs(Math.max(MIN_TEST_TIMEOUT_MS, 2 * ctx.options.timeoutMs)),
      style,
    };
    return [
      {
        title: `Add a ${runner} eval of \`${e.label}\` in \`${file}\``,
        strategy: "native",
        // It calls a paid API with inputs the user should review: offered, never applied by fix-all.
        safe: false,
        edits: [],
        create: [{ file, text: renderEval(spec) }],
      },
    ];
  },
});

/** The arguments of a call: samples from the parameter types and names, placeholders where the types say too little. */
function argsOf(fn: ts.SignatureDeclaration, shapes: Shapes, samples: ReturnType<typeof evalRunners>["samples"], w: SampleWriter, taken: Set<string>): Arg[] {
  const params = [...fn.parameters];
  if (params[0] && ts.isIdentifier(params[0].name) && params[0].name.text === "this") params.shift();
  // Trailing optional parameters are left out: the function's defaults are what production uses.
  let last = params.length - 1;
  while (last >= 0 && (params[last]!.questionToken || params[last]!.initializer || params[last]!.dotDotDotToken)) last--;
  const out: Arg[] = [];
  for (let i = 0; i <= last; i++) {
    const p = params[i]!;
    if (p.dotDotDotToken) break;
    const name = ts.isIdentifier(p.name) ? p.name.text : `input${i + 1}`;
    if (p.questionToken || p.initializer) {
      out.push({ text: "undefined" });
      continue;
    }
    // An untyped parameter (JavaScript) named like text gets a text sample; other untyped ones a placeholder.
    const shape = p.type ? shapes.ofType(p.type) : ts.isIdentifier(p.name) ? { t: "string" as const } : { t: "unknown" as const };
    const text = p.type || namedSample(samples.strings, name) !== undefined ? sampleOf(shape, name, samples, w, 1) : undefined;
    if (text === undefined) {
      out.push({ placeholder: unique(name, taken), index: i, array: !!p.type && (ts.isArrayTypeNode(p.type) || (ts.isTypeReferenceNode(p.type) && ts.isIdentifier(p.type.typeName) && /^(Readonly)?Array$/.test(p.type.typeName.text))) });
    } else if (text.length > LONG_ARGUMENT || text.includes("\n")) out.push({ text, local: unique(name, taken) });
    else out.push({ text });
  }
  return out;
}

function unique(name: string, taken: Set<string>): string {
  let local = name;
  for (let k = 2; taken.has(local); k++) local = `${name}${k}`;
  taken.add(local);
  return local;
}

/** JavaScript runs unbundled under node: an ES module import names the file with its extension. */
function jsSpecifier(fromRel: string, toRel: string): string {
  const spec = path.posix.relative(path.posix.dirname(fromRel), toRel);
  return spec.startsWith(".") ? spec : `./${spec}`;
}

/** A test file that imports workspace modules sets how specifiers are written (`.js` extensions); else the site's file. */
function styleSource(tests: readonly TestFile[], site: ts.SourceFile): ts.SourceFile {
  for (const t of tests.slice(0, 20)) {
    const sf = t.sf();
    if (sf.statements.some((s) => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text.startsWith("."))) return sf;
  }
  return site;
}

/** A name for the new file that no file has: `summarize.test.ts`, then `summarize.eval.test.ts`, `summarize.<function>.test.ts`, `summarize-2.test.ts`... */
function freeFile(ctx: FixContext, dir: string, base: string, entry: Entry, suffix: string, ext: string): string | undefined {
  const at = (name: string) => path.posix.join(dir, `${name}${suffix}${ext}`);
  const fn = entry.via.t === "call" ? entry.local : `${entry.local}.${entry.via.t === "instance" ? entry.via.method : entry.via.member}`;
  const candidates = [base, ...(suffix === ".eval" ? [] : [`${base}.eval`]), ...(fn !== base ? [`${base}.${fn}`] : [])];
  for (let i = 2; i < 20; i++) candidates.push(`${base}-${i}`);
  return candidates.map(at).find((f) => !ctx.exists(f));
}
