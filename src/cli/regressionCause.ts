/**
 * Why a finding is new when its own lines did not change: the changed line among what decided its check (the
 * evidence: the client's construction, a wrapper, an option), now or at the base ref. Our findings are
 * cross-file, so removing a shared client's timeout regresses calls in files the change never touched.
 */
import type { Comparison } from "../core/baseline";
import { CHECK_VALUES, type CheckId, type CheckResult, type ScanReport, type SiteReport } from "../core/types";
import { touches, type FileChanges } from "./gitRef";

const ref = (s: string | undefined) => {
  const m = s ? /^(.+):(\d+)$/.exec(s) : null;
  return m ? { file: m[1]!, line: Number(m[2]) } : undefined;
};

/** What happened to the check, in a few words: "timeout removed", "validation schema → unchecked". */
export function changeText(check: CheckId, before: CheckResult | undefined, now: CheckResult): string {
  if (!before) return `${check} ${now.value}`;
  const best = CHECK_VALUES[check][0] as string;
  if (now.value === "none" && before.status === "pass") return `${check} removed`;
  if (before.value === best && now.value === "unknown") return `${check} no longer traceable`;
  return `${check} ${before.value} → ${now.value}`;
}

/** The first changed line at or after `line` in a file's hunks (new side), else the file's first change. */
function nearest(ranges: readonly [number, number][], line: number): number | undefined {
  const starts = ranges.map(([s]) => s).sort((a, b) => a - b);
  return starts.find((s) => s >= line) ?? starts[0];
}

/**
 * Sets `cause` on each regressed finding whose site's own lines are unchanged (else `changedHere`): the changed
 * line among what decided the check, first the current evidence (new lines), then the base's evidence (its lines
 * as they were, for a removed option), then the request a wrapper call reaches; failing those, the nearest change
 * in one of their files.
 */
export function attachCauses(comparison: Comparison, base: ScanReport, changes: Map<string, FileChanges>): void {
  const baseSites = new Map<string, SiteReport>();
  for (const s of base.sites) if (s.fingerprint) baseSites.set(s.fingerprint, s);
  for (const f of comparison.findings) {
    if (!f.regressed) continue;
    const site = f.site;
    const own = changes.get(site.file);
    if (own && (own.added || touches(own.new, site.line, site.endLine))) {
      f.changedHere = true;
      continue;
    }
    const baseSite = site.fingerprint ? baseSites.get(site.fingerprint) : undefined;
    const before = baseSite?.checks[f.check];
    const text = changeText(f.check, before, f.result);
    // What decided the check, now (new lines) and at the ref (old lines); then the request a wrapper reaches.
    const candidates: { at: { file: string; line: number } | undefined; side: "new" | "old" }[] = [
      { at: ref(f.result.evidence), side: "new" },
      { at: ref(before?.evidence), side: "old" },
      { at: ref(site.via), side: "new" },
      { at: ref(baseSite?.via), side: "old" },
    ];
    let cause: { file: string; line: number } | undefined;
    for (const { at, side } of candidates) {
      const c = at && changes.get(at.file);
      if (at && c && touches(c[side], at.line, at.line)) {
        cause = at;
        break;
      }
    }
    for (const { at, side } of cause ? [] : candidates) {
      const c = at && changes.get(at.file);
      const line = at && c ? nearest(c[side], at.line) : undefined;
      if (at && line !== undefined) {
        cause = { file: at.file, line };
        break;
      }
    }
    if (cause) f.cause = { ...cause, text };
  }
}
