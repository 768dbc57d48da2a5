/** A hand-built scan report (two files, four sites, two suppressions) so the CLI tests do not depend on the scanner. */
import { fileScores } from "../../src/core/score";
import { CHECK_IDS, type CheckResult, type CheckStatus, type ScanReport, type SiteReport } from "../../src/core/types";

const ok = (value: string, evidence?: string): CheckResult => (evidence ? { value, status: "pass", evidence } : { value, status: "pass" });
const fail = (value: string, evidence?: string): CheckResult => (evidence ? { value, status: "fail", evidence } : { value, status: "fail" });
const warn = (value: string, evidence?: string): CheckResult => (evidence ? { value, status: "warn", evidence } : { value, status: "warn" });

export const sampleSites: SiteReport[] = [
  {
    file: "src/lib/summarize.ts",
    line: 14,
    column: 26,
    endLine: 19,
    endColumn: 4,
    provider: "anthropic",
    kind: "chat",
    callee: "anthropic.messages.create",
    model: "claude-sonnet-4-5",
    score: 50,
    checks: {
      timeout: fail("none", "src/lib/summarize.ts:5"),
      retry: ok("sdk-default"),
      validation: ok("text"),
      fallback: fail("none"),
      usage: ok("present", "src/lib/summarize.ts:20"),
      eval: fail("none"),
      context: ok("bounded"),
      limits: ok("n/a"),
    },
    suppressed: [{ check: "eval", reason: "covered by the nightly eval in the ops repo", at: "src/lib/summarize.ts:13" }],
  },
  {
    file: "src/routes/tickets.ts",
    line: 31,
    column: 20,
    endLine: 36,
    endColumn: 6,
    provider: "openai",
    kind: "chat",
    callee: "openai.chat.completions.create",
    model: "gpt-4o-mini",
    score: 67,
    checks: {
      timeout: ok("explicit", "src/lib/openai.ts:6"),
      retry: ok("explicit", "src/lib/openai.ts:7"),
      validation: ok("schema", "src/routes/tickets.ts:38"),
      fallback: ok("present", "src/routes/tickets.ts:44"),
      usage: fail("none"),
      eval: fail("none"),
      context: ok("bounded"),
      limits: ok("n/a"),
    },
    suppressed: [],
  },
  {
    file: "src/routes/tickets.ts",
    line: 58,
    column: 22,
    endLine: 65,
    endColumn: 5,
    provider: "openai",
    kind: "chat",
    callee: "fetch",
    model: "gpt-4o-mini",
    score: 17,
    checks: {
      timeout: fail("none"),
      retry: fail("none"),
      validation: fail("unchecked", "src/routes/tickets.ts:67"),
      fallback: warn("log-only", "src/routes/tickets.ts:69"),
      usage: fail("none"),
      eval: { value: "unknown", status: "unknown", note: "the test imports this module through a dynamic import we cannot follow" },
      context: ok("bounded"),
      limits: ok("n/a"),
    },
    suppressed: [{ check: "retry", reason: "the widget retries the whole request | once", at: "src/routes/tickets.ts:57" }],
  },
  {
    file: "src/routes/tickets.ts",
    line: 72,
    column: 18,
    endLine: 72,
    endColumn: 44,
    provider: "openai",
    kind: "chat",
    callee: "askModel",
    model: null,
    score: 83,
    checks: {
      timeout: ok("explicit", "src/lib/openai.ts:6"),
      retry: ok("sdk-default"),
      validation: ok("text"),
      fallback: warn("log-only", "src/routes/tickets.ts:75"),
      usage: ok("present", "src/lib/llm.ts:24"),
      eval: ok("covered", "test/llm.test.ts:9"),
      context: ok("bounded"),
      limits: ok("n/a"),
    },
    suppressed: [],
    via: "src/lib/llm.ts:18",
  },
];

/** The per-check counts of a list of sites, as the scanner reports them. */
export function countByCheck(sites: readonly SiteReport[]): ScanReport["summary"]["byCheck"] {
  const byCheck = Object.fromEntries(
    CHECK_IDS.map((id) => [id, { pass: 0, warn: 0, fail: 0, unknown: 0 } as Record<CheckStatus, number>]),
  ) as ScanReport["summary"]["byCheck"];
  for (const site of sites) for (const id of CHECK_IDS) byCheck[id][site.checks[id].status]++;
  return byCheck;
}

/** A fresh copy each call, so a test may change it. */
export function sampleReport(): ScanReport {
  const sites = structuredClone(sampleSites);
  return {
    version: 1,
    tool: { name: "llm-readiness", version: "0.1.0" },
    root: "test/workspaces/sample",
    score: 54,
    grade: "E",
    summary: { files: 11, sites: sites.length, byCheck: countByCheck(sites), skipped: 1 },
    sites,
    files: fileScores(sites),
    skipped: [{ file: "public/widget.min.js", reason: "minified", detail: "average line length 4210" }],
    errors: [{ file: "src/legacy/importer.ts", message: "';' expected (12:18); the file was not analysed and the scan went on" }],
  };
}

/** A report with no call sites, no skipped files and no errors. */
export function emptyReport(): ScanReport {
  return {
    version: 1,
    tool: { name: "llm-readiness", version: "0.1.0" },
    root: ".",
    score: 100,
    grade: "A",
    summary: { files: 3, sites: 0, byCheck: countByCheck([]), skipped: 0 },
    sites: [],
    files: [],
    skipped: [],
    errors: [],
  };
}
