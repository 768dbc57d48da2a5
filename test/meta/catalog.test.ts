/** Catalog completeness: every check has its five files, ids match file names, values match CHECKS.md, docs pages have the six headings; broken rules files are rejected with `file:line: field`. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import files from "rules:all";
import { CHECKS } from "../../src/core/checks";
import { FIXES } from "../../src/core/fixes";
import { CatalogError, loadCatalog } from "../../src/core/catalog/load";
import { lineOfJsonPath } from "../../src/core/catalog/jsonLocation";
import { CHECK_IDS, CHECK_VALUES } from "../../src/core/types";

/** The headings every rules/docs/<id>.md has, in this order (STYLE.md; rules/docs pages link here from diagnostics). */
const DOC_HEADINGS = ["Why it matters", "Flagged", "Accepted", "Quick fix", "Settings", "When not to use"] as const;

/** The contract, when the shared folder sits next to the project (it does in the monorepo checkout). */
const CHECKS_MD = path.resolve("../shared/CHECKS.md");

/** The `| \`id\` | \`v1\`, \`v2\` | meaning |` rows of CHECKS.md's checks table. */
function checksTable(md: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of md.split("\n")) {
    const m = /^\|\s*`([a-z-]+)`\s*\|([^|]*)\|/.exec(line);
    if (!m) continue;
    const values = [...m[2]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!);
    if (values.length) out.set(m[1]!, values);
  }
  return out;
}

/** Module values against the contract: the same, in the same order; `unknown` may close the list of a check whose row omits it (any check may fail to conclude). */
/** Checks CHECKS.md announces before their issue lands (issue #15). Empty this list when they are implemented. */
const PENDING_CHECKS = ["context", "limits"].filter((id) => !(CHECK_IDS as readonly string[]).includes(id));

function sameValues(got: readonly string[], want: readonly string[]): boolean {
  const g = !want.includes("unknown") && got[got.length - 1] === "unknown" ? got.slice(0, -1) : got;
  return g.length === want.length && g.every((v, i) => v === want[i]);
}

const exists = (rel: string) => fs.existsSync(path.resolve(rel));

describe("catalog: the five files of each check", () => {
  for (const id of CHECK_IDS) {
    it(`${id}: module, rules data, docs page, tests and fixtures`, () => {
      const missing = [
        `src/core/checks/${id}/check.ts`,
        `rules/checks/${id}.json`,
        `rules/docs/${id}.md`,
        `test/checks/${id}.test.ts`,
        `test/fixtures/${id}/`,
      ].filter((f) => !exists(f));
      assert.deepEqual(missing, [], `${id} is missing ${missing.join(", ")}`);
      const fixtures = fs.readdirSync(path.resolve(`test/fixtures/${id}`));
      assert.ok(fixtures.length > 0, `test/fixtures/${id}/ is empty`);
    });
  }

  it("has no check file whose name is not a check id", () => {
    const infra = new Set(["index.ts", "checkContext.ts", "defineCheck.ts"]);
    const strays = [
      ...fs.readdirSync(path.resolve("src/core/checks"), { withFileTypes: true }).filter((e) => !infra.has(e.name)).map((e) => `src/core/checks/${e.name}`),
      ...fs.readdirSync(path.resolve("rules/checks")).map((n) => `rules/checks/${n}`),
      ...(exists("test/checks") ? fs.readdirSync(path.resolve("test/checks")).map((n) => `test/checks/${n}`) : []),
      ...(exists("test/fixtures") ? fs.readdirSync(path.resolve("test/fixtures")).filter((n) => n !== "fixes").map((n) => `test/fixtures/${n}/`) : []),
      ...(exists("test/fixtures/fixes") ? fs.readdirSync(path.resolve("test/fixtures/fixes")).map((n) => `test/fixtures/fixes/${n}/`) : []),
    ].filter((f) => {
      const id = path.basename(f).replace(/(\.test)?\.(ts|json)$/, "");
      return !(CHECK_IDS as readonly string[]).includes(id);
    });
    assert.deepEqual(strays, []);
  });

  it("every check has a fix module, fix tests and fix fixtures", () => {
    for (const id of CHECK_IDS) {
      assert.ok(exists(`src/core/checks/${id}/fix.ts`), `src/core/checks/${id}/fix.ts`);
      assert.equal(FIXES[id].check, id, `src/core/checks/${id}/fix.ts fixes "${FIXES[id].check}"`);
      assert.ok(exists(`test/fixes/${id}.test.ts`), `test/fixes/${id}.test.ts`);
      assert.ok(exists(`test/fixtures/fixes/${id}`), `test/fixtures/fixes/${id}/`);
    }
  });

  it("every module's id is the name it is registered (and filed) under", () => {
    for (const id of CHECK_IDS) assert.equal(CHECKS[id].id, id, `src/core/checks/${id}/check.ts exports the check "${CHECKS[id].id}"`);
    const catalog = loadCatalog();
    for (const id of CHECK_IDS) assert.equal(catalog.checks[id].id, id);
    for (const id of CHECK_IDS) assert.equal(catalog.checks[id].docs, `rules/docs/${id}.md`, `rules/checks/${id}.json: docs`);
  });
});

describe("catalog: values", () => {
  const table = fs.existsSync(CHECKS_MD) ? checksTable(fs.readFileSync(CHECKS_MD, "utf8")) : undefined;

  it(`each module's values are CHECKS.md's, best first${table ? "" : " (../shared/CHECKS.md absent: against CHECK_VALUES)"}`, () => {
    for (const id of CHECK_IDS) {
      const want = table?.get(id) ?? [...CHECK_VALUES[id]];
      assert.ok(sameValues(CHECKS[id].values, want), `src/core/checks/${id}/check.ts values [${CHECKS[id].values.join(", ")}] ≠ CHECKS.md [${want.join(", ")}]`);
      assert.ok(sameValues(CHECK_VALUES[id], want), `src/core/types.ts CHECK_VALUES.${id} ≠ CHECKS.md`);
    }
    // CHECKS.md may list checks ahead of the code ("`context` and `limits` join ... with their own issue"):
    // the implemented ones come first, in report order, and only those may be missing.
    if (table) assert.deepEqual([...table.keys()].slice(0, CHECK_IDS.length), [...CHECK_IDS], "CHECKS.md lists the checks in report order");
    if (table) assert.deepEqual([...table.keys()].slice(CHECK_IDS.length).filter((id) => !PENDING_CHECKS.includes(id)), [], "CHECKS.md lists only known checks");
  });

  it("the CHECKS.md table parser reads rows as written", () => {
    const t = checksTable("| check | values | meaning |\n|---|---|---|\n| `retry` | `explicit`, `sdk-default`, `none` | `explicit`: ... |\n");
    assert.deepEqual([...t], [["retry", ["explicit", "sdk-default", "none"]]]);
  });
});

describe("catalog: docs pages", () => {
  for (const id of CHECK_IDS) {
    it(`rules/docs/${id}.md has the six headings, in order`, () => {
      const file = path.resolve(`rules/docs/${id}.md`);
      assert.ok(fs.existsSync(file), `rules/docs/${id}.md is missing`);
      const headings = fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => /^## /.test(l))
        .map((l) => l.slice(3).trim());
      const at = DOC_HEADINGS.map((h) => headings.findIndex((x) => x.toLowerCase().startsWith(h.toLowerCase())));
      const missing = DOC_HEADINGS.filter((_, i) => at[i] === -1);
      assert.deepEqual(missing, [], `rules/docs/${id}.md lacks "## ${missing.join('", "## ')}" (has: ${headings.join(" · ")})`);
      assert.deepEqual([...at].sort((a, b) => a - b), at, `rules/docs/${id}.md: headings out of order (${headings.join(" · ")})`);
    });
  }
});

describe("catalog: broken rules files", () => {
  it("rejects a provider file with `file:line: field: message`", () => {
    const good = files["providers/openai.json"]!;
    const broken = good.replace(/"timeoutMs":\s*[^,\n]+/, '"timeoutMs": "ten minutes"');
    assert.notEqual(broken, good);
    const line = lineOfJsonPath(broken, ["defaults", "timeoutMs"]);
    assert.ok(line > 1);
    assert.throws(
      () => loadCatalog({ ...files, "providers/openai.json": broken }),
      (e: unknown) => e instanceof CatalogError && new RegExp(`^rules/providers/openai\\.json:${line}: defaults\\.timeoutMs: `).test(e.message),
    );
  });

  it("rejects an unknown key, a file whose id is not its name, invalid JSON and a check file with the wrong values", () => {
    const provider = JSON.parse(files["providers/openai.json"]!) as Record<string, unknown>;
    const withKey = JSON.stringify({ ...provider, timeout: 5 }, null, 2);
    const rejects = (texts: Record<string, string>, message: RegExp) =>
      assert.throws(() => loadCatalog({ ...files, ...texts }), (e: unknown) => e instanceof CatalogError && message.test(e.message));
    const keyLine = lineOfJsonPath(withKey, ["timeout"]);
    assert.ok(keyLine > 1);
    rejects({ "providers/openai.json": withKey }, new RegExp(`^rules/providers/openai\\.json:${keyLine}: timeout: Unrecognized key: "timeout"$`));
    rejects({ "providers/openai.json": JSON.stringify({ ...provider, id: "openia" }) }, /^rules\/providers\/openai\.json:1: id: must match the file name/);
    rejects({ "http.json": "{ clients: " }, /^rules\/http\.json: invalid JSON/);
    const check = JSON.parse(files["checks/usage.json"]!) as { values: Record<string, unknown> };
    delete check.values.none;
    rejects({ "checks/usage.json": JSON.stringify(check) }, /^rules\/checks\/usage\.json: values: must be exactly/);
    const weight = files["checks/timeout.json"]!.replace(/"weight":\s*\d+/, '"weight": -1');
    rejects({ "checks/timeout.json": weight }, new RegExp(`^rules/checks/timeout\\.json:${lineOfJsonPath(weight, ["weight"])}: weight: `));
  });
});
