/** The `llmReadiness.*` settings (declared in package.json `contributes.configuration`), validated with zod; no `vscode` import, so it is unit-tested. */
import { z } from "zod";
import { CHECK_IDS, type CheckId, type ConfiguredSeverity, type Logger } from "../core/types";
import { FixOptionsSchema, HelperFile, type FixOptionsInput } from "../shared/fixOptions";
import type { WorkerScanOptions } from "../shared/workerMessages";

const SeveritySetting = z.enum(["default", "error", "warning", "info", "hint", "off"]);
const Glob = z.string().min(1);

/** Each key as in package.json, its schema and its default (invalid values fall back to the default, with a log line). */
export const SETTINGS = {
  "codeLens.enabled": { schema: z.boolean(), default: false },
  /** Diagnostics only for findings new against the baseline file (src/extension/baseline.ts). */
  "baseline.focusOnNew": { schema: z.boolean(), default: false },
  "baseline.file": { schema: z.string().trim().min(1), default: ".llm-readiness-baseline.json" },
  "diagnostics.enabled": { schema: z.boolean(), default: true },
  /** Show checks the analysis could not decide (`unknown`), as hints. */
  "diagnostics.showUnknown": { schema: z.boolean(), default: false },
  /** Calls in test and eval files are listed in the report but, by default, get no diagnostics. */
  "diagnostics.showTestSites": { schema: z.boolean(), default: false },
  "diagnostics.severity": {
    schema: z.partialRecord(z.enum(CHECK_IDS), SeveritySetting),
    default: Object.fromEntries(CHECK_IDS.map((c) => [c, "default"])) as Partial<Record<CheckId, z.infer<typeof SeveritySetting>>>,
  },
  exclude: { schema: z.array(Glob), default: [] as string[] },
  maxFileBytes: { schema: z.int().min(1024), default: 1_000_000 },
  "analysis.debounceMs": { schema: z.int().min(0).max(10_000), default: 250 },
  "fix.timeoutMs": { schema: FixOptionsSchema.shape.timeoutMs, default: 30_000 },
  "fix.maxRetries": { schema: FixOptionsSchema.shape.maxRetries, default: 3 },
  "fix.helperFile": { schema: HelperFile, default: "src/llm/resilience.ts" },
  /** Empty: no fallback model, the generated fallback is a typed default value. */
  "fix.fallbackModel": { schema: z.string().trim(), default: "" },
  "fix.maxOutputTokens": { schema: z.int().min(16).max(1_000_000), default: 1024 },
  /** 0: the context fix (`messages.slice(-N)`) is not offered. */
  "fix.historyMessages": { schema: z.int().min(0).max(1_000), default: 0 },
} as const;

type Key = keyof typeof SETTINGS;
export type Settings = { [K in Key]: z.infer<(typeof SETTINGS)[K]["schema"]> };

/** Settings that change what the analysis reads: a change re-runs it (the others only re-render). */
export const ANALYSIS_KEYS: readonly Key[] = ["exclude", "maxFileBytes"];

/** Validates raw values (from getConfiguration) key by key; `warn` hears about each one replaced by its default. */
export function parseSettings(raw: (key: Key) => unknown, warn: (message: string) => void = () => {}): Settings {
  const out = {} as Record<Key, unknown>;
  for (const key of Object.keys(SETTINGS) as Key[]) {
    const spec = SETTINGS[key];
    const value = raw(key);
    if (value === undefined) {
      out[key] = spec.default;
      continue;
    }
    const r = spec.schema.safeParse(value);
    if (r.success) out[key] = r.data;
    else {
      warn(`setting llmReadiness.${key} is invalid (${z.prettifyError(r.error).replace(/\n/g, " ")}); using ${JSON.stringify(spec.default)}`);
      out[key] = spec.default;
    }
  }
  return out as Settings;
}

/**
 * The settings of a `vscode.workspace.getConfiguration("llmReadiness", folder)`: every one is read per
 * folder, so package.json declares each with `"scope": "resource"` (VS Code warns about any other).
 */
export function readSettings(config: { get(key: string): unknown }, log?: Logger): Settings {
  return parseSettings((k) => config.get(k), (m) => log?.warn(m));
}

/** The editor's severity override for a check (`default`: none, the configuration file and the rules decide). */
export function severityOverride(settings: Settings, check: CheckId): ConfiguredSeverity | undefined {
  const s = settings["diagnostics.severity"][check];
  return s === undefined || s === "default" ? undefined : s;
}

/** What the worker's scan takes from the settings. */
export function scanOptionsOf(settings: Settings): WorkerScanOptions {
  return {
    ...(settings.exclude.length ? { exclude: settings.exclude } : {}),
    maxFileBytes: settings.maxFileBytes,
  };
}

/** What the quick-fixes write, from the `llmReadiness.fix.*` settings. */
export function fixOptionsOf(settings: Settings): FixOptionsInput {
  const model = settings["fix.fallbackModel"];
  return {
    timeoutMs: settings["fix.timeoutMs"],
    maxRetries: settings["fix.maxRetries"],
    helperFile: settings["fix.helperFile"],
    ...(model ? { fallbackModel: model } : {}),
    maxOutputTokens: settings["fix.maxOutputTokens"],
    ...(settings["fix.historyMessages"] > 0 ? { historyMessages: settings["fix.historyMessages"] } : {}),
  };
}
