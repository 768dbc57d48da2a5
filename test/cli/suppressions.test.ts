/** Suppression comments end to end: source comment → report `suppressed` → SARIF `suppressions`, through the CLI. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type * as Sarif from "sarif";
import { run } from "../../src/cli/run";
import { analyzeWorkspace } from "../../src/core/scan";
import { buildReport, type Judge } from "../../src/core/buildReport";
import { ScanReportSchema } from "../../src/core/report";
import { CHECK_IDS, type CheckId, type CheckResult, type ScanOptions } from "../../src/core/types";

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-cli-supp-"));
  fs.mkdirSync(path.join(tmp, "app", "src"), { recursive: true });
  fs.writeFileSync(
    path.join(tmp, "app", "src", "summarize.ts"),
    [
      'import OpenAI from "openai";',
      "",
      "const openai = new OpenAI();",
      "",
      "export async function summarize(text: string) {",
      "  // llm-readiness-disable-next-line timeout, eval -- batch job: the scheduler kills it after 5 minutes; evals run in the prompt repo",
      "  const res = await openai.chat.completions.create({",
      '    model: "gpt-4o-mini",',
      '    messages: [{ role: "user", content: `Summarize:\\n${text}` }],',
      "  });",
      '  return res.choices[0]?.message.content ?? "";',
      "}",
      "",
      "export async function title(text: string) {",
      "  const res = await openai.chat.completions.create({",
      '    model: "gpt-4o-mini",',
      '    messages: [{ role: "user", content: `A title for:\\n${text}` }],',
      "  });",
      '  return res.choices[0]?.message.content ?? "";',
      "}",
      "",
      "// llm-readiness-disable-next-line timeout",
      "export const unused = 1;",
      "",
    ].join("\n"),
  );
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The real pipeline with a judge that fails every check, so every check is a finding whatever the checks say. */
const failing: Judge = () =>
  Object.fromEntries(CHECK_IDS.map((c) => [c, { value: c === "validation" ? "unchecked" : "none", status: "fail" } as CheckResult])) as Record<CheckId, CheckResult>;
const scanFailing = async (root: string, options?: ScanOptions) => buildReport(root, await analyzeWorkspace(root, options), failing);

async function cli(argv: string[], scan?: typeof scanFailing) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: tmp, isTTY: false, ...(scan ? { scan } : {}) });
  return { code, stdout, stderr };
}

const REASON = "batch job: the scheduler kills it after 5 minutes; evals run in the prompt repo";

describe("cli: suppressions", () => {
  it("lists the suppression on its site in --format json, and reports the one without a reason", async () => {
    const r = await cli(["scan", "app", "-f", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const report = ScanReportSchema.parse(JSON.parse(r.stdout));
    assert.deepEqual(
      report.sites.map((s) => [s.line, s.suppressed]),
      [
        [
          7,
          [
            { check: "timeout", reason: REASON, at: "src/summarize.ts:6" },
            { check: "eval", reason: REASON, at: "src/summarize.ts:6" },
          ],
        ],
        [15, []],
      ],
    );
    const problem = report.errors.find((e) => e.file === "src/summarize.ts");
    assert.equal(problem?.line, 22);
    assert.match(problem!.message, /^line 22: .*has no reason.*the suppression was ignored$/);
  });

  it("emits SARIF `suppressions` (inSource, the reason, the comment's line) on exactly the suppressed results", async () => {
    const r = await cli(["scan", "app", "-f", "sarif"], scanFailing);
    assert.equal(r.code, 0, r.stderr);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    const results = log.runs[0]!.results!;
    const at = (line: number) => results.filter((x) => x.locations?.[0]?.physicalLocation?.region?.startLine === line);
    assert.equal(at(7).length, 6, at(7).map((x) => x.ruleId).join(","));
    assert.equal(at(15).length, 6, at(15).map((x) => x.ruleId).join(","));
    for (const res of at(7)) {
      if (res.ruleId === "timeout" || res.ruleId === "eval") {
        assert.deepEqual(res.suppressions, [
          {
            kind: "inSource",
            justification: REASON,
            location: { physicalLocation: { artifactLocation: { uri: "src/summarize.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 6 } } },
          },
        ]);
      } else assert.equal(res.suppressions, undefined, res.ruleId);
    }
    for (const res of at(15)) assert.equal(res.suppressions, undefined);
    const note = log.runs[0]!.invocations![0]!.toolExecutionNotifications!.find((n) => /suppression/.test(n.message.text ?? ""));
    assert.equal(note?.locations?.[0]?.physicalLocation?.region?.startLine, 22);
  });

  it("keeps suppressed findings out of the text report's findings, listing them with their reason", async () => {
    const r = await cli(["scan", "app"], scanFailing);
    const lines = r.stdout.split("\n");
    const i = lines.findIndex((l) => /^\s+7:\d+\s/.test(l));
    assert.doesNotMatch(lines[i + 1]!, /timeout|eval/);
    assert.equal(lines[i + 2]!.trim(), `suppressed: timeout=none (${REASON}), eval=none (${REASON})`);
  });
});
