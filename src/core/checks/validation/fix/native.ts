/**
 * Structured output, per SDK: the request carries the schema and the SDK hands back the checked
 * object, in place of the text the code parsed. OpenAI chat and Responses (`.parse` with
 * `zodResponseFormat`/`zodTextFormat`), AI SDK (`output: Output.object({ schema })`), Google GenAI
 * (`responseJsonSchema`), LangChain (`withStructuredOutput`). Each applies only to the shapes of
 * code it knows (the answer read straight from the call's result in the same function); otherwise
 * the wrapper fix (`Schema.safeParse(JSON.parse(text))`) is what remains.
 */
import ts from "typescript";
import type { DetectedSite } from "../../../callSites/detect";
import type { CheckContext } from "../../checkContext";
import { constructionOf, methodOf } from "../structuredOutput";
import { ensureImport } from "../../../fixes/edit/imports";
import { addProperty, bare, propertyOf, replaceNode, setPath, type EditTarget } from "../../../fixes/edit/objects";
import { addProperties } from "../../../fixes/edit/properties";
import { insertAfter, insertBefore, removeStatement } from "../../../fixes/edit/blocks";
import { usesSemicolons } from "../../../fixes/edit/text";
import type { FixDraft } from "../../../fixes/defineFix";
import type { TextEdit } from "../../../fixes/types";
import { localName, referencesTo, resultDeclaration, scopeOf, unconditional, type ParseSite } from "./parseSite";
import type { SchemaPlan } from "./schemaDecl";
import { hasOpenOrUntyped, isStrict, str, type Shape } from "./shape";

export interface NativeInput {
  site: DetectedSite;
  checks: CheckContext;
  target: EditTarget;
  ps: ParseSite;
  shape: Shape;
  schema: SchemaPlan;
  /** The parse checked with the schema (`Schema.safeParse` and its failure branch, or `Schema.parse`): kept where the SDK returns text. */
  checkedParse: TextEdit[];
}

type Native = (n: NativeInput) => FixDraft | undefined;

/** The structured-output fix for the site's SDK, when the code has a shape this can rewrite. */
export function nativeFix(n: NativeInput): FixDraft | undefined {
  if (n.site.via !== "sdk" || n.ps.file !== n.site.file) return undefined;
  // A cast the schema does not fully stand for stays; the SDK's typed result would not need one.
  if (n.ps.cast && !n.schema.declared) return undefined;
  const provider = n.site.sdk?.id ?? n.site.provider;
  const method = methodOf(n.site, n.checks.finder) ?? "";
  const builders: Record<string, Native | undefined> = {
    openai: /(^|\.)responses\.create$/.test(method) ? openaiResponses : /(^|\.)chat\.completions\.create$/.test(method) ? openaiChat : undefined,
    "vercel-ai": method === "generateText" ? aiSdkGenerateText : undefined,
    google: /(^|\.)generateContent$/.test(method) ? googleGenerateContent : undefined,
    langchain: /(^|\.)invoke$/.test(n.site.callee) ? langchainInvoke : undefined,
  };
  return builders[provider]?.(n);
}

/** The request object literal (first argument), unless it streams. */
function requestLiteral(call: ts.CallExpression): ts.ObjectLiteralExpression | undefined {
  const arg = call.arguments[0];
  const obj = arg && bare(arg);
  if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
  const stream = propertyOf(obj, "stream");
  if (stream && !(ts.isPropertyAssignment(stream) && stream.initializer.kind === ts.SyntaxKind.FalseKeyword)) return undefined;
  return obj;
}

/** An OpenAI request `.parse` accepts as it is: its `.parse` methods refuse function tools that are not `strict`. */
function openaiRequest(call: ts.CallExpression): ts.ObjectLiteralExpression | undefined {
  const req = requestLiteral(call);
  return req && !propertyOf(req, "tools") ? req : undefined;
}

/** `x`, `x!`, `x as string`, `x ?? "{}"`, `x || ""`: the expression a parse's argument reads. */
function readOf(arg: ts.Expression): ts.Expression {
  let x = bare(arg);
  while (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || x.operatorToken.kind === ts.SyntaxKind.BarBarToken)) x = bare(x.left);
  return x;
}

/** Whether an access chain starts at the identifier `root`. */
function rootedAt(e: ts.Expression, root: ts.Identifier): boolean {
  let x: ts.Expression = e;
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isNonNullExpression(x) || ts.isParenthesizedExpression(x)) x = x.expression;
  return ts.isIdentifier(x) && x.text === root.text;
}

/** The identifier the site's awaited result is bound to. */
function resultName(site: DetectedSite): ts.Identifier | undefined {
  const d = resultDeclaration(site.call);
  return d && ts.isIdentifier(d.name) ? d.name : undefined;
}

/** The name structured outputs give the schema (`"title_and_tags"`). */
function formatName(schema: SchemaPlan): string {
  const snake = schema.name.replace(/Schema$/, "").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  return str(snake || "answer", schema.style.quote);
}

/**
 * Puts the SDK's parsed object (`T | null`) where the parse was, failing loudly when there is none
 * (a refusal, an empty answer; `why` is template-literal text saying which):
 * `const digest = <parsed>;` + `if (!digest) throw ...`, or the same two lines before the statement
 * when the parse sits inside it (destructuring, a return).
 */
function bindParsed(n: NativeInput, parsed: string, why: string): TextEdit[] | undefined {
  const { ps, target } = n;
  const semi = usesSemicolons(target.sf) ? ";" : "";
  const guard = (name: string) => `if (!${name}) throw new Error(\`The model returned no ${n.schema.label} (${why})\`)${semi}`;
  const decl = ps.declaration;
  // `const digest = <parsed>` narrows after the guard; an annotated one (`const d: Digest = ...`) would not accept the null first.
  if (decl && ts.isIdentifier(decl.name) && !decl.type && ps.statement && ts.isVariableStatement(ps.statement) && ps.statement.declarationList.declarations.length === 1) {
    return [replaceNode(target, ps.outer, parsed), insertAfter(target, ps.statement, [guard(decl.name.text)])];
  }
  if (!ps.statement || !unconditional(ps.outer, ps.statement)) return undefined;
  const name = localName(ps.outer, "parsed");
  return [insertBefore(target, ps.statement, [`const ${name} = ${parsed}${semi}`, guard(name)]), replaceNode(target, ps.outer, name)];
}

/** OpenAI chat: `chat.completions.parse` + `response_format: zodResponseFormat(S, "name")`, read `.message.parsed`. */
const openaiChat: Native = (n) => {
  const { site, target, ps, schema } = n;
  const req = openaiRequest(site.call);
  const root = resultName(site);
  if (!req || !root || !isStrict(n.shape) || !ts.isPropertyAccessExpression(site.call.expression)) return undefined;
  const read = readOf(ps.parse.arguments[0]!);
  if (!ts.isPropertyAccessExpression(read) || read.name.text !== "content" || !rootedAt(read, root)) return undefined;
  const message = read.expression.getText(target.sf);
  const bound = bindParsed(n, `${message}.parsed`, `\${${message}.refusal ?? ${str("empty content", schema.style.quote)}}`);
  if (!bound) return undefined;
  const helper = ensureImport(target, "openai/helpers/zod", { named: "zodResponseFormat" });
  const format = `${helper.name}(${schema.name}, ${formatName(schema)})`;
  const existing = propertyOf(req, "response_format");
  return {
    title: `Use structured output: \`chat.completions.parse\` with \`${helper.name}(${schema.name})\``,
    strategy: "native",
    safe: false,
    edits: [
      ...schema.edits,
      ...helper.edits,
      replaceNode(target, site.call.expression.name, "parse"),
      existing ? setPath(target, req, ["response_format"], format) : addProperty(target, req, `response_format: ${format}`),
      ...bound,
    ],
  };
};

/** OpenAI Responses: `responses.parse` + `text: { format: zodTextFormat(S, "name") }`, read `.output_parsed`. */
const openaiResponses: Native = (n) => {
  const { site, target, ps, schema } = n;
  const req = openaiRequest(site.call);
  const root = resultName(site);
  if (!req || !root || !isStrict(n.shape) || !ts.isPropertyAccessExpression(site.call.expression)) return undefined;
  const read = readOf(ps.parse.arguments[0]!);
  if (!ts.isPropertyAccessExpression(read) || read.name.text !== "output_text" || !ts.isIdentifier(read.expression) || read.expression.text !== root.text) return undefined;
  const bound = bindParsed(n, `${root.text}.output_parsed`, `status: \${${root.text}.status}`);
  if (!bound) return undefined;
  const helper = ensureImport(target, "openai/helpers/zod", { named: "zodTextFormat" });
  return {
    title: `Use structured output: \`responses.parse\` with \`${helper.name}(${schema.name})\``,
    strategy: "native",
    safe: false,
    edits: [...schema.edits, ...helper.edits, replaceNode(target, site.call.expression.name, "parse"), setPath(target, req, ["text", "format"], `${helper.name}(${schema.name}, ${formatName(schema)})`), ...bound],
  };
};

/**
 * AI SDK: `output: Output.object({ schema })` on `generateText`, read `output` in place of parsing
 * `text` (the SDK validates it and throws when the model's answer does not match).
 */
const aiSdkGenerateText: Native = (n) => {
  const { site, target, ps, schema } = n;
  const req = requestLiteral(site.call);
  const decl = resultDeclaration(site.call);
  if (!req || !decl || propertyOf(req, "output") || propertyOf(req, "experimental_output") || !isStrict(n.shape)) return undefined;
  const read = readOf(ps.parse.arguments[0]!);
  const out = ensureImport(target, "ai", { named: "Output" });
  const edits: TextEdit[] = [...schema.edits, ...out.edits, addProperty(target, req, `output: ${out.name}.object({ schema: ${schema.name} })`)];
  const value = (expr: string) => replaceNode(target, ps.outer, expr);
  if (ts.isIdentifier(decl.name) && ts.isPropertyAccessExpression(read) && read.name.text === "text" && ts.isIdentifier(read.expression) && read.expression.text === decl.name.text) {
    edits.push(value(`${decl.name.text}.output`));
  } else if (ts.isObjectBindingPattern(decl.name) && ts.isIdentifier(read)) {
    const el = decl.name.elements.find((e) => ts.isIdentifier(e.name) && e.name.text === read.text && (e.propertyName ? ts.isIdentifier(e.propertyName) && e.propertyName.text === "text" : true));
    if (!el || el.initializer || el.dotDotDotToken) return undefined;
    const others = referencesTo(el.name as ts.Identifier, scopeOf(decl)).filter((r) => r !== read);
    const taken = decl.name.elements.some((e) => ts.isIdentifier(e.name) && e.name.text === "output");
    if (taken) return undefined;
    const collapse = !others.length && ps.declaration && ts.isIdentifier(ps.declaration.name) && !ps.declaration.type && ps.outer === ps.declaration.initializer && ps.statement && ts.isVariableStatement(ps.statement) && ps.statement.declarationList.declarations.length === 1;
    const removed = collapse ? removeStatement(target, ps.statement!) : undefined;
    if (collapse && removed) {
      // `const { text } = ...; const notes = JSON.parse(text);` → `const { output: notes } = ...`.
      const local = (ps.declaration!.name as ts.Identifier).text;
      edits.push(replaceNode(target, el, local === "output" ? "output" : `output: ${local}`), removed);
    } else if (others.length) {
      edits.push({ file: target.file, start: el.getEnd(), end: el.getEnd(), newText: ", output" }, value("output"));
    } else {
      edits.push(replaceNode(target, el, "output"), value("output"));
    }
  } else return undefined;
  return { title: `Use structured output: \`output: ${out.name}.object({ schema: ${schema.name} })\``, strategy: "native", safe: false, edits };
};

/**
 * Google GenAI: `responseMimeType: "application/json"` + `responseJsonSchema: z.toJSONSchema(S)` in
 * `config`; the text is still parsed, now with the schema (zod 4 for `toJSONSchema`).
 */
const googleGenerateContent: Native = (n) => {
  const { site, target, schema } = n;
  const req = requestLiteral(site.call);
  if (!req || schema.style.major !== 4 || hasOpenOrUntyped(n.shape)) return undefined;
  const jsonSchema = `responseJsonSchema: ${schema.style.z}.toJSONSchema(${schema.name})`;
  const mime = `responseMimeType: ${str("application/json", schema.style.quote)}`;
  const config = propertyOf(req, "config");
  let edit: TextEdit;
  if (!config) edit = addProperty(target, req, `config: { ${mime}, ${jsonSchema} }`);
  else {
    const obj = ts.isPropertyAssignment(config) ? bare(config.initializer) : undefined;
    if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
    edit = addProperties(target, obj, propertyOf(obj, "responseMimeType") ? [jsonSchema] : [mime, jsonSchema]);
  }
  return {
    title: `Use structured output: \`responseJsonSchema\` from \`${schema.name}\`, and parse the answer with it`,
    strategy: "native",
    safe: false,
    edits: [...schema.edits, edit, ...n.checkedParse],
  };
};

/** LangChain: `model.withStructuredOutput(S).invoke(...)` returns the checked object; the parse goes. */
const langchainInvoke: Native = (n) => {
  const { site, checks, target, ps, schema } = n;
  const callee = site.call.expression;
  const decl = resultDeclaration(site.call);
  if (!ts.isPropertyAccessExpression(callee) || !decl || !ts.isIdentifier(decl.name) || !isStrict(n.shape)) return undefined;
  // Only a chat model has `withStructuredOutput`; a chain or a model with tools bound does not (or means something else).
  const built = constructionOf(site, checks.finder);
  if (!built.length || !built.every((c) => ts.isNewExpression(c) && /^Chat\w+$/.test(c.expression.getText()))) return undefined;
  const root = decl.name;
  const read = bare(ps.parse.arguments[0]!);
  const text = ts.isCallExpression(read) && read.arguments.length === 1 && read.expression.getText() === "String" ? bare(read.arguments[0]!) : read;
  if (!ts.isPropertyAccessExpression(text) || !/^(content|text)$/.test(text.name.text) || !ts.isIdentifier(text.expression) || text.expression.text !== root.text) return undefined;
  const others = referencesTo(root, scopeOf(decl)).filter((r) => r !== text.expression);
  if (others.length) return undefined;
  const edits: TextEdit[] = [...schema.edits, { file: target.file, start: callee.expression.getEnd(), end: callee.expression.getEnd(), newText: `.withStructuredOutput(${schema.name})` }];
  const local = ps.declaration && ts.isIdentifier(ps.declaration.name) && !ps.declaration.type && ps.outer === ps.declaration.initializer && ps.statement && ts.isVariableStatement(ps.statement) && ps.statement.declarationList.declarations.length === 1 ? ps.declaration.name.text : undefined;
  const removed = local ? removeStatement(target, ps.statement!) : undefined;
  if (local && removed) {
    // `const res = await model.invoke(q); const review = JSON.parse(res.content as string);` → `const review = await model.withStructuredOutput(S).invoke(q);`
    edits.push(replaceNode(target, root, local), removed);
  } else edits.push(replaceNode(target, ps.outer, root.text));
  return { title: `Use structured output: \`withStructuredOutput(${schema.name})\``, strategy: "native", safe: false, edits };
};
