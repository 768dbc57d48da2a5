/** Runs valid/invalid cases of one check on fixtures under test/fixtures/ (a file, or a folder = a small project). */
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { analyzeWorkspace } from "../../src/core/scan";
import { createContext, DEFAULT_CHECK_SETTINGS, type CheckSettings } from "../../src/core/checks/checkContext";
import type { CheckDef } from "../../src/core/checks/defineCheck";
import { location } from "../../src/core/buildReport";

export interface CheckCase {
  /** Path under test/fixtures/: a file, or a folder ending in `/` scanned as a project. */
  fixture: string;
  value: string;
  /** Which site (1-based line, and column when a line has two); required when the fixture has several sites. */
  line?: number;
  column?: number;
  /** `file` of the site within a folder fixture (relative to it). */
  file?: string;
  settings?: Partial<CheckSettings>;
  /** Expected `file:line` of the evidence, relative to the fixture root (checked when given). */
  evidence?: string;
}

/** The fixtures folder, from the project root (tests run from there). */
export const FIXTURES = path.resolve("test/fixtures");

/** Evaluates one check on the selected site of a fixture. */
export async function evaluateFixture(check: CheckDef, c: CheckCase) {
  const root = path.join(FIXTURES, c.fixture);
  const analysis = await analyzeWorkspace(root);
  let sites = analysis.sites.filter((s) => !analysis.isTestFile(s.file.rel));
  if (c.file) sites = sites.filter((s) => s.file.rel === c.file);
  if (c.line !== undefined) sites = sites.filter((s) => location(s).line === c.line && (c.column === undefined || location(s).column === c.column));
  assert.equal(sites.length, 1, `${c.fixture}: expected exactly one site${c.line ? ` at line ${c.line}` : ""}, found ${sites.length}: ${sites.map((s) => `${s.file.rel}:${location(s).line} ${s.callee}`).join(", ")}`);
  const settings = { ...DEFAULT_CHECK_SETTINGS, ...c.settings };
  const ctx = createContext(analysis.workspace, analysis.finder, analysis.catalog, analysis.sites, settings, analysis.isTestFile);
  return { outcome: check.evaluate(sites[0]!, ctx), ctx };
}

/** One `node:test` case per fixture: the check's value (and evidence) on the selected site. */
export function runCheckCases(check: CheckDef, cases: { valid: CheckCase[]; invalid: CheckCase[] }): void {
  for (const [group, list] of [["valid", cases.valid], ["invalid", cases.invalid]] as const) {
    for (const c of list) {
      test(`${check.id} ${group}: ${c.fixture}${c.line ? `:${c.line}` : ""} → ${c.value}`, async () => {
        const { outcome, ctx } = await evaluateFixture(check, c);
        assert.equal(outcome.value, c.value, `note: ${outcome.note ?? "-"}`);
        if (c.evidence) {
          const ev = typeof outcome.evidence === "string" ? outcome.evidence : outcome.evidence ? ctx.locate(outcome.evidence) : undefined;
          assert.equal(ev, c.evidence);
        }
      });
    }
  }
}
