/**
 * What the lightbulb offers for one of our diagnostics, in order: the fixes of its check at its site (the
 * first safe one preferred), "Disable <check> for this line", "Open <check> docs". Pure (no `vscode`), so the
 * order and the preferred action are unit-tested; ./codeActions.ts turns the entries into CodeActions.
 */
import type { CheckId } from "../core/types";
import type { FixAllAnswer, WireFix } from "../shared/workerMessages";

export type MenuEntry =
  | { kind: "fix"; title: string; fix: WireFix; preferred: boolean }
  | { kind: "disable"; title: string; check: CheckId }
  | { kind: "docs"; title: string; check: CheckId };

/** The entries for a diagnostic of `check` at a site (1-based line and column of the call), from the fixes the worker found. */
export function menuFor(check: CheckId, site: { line: number; column: number }, fixes: readonly WireFix[]): MenuEntry[] {
  const mine = fixes.filter((f) => f.check === check && f.site.line === site.line && f.site.column === site.column);
  const preferred = mine.find((f) => f.safe);
  return [
    ...mine.map((fix): MenuEntry => ({ kind: "fix", title: plainTitle(fix.title), fix, preferred: fix === preferred })),
    { kind: "disable", title: `Disable ${check} for this line`, check },
    { kind: "docs", title: `Open ${check} docs`, check },
  ];
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

/** The refactor preview's label for the edits of "Fix All in Workspace" (one group the user ticks to apply). */
export function previewLabel(answers: readonly Pick<FixAllAnswer, "applied" | "files" | "created">[]): string {
  const all = { applied: answers.flatMap((a) => a.applied), files: answers.flatMap((a) => a.files), created: answers.flatMap((a) => a.created) };
  return `LLM Readiness: ${fixAllSummary(all)}, tick to apply`;
}
