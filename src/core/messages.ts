/** A finding's message and editor severity from its rules/checks/<id>.json templates, with the numbers of the site's SDK filled in. */
import type { CheckRule } from "./catalog/schema";
import type { CheckId, CheckResult, ConfiguredSeverity, SiteDefaults, SiteOption, SiteOptions, SiteReport } from "./types";

/** An editor severity; `none` is shown nowhere (a pass, an unknown, a check turned off). */
export type ShownSeverity = "error" | "warning" | "info" | "hint" | "none";

export interface FindingText {
  message: string;
  severity: ShownSeverity;
}

/** Whether the SDK has no default for what the check is about: the rule's `…WhenNoDefault` variant applies (the risk is higher). */
const NO_DEFAULT: Partial<Record<CheckId, (d: SiteDefaults) => boolean>> = {
  timeout: (d) => d.timeoutMs === null,
  retry: (d) => d.maxRetries === 0,
};

/** Checks whose `{provider}` is what sends the request (its defaults are the subject: "`fetch` has no default timeout"); elsewhere it is the LLM provider ("when OpenAI is down"). */
const ABOUT_SENDER: ReadonlySet<CheckId> = new Set(["timeout", "retry"]);

/** 600000 → "10 minutes", 30000 → "30 seconds", 1500 → "1500 ms". */
export function formatDuration(ms: number): string {
  const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return unit(ms / 3_600_000, "hour");
  if (ms >= 60_000 && ms % 60_000 === 0) return unit(ms / 60_000, "minute");
  if (ms >= 1000 && ms % 1000 === 0) return unit(ms / 1000, "second");
  return `${ms} ms`;
}

/** Texts of a template's placeholders. */
export interface TemplateVars {
  provider: string;
  defaultTimeout: string;
  defaultRetries: string;
  note?: string;
  /** What to set for a timeout, as a sentence naming the SDK's own options (`timeoutRemedy`). */
  timeoutRemedy?: string;
  /** What to set for retries, as a sentence (`retryRemedy`). */
  retryRemedy?: string;
  /** The SDK's retry option in backticks, or words for it (`retryOption`). */
  retryOption?: string;
}

/** Fills the placeholders of a template; an absent note leaves no empty brackets or dangling colon. */
export function fillTemplate(template: string, vars: TemplateVars): string {
  const note = vars.note?.trim().replace(/\.$/, "");
  let s = template;
  if (!note) s = s.replace(/\s*\(\{note\}\)/g, "").replace(/:\s*\{note\}/g, "").replace(/\s*\{note\}/g, "");
  s = s
    .replaceAll("{note}", note ?? "")
    .replaceAll("{provider}", vars.provider)
    .replaceAll("{defaultTimeout}", vars.defaultTimeout)
    .replaceAll("{defaultRetries}", vars.defaultRetries)
    .replaceAll("{timeoutRemedy}", vars.timeoutRemedy ?? timeoutRemedy(undefined))
    .replaceAll("{retryRemedy}", vars.retryRemedy ?? retryRemedy(undefined))
    .replaceAll("{retryOption}", vars.retryOption ?? retryOption(undefined));
  return s.replace(/\s+([.,;:)])/g, "$1").replace(/\.\.+$/, ".").replace(/\s{2,}/g, " ").trim();
}

/** Joins sentences with a space, ending each with a full stop when it has no end of its own ("…by default" + "The call…"). */
export function sentences(...parts: readonly (string | undefined)[]): string {
  return parts
    .map((p) => p?.trim())
    .filter((p): p is string => !!p)
    .map((p) => (/[.!?]$/.test(p) ? p : `${p.replace(/[:;,]$/, "")}.`))
    .join(" ");
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** `a`, `a or b`, `a, b or c`. */
const orList = (xs: readonly string[]) => (xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`);

/** Where an option goes, as a user reads it: an SDK without a client object takes its options on the call. */
function placeWords(ons: ReadonlySet<SiteOption["on"]>, noClient: boolean): string {
  const words: string[] = [];
  if (ons.has("request")) words.push(noClient ? "the call" : "the request");
  if (ons.has("client")) words.push("the client");
  return orList(words);
}

/** Option names grouped, in data order: `maxRetries` on the request and on the client is one phrase. */
function byName(options: readonly SiteOption[]): Map<string, Set<SiteOption["on"]>> {
  const out = new Map<string, Set<SiteOption["on"]>>();
  for (const o of options) out.set(o.name, (out.get(o.name) ?? new Set()).add(o.on));
  return out;
}

/**
 * The timeout advice for a call, naming its SDK's own options (rules/providers `fixes` and `options`):
 * "Set `timeout` on the request or the client, or pass `signal: AbortSignal.timeout(ms)`." for OpenAI,
 * "Pass `abortSignal: AbortSignal.timeout(ms)`." for the AI SDK's `generateObject`.
 */
export function timeoutRemedy(o: SiteOptions | undefined): string {
  if (!o) return "Set the SDK's timeout option on the request, or pass it an `AbortSignal.timeout(ms)` signal.";
  const phrases = [...byName(o.timeout)].map(([name, ons]) => `set \`${name}\` on ${placeWords(ons, !!o.noClient)}`);
  if (o.signal) phrases.push(`pass \`${o.signal}: AbortSignal.timeout(ms)\``);
  if (phrases.length === 0) return "Wrap the call in a timeout (p-timeout); this SDK takes no timeout option.";
  return `${capital(phrases.join(", or "))}.`;
}

/** The retry advice for a call: its SDK's retry options, then a retry with backoff around the call. */
export function retryRemedy(o: SiteOptions | undefined): string {
  const phrases = o
    ? [...byName(o.retry)].map(([name, ons]) => (ons.has("receiver") ? `chain \`${name}\` before the call` : `set \`${name}\` on ${placeWords(ons, !!o.noClient)}`))
    : [];
  phrases.push("wrap the call in a retry with backoff (p-retry)");
  return `${capital(phrases.join(", or "))}.`;
}

/** The SDK's retry option, in backticks (`maxRetries`). */
export function retryOption(o: SiteOptions | undefined): string {
  const first = o?.retry.find((r) => r.on !== "receiver") ?? o?.retry[0];
  return first ? `\`${first.name}\`` : "the SDK's retry option";
}

/** An editor severity one step milder (a `warn` status is shown one step below a `fail` of the same check). */
const MILDER: Record<Exclude<ShownSeverity, "none">, ShownSeverity> = { error: "warning", warning: "info", info: "hint", hint: "hint" };

export interface SeverityOptions {
  /** The editor's setting for the check (`llmReadiness.diagnostics.severity`); the CLI has none. */
  editor?: ConfiguredSeverity;
  /** Show a check the analysis could not decide (`unknown`), as a hint; off by default. */
  showUnknown?: boolean;
}

/**
 * The severity of a check's result, the one table the editor, the CLI and SARIF read. The default is the
 * value's in rules/checks/<id>.json (`warning` for a fail, `info` for a warn, `none` for a pass or an unknown).
 * A severity set for the check (the editor's setting over `.llm-readiness.json`) applies to a fail, one step
 * milder to a warn; `off` anywhere hides the check. An unknown is shown (as a hint) only when asked for.
 */
export function severityOf(rule: CheckRule, result: CheckResult, options: SeverityOptions = {}): ShownSeverity {
  if (result.severity === "off" || options.editor === "off") return "none";
  const base: ShownSeverity = rule.values[result.value]?.severity ?? "none";
  const chosen = options.editor ?? result.severity;
  switch (result.status) {
    case "fail":
      return chosen ?? base;
    case "warn":
      return chosen ? MILDER[chosen] : base;
    case "unknown":
      return options.showUnknown ? "hint" : base;
    default:
      return base;
  }
}

/** The SARIF level of a severity (`info` and `hint` are notes; `none` is not reported). */
export function sarifLevel(s: ShownSeverity): "error" | "warning" | "note" | "none" {
  return s === "error" || s === "warning" ? s : s === "none" ? "none" : "note";
}

/** The message of `check` at `site`, with the numbers and option names of the site's SDK filled in. */
export function findingMessage(rule: CheckRule, check: CheckId, site: SiteReport): string {
  const result: CheckResult = site.checks[check];
  const value = rule.values[result.value];
  const d = site.defaults;
  const noDefault = d !== undefined && (NO_DEFAULT[check]?.(d) ?? false);
  const template = (noDefault && value?.messageWhenNoDefault) || value?.message || `${rule.title}: ${result.value}.`;
  return fillTemplate(template, {
    provider: (ABOUT_SENDER.has(check) ? d?.sender : d?.provider) ?? site.provider,
    defaultTimeout: d?.timeoutMs != null ? formatDuration(d.timeoutMs) : "its default timeout",
    defaultRetries: d ? String(d.maxRetries) : "its default number of",
    note: result.note,
    timeoutRemedy: timeoutRemedy(d?.options),
    retryRemedy: retryRemedy(d?.options),
    retryOption: retryOption(d?.options),
  });
}

/** The message and severity of `check` at `site` (severity: `severityOf`). */
export function findingText(rule: CheckRule, check: CheckId, site: SiteReport, options: SeverityOptions = {}): FindingText {
  return { message: findingMessage(rule, check, site), severity: severityOf(rule, site.checks[check], options) };
}
