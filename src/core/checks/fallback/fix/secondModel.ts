/**
 * The fallback that asks another model (`llmReadiness.fix.fallbackModel`): the same request with the
 * model swapped, in a `.catch` on the call's promise. The `.catch` keeps the result where it was
 * (`const res = await create(...).catch(...)`), so nothing about the variables around it changes.
 */
import ts from "typescript";
import type { FixContext } from "../../../fixes/context";
import type { FixDraft } from "../../../fixes/defineFix";
import { bare, propertyOf } from "../../../fixes/edit/objects";
import { indentLines } from "../../../fixes/edit/tryCatch";
import { indentAt, indentUnit, newlineOf, quoteOf, usesSemicolons } from "../../../fixes/edit/text";
import { enclosingFunction } from "../../../callSites/scope";

export function secondModel(ctx: FixContext): FixDraft | undefined {
  const fallback = ctx.options.fallbackModel;
  const { site, target: t } = ctx;
  if (!fallback || site.via !== "sdk" || !site.sdk || site.model === fallback) return undefined;
  // The SDK serves one vendor's models: another vendor's model id would fail on every fallback.
  if (site.sdk.models && !new RegExp(site.sdk.models, "i").test(fallback)) return undefined;
  const call = site.call;
  if (!returnsPromise(call)) return undefined;
  const model = modelProperty(call, site.sdk.options.model);
  if (!model) return undefined;

  const sf = t.sf;
  const text = sf.text;
  const q = quoteOf(sf);
  const quoted = `${q}${fallback}${q}`;
  const start = call.getStart(sf);
  // The model in the copy: the argument of a provider function (`openai("gpt-4o-mini")`), else the value itself.
  let at: ts.Node = model;
  let replacement = `${model.name.getText(sf)}: ${quoted}`;
  if (ts.isPropertyAssignment(model)) {
    const init = bare(model.initializer);
    const arg = ts.isCallExpression(init) ? init.arguments[0] : undefined;
    at = arg && ts.isStringLiteralLike(arg) ? arg : model.initializer;
    replacement = quoted;
  }
  // An AI SDK model is a provider's object (`openai("gpt-4o-mini")`); a string there means the AI
  // Gateway, so one is written only where the request already names its model that way.
  if (site.sdk.id === "vercel-ai" && !ts.isStringLiteralLike(at)) return undefined;
  const copy = text.slice(start, at.getStart(sf)) + replacement + text.slice(at.getEnd(), call.getEnd());

  const nl = newlineOf(text);
  const unit = indentUnit(text);
  const indent = indentAt(text, call.getEnd() - 1);
  const semi = usesSemicolons(sf) ? ";" : "";
  const from = site.model ? `${site.model} failed` : "the model call failed";
  const body = [`console.warn(${q}${from}; asking ${fallback}${q}, err)${semi}`, `return ${indentLines(copy, unit, nl)}${semi}`];
  const handler = `.catch((err) => {${nl}${body.map((l) => `${indent}${unit}${l}`).join(nl)}${nl}${indent}})`;
  return {
    title: `Ask \`${fallback}\` when the call fails (the fallback model in the settings)`,
    strategy: "native",
    // A second model changes cost and answers: the user confirms it per call.
    safe: false,
    edits: [{ file: t.file, start: call.getEnd(), end: call.getEnd(), newText: handler }],
  };
}

/**
 * Whether the call gives a promise that is awaited or returned as it is: streaming helpers
 * (`streamText`, `messages.stream`) return objects that fail while they are read, not promises.
 */
function returnsPromise(call: ts.CallExpression): boolean {
  const callee = call.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : "";
  if (/^stream/.test(name)) return false;
  let x: ts.Node = call;
  while (x.parent && ts.isParenthesizedExpression(x.parent)) x = x.parent;
  const p = x.parent;
  if (!p) return false;
  if (ts.isAwaitExpression(p)) return true;
  if (ts.isReturnStatement(p)) {
    const fn = enclosingFunction(call);
    return !!fn && !!ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  }
  return false;
}

/** The request's model property (`model`, Bedrock's `modelId` inside `new ConverseCommand({...})`), from the provider's option names. */
function modelProperty(call: ts.CallExpression, keys: readonly string[]): ts.PropertyAssignment | ts.ShorthandPropertyAssignment | undefined {
  for (const a of call.arguments) {
    let x = bare(a);
    if (ts.isNewExpression(x) && x.arguments?.[0]) x = bare(x.arguments[0]);
    if (!ts.isObjectLiteralExpression(x)) continue;
    for (const k of keys) {
      const p = propertyOf(x, k);
      if (p && (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p))) return p;
    }
  }
  return undefined;
}
