/** llmReadiness.* settings: validated key by key, declared in package.json with a scope and a description. */
import { CHECK_IDS } from "../../src/core/types";
import assert from "node:assert/strict";
import fs from "node:fs";
import { describe, it } from "node:test";
import { CONFIG_FILE as CORE_CONFIG_FILE } from "../../src/core/config";
import { SOURCE_EXTENSIONS } from "../../src/core/discover";
import { CONFIG_FILE, LANGUAGES, SOURCE_FILE, SOURCE_GLOB } from "../../src/extension/files";
import { parseSettings, scanOptionsOf, SETTINGS, severityOverride } from "../../src/extension/settings";

const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as {
  activationEvents: string[];
  contributes: { configuration: { id: string; title: string; properties: Record<string, Setting> }[] };
};
interface Setting {
  scope?: string;
  description?: string;
  markdownDescription?: string;
  default?: unknown;
  properties?: Record<string, { enum?: string[]; enumDescriptions?: string[]; markdownDescription?: string }>;
}
const props: Record<string, Setting> = Object.assign({}, ...pkg.contributes.configuration.map((s) => s.properties));

describe("settings", () => {
  it("uses the defaults for missing values", () => {
    const s = parseSettings(() => undefined);
    assert.equal(s["codeLens.enabled"], false);
    assert.equal(s["analysis.debounceMs"], 250);
    assert.deepEqual(scanOptionsOf(s), { maxFileBytes: 1_000_000 });
  });

  it("replaces an invalid value by its default and says which", () => {
    const warnings: string[] = [];
    const raw: Record<string, unknown> = { "codeLens.enabled": "yes", exclude: ["dist/**", ""], "diagnostics.severity": { timeout: "hint", usage: "loud" } };
    const s = parseSettings((k) => raw[k], (m) => warnings.push(m));
    assert.equal(s["codeLens.enabled"], false);
    assert.deepEqual(s.exclude, []);
    assert.deepEqual(s["diagnostics.severity"], SETTINGS["diagnostics.severity"].default);
    assert.equal(warnings.length, 3);
    assert.match(warnings[0]!, /llmReadiness\.codeLens\.enabled/);
  });

  it("turns severity settings into overrides (`default`: none)", () => {
    const s = parseSettings((k) => (k === "diagnostics.severity" ? { timeout: "hint", usage: "default" } : undefined));
    assert.equal(severityOverride(s, "timeout"), "hint");
    assert.equal(severityOverride(s, "usage"), undefined);
    assert.equal(severityOverride(s, "retry"), undefined);
  });

  it("declares each setting in package.json, read per folder, with resource scope, a description and the same default", () => {
    assert.deepEqual(Object.keys(props).sort(), Object.keys(SETTINGS).map((k) => `llmReadiness.${k}`).sort());
    for (const [key, spec] of Object.entries(SETTINGS)) {
      const p = props[`llmReadiness.${key}`]!;
      // ReadinessExtension reads every setting with the folder's URI: another scope logs a warning at activation.
      assert.equal(p.scope, "resource", `${key}: scope`);
      assert.ok(p.description || p.markdownDescription, `${key}: description`);
      assert.deepEqual(p.default, spec.default, `${key}: default`);
      assert.ok(spec.schema.safeParse(p.default).success, `${key}: the default is valid`);
    }
  });

  it("groups the settings in titled sections whose ids trim the `llmReadiness` prefix from the labels", () => {
    for (const section of pkg.contributes.configuration) {
      assert.match(section.id, /^llmReadiness\./);
      assert.ok(section.title);
    }
  });

  it("describes the severity of each check with an enum and a description for each value", () => {
    const severity = props["llmReadiness.diagnostics.severity"]!;
    assert.deepEqual(Object.keys(severity.properties ?? {}), [...CHECK_IDS]);
    for (const [check, p] of Object.entries(severity.properties ?? {})) {
      assert.deepEqual(p.enum, ["default", "error", "warning", "info", "hint", "off"], check);
      assert.equal(p.enumDescriptions?.length, p.enum?.length, check);
      assert.ok(p.markdownDescription, check);
    }
  });
});

describe("files the extension watches", () => {
  it("match the core's source extensions and config file name", () => {
    for (const ext of SOURCE_EXTENSIONS) {
      assert.ok(SOURCE_FILE.test(`/w/a${ext}`), ext);
      assert.ok(SOURCE_GLOB.includes(ext.slice(1)), ext);
    }
    assert.ok(!SOURCE_FILE.test("/w/a.json"));
    assert.equal(CONFIG_FILE, CORE_CONFIG_FILE);
  });
  it("activates on the languages it serves and never on `*`", () => {
    assert.ok(!pkg.activationEvents.includes("*"));
    for (const l of LANGUAGES) assert.ok(pkg.activationEvents.includes(`onLanguage:${l}`), l);
    assert.ok(pkg.activationEvents.includes("workspaceContains:**/package.json"));
  });
});
