/** A finding's message and editor severity from its rules/checks/<id>.json templates, with the numbers of the site's SDK filled in. */
import type { CheckRule } from "./catalog/schema";
import type { CheckId, CheckResult, ConfiguredSeverity, SiteDefaults, SiteReport } from "./types";

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

/** Fills `{provider}`, `{defaultTimeout}`, `{defaultRetries}` and `{note}`; an absent note leaves no empty brackets or dangling colon. */
export function fillTemplate(template: string, vars: { provider: string; defaultTimeout: string; defaultRetries: string; note?: string }): string {
  const note = vars.note?.trim().replace(/\.$/, "");
  let s = template;
  if (!note) s = s.replace(/\s*\(\{note\}\)/g, "").replace(/:\s*\{note\}/g, "").replace(/\s*\{note\}/g, "");
  s = s
    .replaceAll("{note}", note ?? "")
    .replaceAll("{provider}", vars.provider)
    .replaceAll("{defaultTimeout}", vars.defaultTimeout)
    .replaceAll("{defaultRetries}", vars.defaultRetries);
  return s.replace(/\s+([.,;:)])/g, "$1").replace(/\.\.+$/, ".").replace(/\s{2,}/g, " ").trim();
}

/**
 * The message and severity of `check` at `site`. Severity, strongest first: `off` anywhere (the
 * configuration's or the editor's) hides it; on a `fail`/`warn` result the editor setting, then the
 * configuration (`result.severity`), then the rule's; other results keep the rule's (a pass may carry `info`).
 */
export function findingText(rule: CheckRule, check: CheckId, site: SiteReport, editorOverride?: ConfiguredSeverity): FindingText {
  const result: CheckResult = site.checks[check];
  const value = rule.values[result.value];
  const d = site.defaults;
  const noDefault = d !== undefined && (NO_DEFAULT[check]?.(d) ?? false);
  const template = (noDefault && value?.messageWhenNoDefault) || value?.message || `${rule.title}: ${result.value}.`;
  const message = fillTemplate(template, {
    provider: (ABOUT_SENDER.has(check) ? d?.sender : d?.provider) ?? site.provider,
    defaultTimeout: d?.timeoutMs != null ? formatDuration(d.timeoutMs) : "its default timeout",
    defaultRetries: d ? String(d.maxRetries) : "its default number of",
    note: result.note,
  });
  const ruleSeverity: ShownSeverity = (noDefault && value?.severityWhenNoDefault) || value?.severity || "none";
  if (result.severity === "off" || editorOverride === "off") return { message, severity: "none" };
  if (result.status === "fail" || result.status === "warn") {
    const configured = editorOverride ?? result.severity;
    return { message, severity: configured ?? ruleSeverity };
  }
  return { message, severity: ruleSeverity };
}
