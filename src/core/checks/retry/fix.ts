/**
 * retry fixes (rules/docs/retry.md "Quick fix"). Native first: the SDK's retry option where
 * rules/providers/<id>.json `fixes.retry` says (`maxRetries` on the request, the client's
 * `maxRetries`/`maxAttempts`, Google `retryOptions`, LangChain `.withRetry`). Otherwise the call is
 * wrapped: in the user's retry wrapper when the config names one, in p-retry when the workspace
 * has it, else in a generated `withRetry` (retryHelper.ts) in the helper file. A wrapper call is
 * fixed at the request inside the wrapper, where every caller benefits.
 */
import ts from "typescript";
import type { DetectedSite } from "../../callSites/detect";
import { topLevel } from "../../callSites/scope";
import type { FunctionNode } from "../../callSites/values";
import { parseSource } from "../../project";
import type { FixContext } from "../../fixes/context";
import { dependenciesOf } from "../../fixes/context";
import { defineFix, type FixDraft } from "../../fixes/defineFix";
import { ensureImport, isCommonJs } from "../../fixes/edit/imports";
import type { EditTarget } from "../../fixes/edit/objects";
import { helperPath, useHelper, workspaceSpecifier } from "../../fixes/helperFile";
import { clientPlace, clientSetting, fillValue, insideWrapper, placeApplies, placesOf, receiverPlace, requestPlace, requestSetting, targetOfNode, type PlacedOption } from "../../fixes/optionPlaces";
import { HELPER_DEFAULT_RETRIES, WITH_RETRY } from "./retryHelper";
import type { TextEdit } from "../../fixes/types";

export default defineFix({
  check: "retry",
  build(ctx) {
    const inner = ctx.checks.innermost(ctx.site);
    const where = (d: FixDraft): FixDraft => (inner === ctx.site ? d : { ...d, title: `${d.title} ${insideWrapper(inner)}` });
    const native = inner.via === "sdk" && inner.sdk ? nativeFixes(ctx, inner).map(where) : [];
    if (native.some((f) => f.safe)) return native;
    // Only an unsafe native fix (a shared client): wrapping this call is the safe one.
    const atInner = wrapperFix(ctx, inner);
    const wrapped = atInner ? where(atInner) : inner !== ctx.site ? wrapperFix(ctx, ctx.site) : undefined;
    return wrapped ? [wrapped, ...native] : native;
  },
});

/**
 * The SDK's own retry option. Retries turned off on the request are turned on there; turned off on
 * the client, the client is changed when every call it serves has this finding (else the request
 * overrides it, and changing the client is offered as an unsafe alternative).
 */
function nativeFixes(ctx: FixContext, site: DetectedSite): FixDraft[] {
  const sdk = site.sdk!;
  const t = targetOfNode(ctx, site.call);
  if (!t) return [];
  const paths = [...sdk.options.retries, ...sdk.options.attempts];
  const offRequest = requestSetting(ctx.checks, site, paths) !== undefined;
  const offClient = !offRequest && clientSetting(ctx.checks, site, paths);
  let request: PlacedOption | undefined;
  let client: PlacedOption | undefined;
  for (const place of placesOf(ctx.checks, site, "retry")) {
    if (!placeApplies(ctx.checks, site, place)) continue;
    const value = fillValue(place.value, ctx.options);
    if (place.on === "client") client ??= offRequest ? undefined : clientPlace(ctx, site, place, value, "retry");
    else request ??= place.on === "request" ? requestPlace(ctx, site, place, value, t) : receiverPlace(site, place, value, t);
  }
  const ordered = offClient && client?.safe ? [client, request] : [request, client];
  return ordered.filter((p): p is PlacedOption => !!p).map((p) => ({ title: titleOf(p), strategy: "native", safe: p.safe, edits: p.edits }));
}

function titleOf(p: PlacedOption): string {
  if (p.place.on === "receiver") return `Retry with \`${p.written}\``;
  const verb = p.replaces !== undefined ? "Set" : "Add";
  const was = p.replaces !== undefined ? ` (was \`${p.replaces}\`)` : "";
  if (p.place.on === "client") {
    const scope = p.client?.others ? `; also changes ${p.client.others} other call${p.client.others === 1 ? " that has" : "s that have"} no such finding` : "";
    return `${verb} \`${p.written}\` on the client at ${p.client?.at ?? "its construction"}${was}${scope}`;
  }
  const where = p.place.arg === undefined ? "the request options" : "the request";
  return p.replaces !== undefined ? `Set \`${p.written}\` in ${where}${was}` : `${verb} \`${p.written}\` to ${where}`;
}

/** Wraps the call (`await withRetry(() => call)`) when its result is a promise the code awaits or returns. */
function wrapperFix(ctx: FixContext, site: DetectedSite): FixDraft | undefined {
  const call = site.call;
  if (!returnsAwaitedPromise(call)) return undefined;
  const t = targetOfNode(ctx, call);
  if (!t) return undefined;
  const wrap = (name: string, suffix: string, edits: TextEdit[]): TextEdit[] =>
    inOrder([
      ...edits,
      { file: t.file, start: call.getStart(t.sf), end: call.getStart(t.sf), newText: `${name}(() => ` },
      { file: t.file, start: call.getEnd(), end: call.getEnd(), newText: `${suffix})` },
    ]);

  for (const name of ctx.checks.settings.wrappers.retry) {
    const own = userWrapper(ctx, t, name);
    if (own) return { title: `Retry with \`${own.name}\` (your retry wrapper)`, strategy: "wrapper", safe: own.safe, edits: wrap(own.name, "", own.edits) };
  }

  // p-retry retries what throws; `fetch` resolves on a 429, so fetch sites get the helper that reads responses.
  const deps = dependenciesOf(ctx.checks.workspace.get(t.sf.fileName)?.abs ?? site.file.abs, ctx.checks.workspace.root);
  const returnsResponse = site.via === "http" && isFetch(ctx, site);
  if (!isCommonJs(t.sf) && !returnsResponse && (deps.has("p-retry") || importsModule(t.sf, "p-retry"))) {
    const imp = ensureImport(t, "p-retry", { default: "pRetry" });
    return { title: `Retry with \`${imp.name}\` (p-retry, ${ctx.options.maxRetries} retries)`, strategy: "wrapper", safe: true, edits: wrap(imp.name, `, { retries: ${ctx.options.maxRetries} }`, imp.edits) };
  }

  const helper = useHelper(ctx, WITH_RETRY, t);
  const suffix = ctx.options.maxRetries === HELPER_DEFAULT_RETRIES ? "" : `, { retries: ${ctx.options.maxRetries} }`;
  const file = helperPath(ctx, t);
  return {
    title: `Retry with \`${helper.name}\` (${helper.create.length ? "generated into" : "from"} ${file})`,
    strategy: "wrapper",
    safe: true,
    edits: wrap(helper.name, suffix, helper.edits),
    create: helper.create,
  };
}

/**
 * Insertions at one offset merged in the order given: an import put before the file's first
 * statement and a wrapper opened at the same place (a script that starts with the call) stay in that order.
 */
function inOrder(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = e.start === e.end && out.find((o) => o.file === e.file && o.start === e.start && o.end === e.end);
    if (same) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

/** Whether a raw HTTP site may be `fetch` (it resolves with a Response instead of throwing on 429/5xx); a workspace HTTP helper counts. */
function isFetch(ctx: FixContext, site: DetectedSite): boolean {
  const v = ctx.checks.finder.ev.eval(site.call.expression);
  if (v?.t !== "pkg") return true;
  const fetch = ctx.checks.catalog.http.clients["fetch"];
  return !!fetch && fetch.packages.includes(v.pkg);
}

function importsModule(sf: ts.SourceFile, module: string): boolean {
  return sf.statements.some((s) => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === module);
}

/**
 * Whether wrapping the call in `() => call` keeps the code's types: its result is awaited, chained
 * with `.then/.catch/.finally`, or returned from an async function (or one declared to return a
 * Promise). A call whose result is used otherwise (a stream object, `.withResponse()`) is left alone.
 */
export function returnsAwaitedPromise(call: ts.CallExpression): boolean {
  let n: ts.Node = call;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (ts.isAwaitExpression(p)) return true;
  if (ts.isPropertyAccessExpression(p) && p.expression === n) return /^(then|catch|finally)$/.test(p.name.text);
  let fn: ts.Node | undefined;
  if (ts.isReturnStatement(p)) {
    for (fn = p.parent; fn && !ts.isFunctionLike(fn); fn = fn.parent);
  } else if (ts.isArrowFunction(p) && p.body === n) fn = p;
  if (!fn || !ts.isFunctionLike(fn)) return false;
  const async = ts.canHaveModifiers(fn) && !!ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  return async || (!!fn.type && /^Promise</.test(fn.type.getText()));
}

/**
 * A retry wrapper the config names, callable in the target file: declared or imported there, or
 * exported by a workspace file (imported then). Safe when its first parameter is a function (`fn: () => Promise<T>`).
 */
function userWrapper(ctx: FixContext, t: EditTarget, name: string): { name: string; edits: TextEdit[]; safe: boolean } | undefined {
  const local = topLevel(t.sf).get(name);
  const decl = exportedFunction(ctx, name);
  const safe = !!decl && takesCallback(decl.fn);
  if (local) return { name, edits: [], safe: safe || local.kind === "function" };
  if (!decl) return undefined;
  const imp = ensureImport(t, workspaceSpecifier(ctx, t, decl.rel), { named: name });
  return { name: imp.name, edits: imp.edits, safe };
}

/** A function the workspace exports under `name` (a scanned file, or one the scan keeps dormant because it has no LLM code). */
function exportedFunction(ctx: FixContext, name: string): { rel: string; fn: FunctionNode } | undefined {
  const ws = ctx.checks.workspace;
  const files = [...[...ws.files.values()].map((f) => ({ rel: f.rel, sf: f.sf })), ...[...ws.dormant.values()].filter((d) => d.text.includes(name)).map((d) => ({ rel: d.rel, sf: parseSource(d.abs, d.text) }))];
  for (const f of files) {
    for (const s of f.sf.statements) {
      const exported = ts.canHaveModifiers(s) && !!ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      if (ts.isFunctionDeclaration(s) && s.name?.text === name) return { rel: f.rel, fn: s };
      if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) {
          const init = d.initializer;
          if (ts.isIdentifier(d.name) && d.name.text === name && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return { rel: f.rel, fn: init };
        }
      }
    }
  }
  return undefined;
}

function takesCallback(fn: FunctionNode): boolean {
  const first = fn.parameters[0];
  if (!first) return false;
  return !first.type || ts.isFunctionTypeNode(first.type);
}
