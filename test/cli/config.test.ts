/** The CLI and the configuration: an invalid config exits 2 with its `file:line: field` reasons, `minScore` is the default `--min-score`. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { run, type CliIo } from "../../src/cli/run";
import { ConfigError } from "../../src/core/config";
import type { ScanReport } from "../../src/core/types";
import { sampleReport } from "./sampleReport";

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-cli-config-"));
  fs.mkdirSync(path.join(tmp, "app", "src"), { recursive: true });
  fs.mkdirSync(path.join(tmp, "worker"), { recursive: true });
  fs.writeFileSync(path.join(tmp, "app", "src", "a.ts"), "export const a = 1;\n");
  fs.writeFileSync(
    path.join(tmp, "app", ".llm-readiness.json"),
    ['{', '  "exclude": ["legacy/**"],', '  "severity": {', '    "timeout": "loud"', "  },", '  "minScore": 101', "}", ""].join("\n"),
  );
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(argv: string[], io: Partial<CliIo> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: tmp, isTTY: false, ...io });
  return { code, stdout, stderr };
}

/** A fake scanner returning the sample report (score 54) with a config of `minScore`. */
const withMinScore =
  (min: Record<string, number>): CliIo["scan"] =>
  async (root) => {
    const report: ScanReport = sampleReport();
    const m = min[path.basename(root)];
    if (m !== undefined) report.config = { source: ".llm-readiness.json", minScore: m };
    return report;
  };

describe("cli: configuration", () => {
  it("exits 2 on an invalid config, one `file:line: field: message` line per problem, the file relative to the cwd", async () => {
    const r = await cli(["scan", "app"]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.equal(
      r.stderr,
      [
        'llm-readiness: app/.llm-readiness.json:4: severity.timeout: Invalid option: expected one of "error"|"warning"|"info"|"hint"|"off"',
        "llm-readiness: app/.llm-readiness.json:6: minScore: Too big: expected number to be <=100",
        "",
      ].join("\n"),
    );
  });

  it("maps a ConfigError from any scanner to exit 2", async () => {
    const r = await cli(["scan", "worker"], {
      scan: async () => {
        throw new ConfigError(path.join(tmp, "worker", "package.json"), "package.json", '{\n  "llmReadiness": 3\n}', [{ path: ["llmReadiness"], message: "Invalid input: expected object, received number" }]);
      },
    });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, "llm-readiness: worker/package.json:2: llmReadiness: Invalid input: expected object, received number\n");
  });

  it("uses the config's minScore when --min-score is not given, naming where it comes from", async () => {
    const below = await cli(["scan", "worker"], { scan: withMinScore({ worker: 60 }) });
    assert.equal(below.code, 1);
    assert.match(below.stdout, /Score 54\/100/, "the report is still printed");
    assert.equal(below.stderr, "llm-readiness: score 54 is below minScore 60 (worker/.llm-readiness.json)\n");
    assert.equal((await cli(["scan", "worker"], { scan: withMinScore({ worker: 54 }) })).code, 0);
  });

  it("lets --min-score win over the config", async () => {
    assert.equal((await cli(["scan", "worker", "--min-score", "50"], { scan: withMinScore({ worker: 60 }) })).code, 0);
    const r = await cli(["scan", "worker", "--min-score", "80"], { scan: withMinScore({ worker: 10 }) });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "llm-readiness: score 54 is below --min-score 80\n");
  });

  it("checks each path against its own config when several are scanned", async () => {
    fs.mkdirSync(path.join(tmp, "api"), { recursive: true });
    const r = await cli(["scan", "api", "worker"], { scan: withMinScore({ api: 50, worker: 70 }) });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "llm-readiness: score 54 of worker is below minScore 70 (worker/.llm-readiness.json)\n");
  });
});
