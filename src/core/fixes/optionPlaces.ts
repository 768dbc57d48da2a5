/**
 * Where the timeout and retry fixes write an SDK's own option: the `fixes` places of
 * rules/providers/*.json (and rules/http.json) resolved for one call into text edits. A request
 * place changes only this call; a client place changes every call through that client, so it is
 * safe only when each of those calls has the same finding (and none is suppressed).
 */
import ts from "typescript";
import type { DetectedSite } from "../callSites/detect";
import { resolveName } from "../callSites/scope";
import type { FixPlace, FixPlaces, Provider } from "../catalog/schema";
import type { CheckContext } from "../checks/checkContext";
import { CHECKS } from "../checks";
import { optionAt } from "../flow/optionPaths";
import { clientCandidates, type ClientCandidate } from "../flow/resolveClient";
import { readSuppressions, statementOf, suppressionsFor } from "../suppressions";
import type { CheckId } from "../types";
import type { FixContext } from "./context";
import { dependenciesOf } from "./context";
import { bare, propertyOf, replaceNode, setArgumentOption, setPath, type EditTarget } from "./edit/objects";
import type { FixOptions, TextEdit } from "./types";

/** One place resolved into edits. */
export interface PlacedOption {
  place: FixPlace;
  /** `timeout: 30_000`, `maxRetries: 3`, `.withRetry({ stopAfterAttempt: 4 })`: what the title shows. */
  written: string;
  edits: TextEdit[];
  /** False when the edit may not compile or changes more than this call (a shared client, an unknown signal type). */
  safe: boolean;
  /** The existing value it replaces (`0`), if any. */
  replaces?: string;
  /** The existing signal it is combined with (`AbortSignal.any([signal, ...])`), if any. */
  combines?: string;
  /** For a client place: the file and line of the construction, and how many other calls it changes. */
  client?: { at: string; others: number };
}

/** The places of a check for a site's SDK (a provider) or HTTP client, in data order. */
export function placesOf(ctx: CheckContext, site: DetectedSite, check: "timeout" | "retry" | "limits"): FixPlace[] {
  let fixes: FixPlaces | undefined;
  if (site.via === "sdk") fixes = site.sdk?.fixes;
  else if (site.via === "http") {
    const pkg = httpPackage(ctx, site);
    fixes = pkg ? Object.values(ctx.catalog.http.clients).find((c) => c.packages.includes(pkg))?.fixes : undefined;
  }
  return fixes?.[check] ?? [];
}

/** The value text of a place with the settings filled in. */
/** The output cap the limits fix writes when the settings name none. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 1024;

export function fillValue(template: string, options: FixOptions): string {
  return template
    .replaceAll("{ms}", formatMs(options.timeoutMs))
    .replaceAll("{seconds}", formatMs(Math.max(1, Math.ceil(options.timeoutMs / 1000))))
    .replaceAll("{retries}", String(options.maxRetries))
    .replaceAll("{attempts}", String(options.maxRetries + 1))
    .replaceAll("{maxTokens}", formatMs(options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS));
}

/** 30000 → `30_000`, as people write milliseconds. */
export function formatMs(ms: number): string {
  return String(ms).replace(/\B(?=(\d{3})+(?!\d))/g, "_");
}

/** Whether a place's conditions hold for the site: the method called, the SDK's package, its declared version. */
export function placeApplies(ctx: CheckContext, site: DetectedSite, place: FixPlace): boolean {
  if (place.methods) {
    const m = memberOf(ctx, site);
    if (!place.methods.some((x) => x === m.path || x === m.last)) return false;
  }
  if (place.packages || place.since) {
    const pkg = site.via === "http" ? httpPackage(ctx, site) : sdkPackage(ctx, site);
    if (!pkg || (place.packages && !place.packages.includes(pkg))) return false;
    if (place.since) {
      const range = dependenciesOf(site.file.abs, ctx.workspace.root).get(pkg);
      const low = range ? lowestVersion(range) : undefined;
      if (!low || compareVersions(low, place.since) < 0) return false;
    }
  }
  return true;
}

/** The member or export a call invokes: its dotted path on the client (`chat.completions.create`) and last name; `*` for a called export itself (`axios(...)`). */
export function memberOf(ctx: CheckContext, site: DetectedSite): { path: string; last: string } {
  const v = ctx.finder.ev.eval(site.call.expression);
  let path: string[] | undefined;
  if (v?.t === "inst") path = v.path;
  else if (v?.t === "pkg") path = v.path.filter((p) => p !== "default");
  if (path) return path.length ? { path: path.join("."), last: path[path.length - 1]! } : { path: "*", last: "*" };
  const callee = bare(site.call.expression);
  const last = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : "";
  return { path: last, last };
}

/** The package an SDK site's client or function comes from; when the code does not say (a typed parameter), the provider's one package the workspace declares. */
export function sdkPackage(ctx: CheckContext, site: DetectedSite): string | undefined {
  let e: ts.Expression | undefined = site.call.expression;
  for (let i = 0; e && i < 8; i++) {
    const v = ctx.finder.ev.eval(e);
    if (v?.t === "pkg") return v.pkg;
    if (v?.t !== "inst" || !v.origin || !(ts.isNewExpression(v.origin) || ts.isCallExpression(v.origin))) break;
    e = v.origin.expression;
  }
  const sdk = site.sdk;
  if (!sdk) return undefined;
  const deps = dependenciesOf(site.file.abs, ctx.workspace.root);
  const declared = sdk.packages.filter((p) => !p.includes("*") && deps.has(p));
  return declared.length === 1 ? declared[0] : undefined;
}

function httpPackage(ctx: CheckContext, site: DetectedSite): string | undefined {
  const v = ctx.finder.ev.eval(site.call.expression);
  return v?.t === "pkg" ? v.pkg : undefined;
}

/** `^6.0.14` → `6.0.14`, `~7.1` → `7.1.0`, `>=5 <7` → `5.0.0`; undefined for tags, URLs and `*`. */
export function lowestVersion(range: string): string | undefined {
  const m = /^\s*(?:[\^~]|>=|=)?\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(range);
  if (!m) return undefined;
  const n = (s: string | undefined) => (s && /^\d+$/.test(s) ? s : "0");
  return `${m[1]}.${n(m[2])}.${n(m[3])}`;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** For a wrapper's caller, where the fix goes: the request inside the wrapper (every caller gets it). */
export function insideWrapper(inner: DetectedSite): string {
  const sf = inner.file.sf;
  return `inside the wrapper, at ${inner.file.rel}:${sf.getLineAndCharacterOfPosition(inner.call.getStart(sf)).line + 1}`;
}

/** The edit target of the workspace file holding a node (undefined outside the workspace: a package's code). */
export function targetOfNode(ctx: FixContext, node: ts.Node): EditTarget | undefined {
  const f = ctx.checks.workspace.get(node.getSourceFile().fileName);
  return f ? ctx.targetOf(f) : undefined;
}

/** Keys of a provider (or of raw HTTP) that carry an AbortSignal: a value there is combined, never replaced. */
function isSignalKey(ctx: CheckContext, site: DetectedSite, key: string): boolean {
  const keys = site.sdk ? site.sdk.options.signal : (ctx.catalog.checks.timeout.httpOptions.signal ?? []);
  return keys.some((k) => k.split(".").pop() === key);
}

/**
 * Sets `path` in the `index`th argument of `call` (the request options, the request body): into
 * the literal when it is one (or a `const` literal used only there), as a spread of an expression
 * (`{ ...opts, timeout: 30_000 }`), or as a new argument. A signal already there is combined
 * (`AbortSignal.any([signal, AbortSignal.timeout(30_000)])`) so the caller's cancel keeps working.
 * Undefined when the argument is not an options object (a URL string, a prompt) or its signal cannot be seen.
 */
export function argumentOption(ctx: FixContext, t: EditTarget, call: ts.CallExpression | ts.NewExpression, index: number, path: readonly string[], value: string, site: DetectedSite): OptionEdit | undefined {
  const arg = call.arguments?.[index];
  const signal = isSignalKey(ctx.checks, site, path[path.length - 1]!);
  if (!arg || isUndefined(arg)) {
    if (arg) return { edit: replaceNode(t, arg, `{ ${path[0]}: ${nest(path.slice(1), value)} }`), safe: true };
    return { edit: setArgumentOption(t, call, index, path, value), safe: true };
  }
  const x = bare(arg);
  if (ts.isObjectLiteralExpression(x)) return literalOption(ctx, t, x, path, value, signal);
  if (ts.isIdentifier(x)) {
    const own = soleUseLiteral(x);
    if (own) return literalOption(ctx, t, own, path, value, signal);
  }
  if (!isOptionsExpression(x)) return undefined;
  // An object we cannot see may carry the caller's signal: overriding it would drop their cancel.
  if (signal) return undefined;
  const text = arg.getText(t.sf);
  if (path.length === 1) return { edit: replaceNode(t, arg, `{ ...${text}, ${path[0]}: ${value} }`), safe: true };
  // Deeper levels keep what the expression has there: `{ ...p, config: { ...p.config, httpOptions: { ...p.config?.httpOptions, timeout } } }`.
  if (!ts.isIdentifier(x) && !ts.isPropertyAccessExpression(x)) return undefined;
  return { edit: replaceNode(t, arg, spreadPath(text, path, value, true)), safe: true };
}

function spreadPath(base: string, path: readonly string[], value: string, first: boolean): string {
  const [key, ...rest] = path;
  const inner = rest.length ? spreadPath(`${base}${first ? "." : "?."}${key}`, rest, value, false) : value;
  return `{ ...${base}, ${key}: ${inner} }`;
}

function nest(path: readonly string[], value: string): string {
  return path.reduceRight((acc, k) => `{ ${k}: ${acc} }`, value);
}

interface OptionEdit {
  edit: TextEdit;
  replaces?: string;
  combines?: string;
  safe: boolean;
}

/** Sets `path` in an object literal, combining an existing signal; undefined when a signal may hide in a spread. */
function literalOption(ctx: FixContext, t: EditTarget, obj: ts.ObjectLiteralExpression, path: readonly string[], value: string, signal: boolean): OptionEdit | undefined {
  const target = targetOfNode(ctx, obj) ?? t;
  // The literal that holds the last key (when every level on the way is a literal).
  let holder: ts.ObjectLiteralExpression | undefined = obj;
  for (const key of path.slice(0, -1)) {
    const p: ts.ObjectLiteralElementLike | undefined = holder && propertyOf(holder, key);
    const init: ts.Expression | undefined = p && ts.isPropertyAssignment(p) ? bare(p.initializer) : undefined;
    holder = init && ts.isObjectLiteralExpression(init) ? init : undefined;
    if (!holder) break;
  }
  const key = path[path.length - 1]!;
  const direct = holder && propertyOf(holder, key);
  const existing = direct && ts.isPropertyAssignment(direct) ? direct.initializer : direct && ts.isShorthandPropertyAssignment(direct) ? direct.name : undefined;
  if (signal) {
    // A spread of something we cannot read may carry a signal this would override.
    if (holder && holder.properties.some((p) => ts.isSpreadAssignment(p) && !ctx.checks.finder.objectLiteral(p.expression))) return undefined;
    const spreadSignal = holder && !existing && ctx.checks.finder.propertyExpr(holder, key);
    if (spreadSignal) return undefined;
    if (existing && !isAbsentValue(existing)) {
      const text = existing.getText(target.sf);
      return { edit: setPath(target, obj, path, `AbortSignal.any([${text}, ${value}])`), combines: text, safe: isKnownSignal(ctx, existing) };
    }
  }
  return { edit: setPath(target, obj, path, value), ...(existing ? { replaces: existing.getText(target.sf) } : {}), safe: true };
}

/** `controller.signal` of a local `new AbortController()`, or an `AbortSignal.*(...)` call: an `AbortSignal`, never undefined. */
function isKnownSignal(ctx: FixContext, e: ts.Expression): boolean {
  const x = bare(e);
  if (ts.isCallExpression(x)) return /^AbortSignal\.\w+$/.test(x.expression.getText());
  if (ts.isPropertyAccessExpression(x) && x.name.text === "signal" && ts.isIdentifier(x.expression)) {
    const init = ctx.checks.finder.strings.initializerOf(x.expression);
    return !!init && ts.isNewExpression(bare(init)) && (bare(init) as ts.NewExpression).expression.getText() === "AbortController";
  }
  return false;
}

function isUndefined(e: ts.Expression): boolean {
  const x = bare(e);
  return (ts.isIdentifier(x) && x.text === "undefined") || ts.isVoidExpression(x);
}

function isAbsentValue(e: ts.Expression): boolean {
  const x = bare(e);
  return isUndefined(x) || x.kind === ts.SyntaxKind.NullKeyword;
}

/** Expressions that may hold an options object (not a prompt string, a number, an array or a function). */
function isOptionsExpression(x: ts.Expression): boolean {
  return ts.isIdentifier(x) || ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isCallExpression(x) || ts.isConditionalExpression(x) || ts.isBinaryExpression(x);
}

/** The object literal a `const` is initialised with, when the identifier is the only use of that const (editing it changes nothing else). */
export function soleUseLiteral(id: ts.Identifier): ts.ObjectLiteralExpression | undefined {
  const b = resolveName(id.text, id);
  if (!b || b.kind !== "var" || b.path.length || !b.decl.initializer) return undefined;
  const list = b.decl.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  if (b.decl.getSourceFile() !== id.getSourceFile()) return undefined;
  const init = bare(b.decl.initializer);
  if (!ts.isObjectLiteralExpression(init)) return undefined;
  const scope = statementOf(b.decl).parent ?? b.decl.getSourceFile();
  let uses = 0;
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === id.text && n !== b.decl.name) {
      const r = resolveName(n.text, n);
      if (r && r.kind === "var" && r.decl === b.decl) uses++;
    }
    n.forEachChild(visit);
  };
  visit(scope);
  return uses === 1 ? init : undefined;
}

/** The edit of a `request` place (an argument of the call itself). */
export function requestPlace(ctx: FixContext, site: DetectedSite, place: Extract<FixPlace, { on: "request" }>, value: string, t: EditTarget): PlacedOption | undefined {
  const index = place.arg ?? site.sdk?.options.requestArg ?? null;
  if (index === null) return undefined;
  const path = place.path.split(".");
  const r = argumentOption(ctx, t, site.call, index, path, value, site);
  if (!r) return undefined;
  return { place, written: `${place.path}: ${value}`, edits: [r.edit], safe: r.safe, ...(r.replaces ? { replaces: r.replaces } : {}), ...(r.combines ? { combines: r.combines } : {}) };
}

/** The edit of a `receiver` place: a method called on the call's receiver first (`model.withRetry({...}).invoke(x)`). */
export function receiverPlace(site: DetectedSite, place: Extract<FixPlace, { on: "receiver" }>, value: string, t: EditTarget): PlacedOption | undefined {
  const callee = bare(site.call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const written = `.${place.method}(${value})`;
  const at = callee.expression.getEnd();
  return { place, written, edits: [{ file: t.file, start: at, end: at, newText: written }], safe: true };
}

/**
 * The edit of a `client` place: where the client's option is set now (the construction's own
 * argument, `withOptions(...)`), or the construction's options argument. Undefined when the
 * client is not built by one `new` we can edit. `check` decides which existing option wins (its option paths).
 */
export function clientPlace(ctx: FixContext, site: DetectedSite, place: Extract<FixPlace, { on: "client" }>, value: string, check: CheckId): PlacedOption | undefined {
  const sdk = site.sdk;
  if (!sdk || sdk.options.clientArg === null) return undefined;
  const candidates = clientCandidates(site, ctx.checks);
  if (!candidates || candidates.length !== 1) return undefined;
  const c = candidates[0]!;
  const origin = c.origin;
  if (!origin || !ts.isNewExpression(origin)) return undefined;
  const path = place.path.split(".");
  // The config that decides today (latest first, as the check reads them): change it there, or it still wins.
  const winner = decidingConfig(ctx.checks, c, sdk, check);
  let edit: OptionEdit | undefined;
  if (winner && winner.parent && (ts.isCallExpression(winner.parent) || ts.isNewExpression(winner.parent))) {
    const call = winner.parent;
    const t = targetOfNode(ctx, call);
    const index = call.arguments?.indexOf(winner) ?? -1;
    if (t && index >= 0) edit = argumentOption(ctx, t, call, index, path, value, site);
  } else if (!winner) {
    const t = targetOfNode(ctx, origin);
    if (t) edit = argumentOption(ctx, t, origin, sdk.options.clientArg, path, value, site);
  }
  if (!edit) return undefined;
  const sharing = sitesOfClient(ctx.checks, origin).filter((s) => s !== site && s !== ctx.site);
  const others = sharing.filter((s) => !failsUnsuppressed(ctx.checks, s, check));
  const sf = origin.getSourceFile();
  const rel = ctx.checks.workspace.get(sf.fileName)?.rel ?? sf.fileName;
  return {
    place,
    written: `${place.path}: ${value}`,
    edits: [edit.edit],
    safe: edit.safe && others.length === 0,
    ...(edit.replaces ? { replaces: edit.replaces } : {}),
    client: { at: `${rel}:${sf.getLineAndCharacterOfPosition(origin.getStart(sf)).line + 1}`, others: others.length },
  };
}

/** The client config expression whose option for `check` the check reads first, if any sets one. */
function decidingConfig(ctx: CheckContext, c: ClientCandidate, sdk: Provider, check: CheckId): ts.Expression | undefined {
  const paths = check === "retry" ? [...sdk.options.retries, ...sdk.options.attempts] : [...sdk.options.timeout, ...sdk.options.signal];
  for (const cfg of [...c.configs].reverse()) {
    if (paths.some((p) => optionAt(ctx.finder, cfg, p))) return cfg;
  }
  return undefined;
}

/** Where a site's retry (or timeout) option is set on its request, if it is. */
export function requestSetting(ctx: CheckContext, site: DetectedSite, paths: readonly string[]): ts.Expression | undefined {
  for (const a of site.call.arguments) for (const p of paths) {
    const v = optionAt(ctx.finder, a, p);
    if (v) return v;
  }
  return undefined;
}

/** Whether the client of a site sets one of `paths` (the retry or timeout option) in any of its configs. */
export function clientSetting(ctx: CheckContext, site: DetectedSite, paths: readonly string[]): boolean {
  const candidates = clientCandidates(site, ctx);
  return !!candidates?.some((c) => c.configs.some((cfg) => paths.some((p) => optionAt(ctx.finder, cfg, p))));
}

const clientUsers = new WeakMap<CheckContext, Map<ts.Node, DetectedSite[]>>();

/** Every site whose request goes through a client built at `origin` (wrapper sites included: their innermost call). */
export function sitesOfClient(ctx: CheckContext, origin: ts.Node): DetectedSite[] {
  let byOrigin = clientUsers.get(ctx);
  if (!byOrigin) {
    byOrigin = new Map();
    for (const s of ctx.sites) {
      const inner = ctx.innermost(s);
      if (inner.via !== "sdk") continue;
      for (const c of clientCandidates(inner, ctx) ?? []) {
        if (!c.origin) continue;
        const list = byOrigin.get(c.origin) ?? [];
        if (!list.includes(s)) list.push(s);
        byOrigin.set(c.origin, list);
      }
    }
    clientUsers.set(ctx, byOrigin);
  }
  return byOrigin.get(origin) ?? [];
}

/** Whether the check fails (or warns) on a site and no directive suppresses it there: changing it there is a fix, not a surprise. */
function failsUnsuppressed(ctx: CheckContext, s: DetectedSite, check: CheckId): boolean {
  let value: string;
  try {
    value = CHECKS[check].evaluate(s, ctx).value;
  } catch {
    return false;
  }
  const status = ctx.catalog.checks[check].values[value]?.status;
  if (status !== "fail" && status !== "warn") return false;
  const sf = s.file.sf;
  const line = sf.getLineAndCharacterOfPosition(s.call.getStart(sf)).line + 1;
  const statementLine = sf.getLineAndCharacterOfPosition(statementOf(s.call).getStart(sf)).line + 1;
  return !suppressionsFor(readSuppressions(sf), s.file.rel, { line, statementLine }).some((x) => x.check === check);
}
