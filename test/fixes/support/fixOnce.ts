/**
 * Applies one fix to a small workspace written from strings and re-scans it, without type-checking:
 * for SDKs whose typings are not installed (Groq, Mistral, Cohere, axios...), where runFixCases cannot
 * compile the fixture. What it proves is narrower: the edit text, and the check's value after it.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AnalysisSession } from "../../../src/core/session";
import { fixesForSite } from "../../../src/core/fixes";
import { applyEdits, byFile } from "../../../src/core/fixes/apply";
import { DEFAULT_FIX_OPTIONS, type Fix, type FixOptions } from "../../../src/core/fixes/types";
import type { CheckId } from "../../../src/core/types";

export interface FixOnce {
  fix: Fix;
  /** Titles of every fix offered for the check. */
  titles: string[];
  /** Texts after the fix of the files it changed or created. */
  texts: Record<string, string>;
  /** The check's value on the site after the fix. */
  after: string;
}

/** Titles of the fixes offered for the one site of `files`. */
export async function offered(files: Record<string, string>, check: CheckId, options: Partial<FixOptions> = {}): Promise<string[]> {
  const dir = write(files);
  try {
    const session = await AnalysisSession.open(dir);
    const sites = session.sites();
    assert.equal(sites.length, 1, `expected one site, found ${sites.map((s) => `${s.file.rel} ${s.callee}`).join(", ") || "none"}`);
    return fixesForSite({ report: session.report(), checks: session.checkContext() }, sites[0]!, { ...DEFAULT_FIX_OPTIONS, ...options }, [check]).map((f) => f.title);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function write(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-fix-once-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** `files` must hold exactly one site; `pick` chooses among its fixes by title (the first by default). */
export async function fixOnce(files: Record<string, string>, check: CheckId, pick?: RegExp, options: Partial<FixOptions> = {}): Promise<FixOnce> {
  const dir = write(files);
  try {
    const session = await AnalysisSession.open(dir);
    const sites = session.sites();
    assert.equal(sites.length, 1, `expected one site, found ${sites.map((s) => `${s.file.rel} ${s.callee}`).join(", ") || "none"}`);
    const fixes = fixesForSite({ report: session.report(), checks: session.checkContext() }, sites[0]!, { ...DEFAULT_FIX_OPTIONS, ...options }, [check]);
    const fix = pick ? fixes.find((f) => pick.test(f.title)) : fixes[0];
    assert.ok(fix, `no ${check} fix${pick ? ` matching ${pick}` : ""}; offered: ${fixes.map((f) => f.title).join(" | ") || "none"}`);
    const texts: Record<string, string> = {};
    for (const [rel, edits] of byFile(fix.edits)) {
      texts[rel] = applyEdits(fs.readFileSync(path.join(dir, rel), "utf8"), edits);
      fs.writeFileSync(path.join(dir, rel), texts[rel]!);
    }
    for (const n of fix.create) {
      fs.mkdirSync(path.dirname(path.join(dir, n.file)), { recursive: true });
      fs.writeFileSync(path.join(dir, n.file), n.text);
      texts[n.file] = n.text;
    }
    const again = await AnalysisSession.open(dir);
    assert.equal(again.report().sites.length, 1, "one site after the fix");
    return { fix, titles: fixes.map((f) => f.title), texts, after: again.report().sites[0]!.checks[check].value };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
