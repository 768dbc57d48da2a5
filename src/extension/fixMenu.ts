/**
 * What the lightbulb offers for one call site, at most six rows: "Make this call production-ready (N safe
 * fixes)" (the one preferred action, which Auto Fix applies), one fix per failing check, "Disable a check for
 * this line…", "Open docs". Pure (no `vscode`), so the order, the limit and the preferred action are
 * unit-tested; ./codeActions.ts turns the entries into CodeActions.
 */
import type { CheckId } from "../core/types";
import type { FixAllAnswer, WireFix } from "../shared/workerMessages";

/** The most rows the lightbulb shows for one call (ESLint shows three or four per problem; a call has up to six). */
export const MAX_ROWS = 6;

export type MenuEntry =
  /** Every safe fix of the call, applied one by one in the worker (`fixes/all` scoped to the site). */
  | { kind: "all"; title: string; checks: CheckId[]; count: number }
  | { kind: "fix"; title: string; fix: WireFix }
  | { kind: "disable"; title: string; checks: CheckId[] }
  | { kind: "docs"; title: string; checks: CheckId[] };

/**
 * The entries for a call site (1-based line and column of the call) whose diagnostics are for `checks` (in
 * report order), from the fixes the worker found. Per check, its first safe fix (else its first one) while
 * rows remain; checks left without a row are still covered by the first entry when their fix is safe.
 */
export function menuForSite(checks: readonly CheckId[], site: { line: number; column: number }, fixes: readonly WireFix[]): MenuEntry[] {
  const atSite = fixes.filter((f) => f.site.line === site.line && f.site.column === site.column && checks.includes(f.check));
  const safeChecks = checks.filter((c) => atSite.some((f) => f.check === c && f.safe));
  const out: MenuEntry[] = [];
  if (safeChecks.length) {
    const n = safeChecks.length;
    out.push({ kind: "all", title: `Make this call production-ready (${n} safe fix${n === 1 ? "" : "es"})`, checks: safeChecks, count: n });
  }
  const slots = MAX_ROWS - out.length - 2;
  for (const check of checks) {
    if (out.length - (safeChecks.length ? 1 : 0) >= slots) break;
    const mine = atSite.filter((f) => f.check === check);
    const best = mine.find((f) => f.safe) ?? mine[0];
    if (best) out.push({ kind: "fix", title: plainTitle(best.title), fix: best });
  }
  if (checks.length) {
    out.push({ kind: "disable", title: "Disable a check for this line…", checks: [...checks] });
    out.push({ kind: "docs", title: checks.length === 1 ? `Open ${checks[0]} docs` : "Open docs…", checks: [...checks] });
  }
  return out;
}

/** A fix title for menus, which show text as is: code spans lose their backticks (the CLI keeps them). */
export function plainTitle(title: string): string {
  return title.replace(/`([^`]*)`/g, "$1");
}

/** A one-line summary of a fix-all answer ("3 fixes (timeout ×2, retry) in 2 files"), for messages and the log. */
export function fixAllSummary(answer: Pick<FixAllAnswer, "applied" | "files" | "created">): string {
  const counts = new Map<CheckId, number>();
  for (const f of answer.applied) counts.set(f.check, (counts.get(f.check) ?? 0) + 1);
  const checks = [...counts].map(([c, n]) => (n > 1 ? `${c} ×${n}` : c)).join(", ");
  const n = answer.applied.length;
  const files = answer.files.length + answer.created.length;
  return `${n} fix${n === 1 ? "" : "es"}${n ? ` (${checks})` : ""} in ${files} file${files === 1 ? "" : "s"}`;
}
