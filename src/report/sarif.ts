/** `--format sarif`: SARIF 2.1.0 for code-scanning UIs (GitHub, VS Code SARIF viewer), one result per failing or warning check per site. */
import type * as Sarif from "sarif";
import type { Comparison } from "../core/baseline";
import { FINGERPRINT_VERSION, withFingerprints } from "../core/fingerprint";
import { findingMessage, sarifLevel, sentences, severityOf } from "../core/messages";
import { reportSiteDefaults } from "../core/siteFacts";
import { CHECK_IDS, type CheckId, type ScanReport, type SiteReport } from "../core/types";
import { findingsOf } from "./findings";
import { bundledCatalog, helpUri, INFORMATION_URI, loadRuleMeta, type CheckMeta } from "./ruleMeta";

export interface SarifOptions {
  /** `file:` URI of the scanned root, ending in `/`, for `originalUriBaseIds`; left out when not given. */
  rootUri?: string;
  /** With a baseline: `baselineState` on every result, and a result per baseline entry no longer found (`absent`). */
  comparison?: Comparison;
}

/** Key of our fingerprint in `partialFingerprints` (src/core/fingerprint.ts); the suffix follows what is hashed. */
export const FINGERPRINT_KEY = `llmReadiness/v${FINGERPRINT_VERSION}`;
const SRCROOT = "%SRCROOT%";

/** A report-relative path (`/` separators) as a URI reference, each segment percent-encoded. */
function toUri(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}

/** `file:line` (evidence, suppression `at`) → a SARIF location, or undefined when it has another shape. */
function lineLocation(ref: string | undefined, text?: string): Sarif.Location | undefined {
  const m = ref ? /^(.+):(\d+)$/.exec(ref) : null;
  if (!m) return undefined;
  const location: Sarif.Location = {
    physicalLocation: { artifactLocation: { uri: toUri(m[1]), uriBaseId: SRCROOT }, region: { startLine: Number(m[2]) } },
  };
  if (text) location.message = { text };
  return location;
}

const PASCAL = (s: string) => s.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, __, c: string) => c.toUpperCase());

function rule(id: CheckId, meta: CheckMeta): Sarif.ReportingDescriptor {
  return {
    id,
    name: PASCAL(meta.title),
    shortDescription: { text: meta.short },
    fullDescription: { text: `${meta.short} ${meta.consequence}` },
    help: {
      text: `${meta.consequence} ${meta.remedy} See ${helpUri(id)}`,
      markdown: `${meta.consequence}\n\n${meta.remedy}\n\n[Docs for \`${id}\`](${helpUri(id)})`,
    },
    helpUri: helpUri(id),
    defaultConfiguration: { level: failLevel(meta) },
    properties: { tags: ["llm", "reliability"] },
  };
}

/** The level of a failing result with no severity configured: the rule's severity table, as the editor shows it. */
function failLevel(meta: CheckMeta): "error" | "warning" | "note" {
  const fail = Object.values(meta.values).find((v) => v.status === "fail");
  const level = sarifLevel(fail?.severity ?? "warning");
  return level === "none" ? "note" : level;
}

/** The site with its SDK's defaults and option names, so the message names the option to set (`abortSignal` for the AI SDK). */
function withDefaults(site: SiteReport): SiteReport {
  if (site.defaults) return site;
  const defaults = reportSiteDefaults(site, bundledCatalog());
  return defaults ? { ...site, defaults } : site;
}

export function toSarif(report: ScanReport, options: SarifOptions = {}): Sarif.Log {
  const meta = loadRuleMeta();
  const results: Sarif.Result[] = [];
  const states = new Map(options.comparison?.findings.map((f) => [`${f.site.fingerprint}\0${f.check}`, f]));
  // Reports made without fingerprints (older JSON, hand-built) get them ranked within each file.
  const sites = report.sites.every((s) => s.fingerprint && s.fingerprints) ? report.sites : withFingerprints(report.sites);

  for (const site of sites) {
    const named = withDefaults(site);
    for (const f of findingsOf(site)) {
      const m = meta[f.check];
      // The same severity and message as the editor's (src/core/messages.ts), so a finding reads alike everywhere.
      const level = sarifLevel(severityOf(m, f.result));
      if (level === "none") continue;
      const result: Sarif.Result = {
        ruleId: f.check,
        ruleIndex: CHECK_IDS.indexOf(f.check),
        level,
        message: {
          text: sentences(
            `${m.title}: \`${f.check}\` is \`${f.result.value}\` for \`${site.callee}\``,
            findingMessage(m, f.check, named),
            site.via ? `The call goes through the wrapper's request at ${site.via}` : undefined,
          ),
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUri(site.file), uriBaseId: SRCROOT },
              region: { startLine: site.line, startColumn: site.column, endLine: site.endLine, endColumn: site.endColumn },
            },
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: site.fingerprints![f.check] },
        properties: {
          value: f.result.value,
          status: f.result.status,
          provider: site.provider,
          kind: site.kind,
          model: site.model,
          siteScore: site.score,
        },
      };
      const evidence = lineLocation(f.result.evidence, `What decided \`${f.check}\` = \`${f.result.value}\``);
      if (evidence) result.relatedLocations = [{ id: 1, ...evidence }];
      if (f.suppression) {
        const suppression: Sarif.Suppression = { kind: "inSource", justification: f.suppression.reason };
        const at = lineLocation(f.suppression.at);
        if (at) suppression.location = at;
        result.suppressions = [suppression];
      }
      const compared = states.get(`${site.fingerprint}\0${f.check}`);
      if (options.comparison) {
        // Suppressed findings are no finding for the baseline: they stand as they were.
        result.baselineState = compared?.state ?? "unchanged";
        if (compared?.cause) result.properties!.regressedBy = `${compared.cause.file}:${compared.cause.line}: ${compared.cause.text}`;
      }
      results.push(result);
    }
  }
  for (const e of options.comparison?.absent ?? []) {
    // A finding of the baseline no longer found: fixed, or gone with its code. It has no line any more.
    results.push({
      ruleId: e.check,
      ruleIndex: CHECK_IDS.indexOf(e.check),
      kind: "pass",
      level: "none",
      baselineState: "absent",
      message: { text: `Fixed since the baseline: \`${e.check}\` was \`${e.value}\` for \`${e.callee}\` in \`${e.scope}\`.` },
      locations: [{ physicalLocation: { artifactLocation: { uri: toUri(e.file), uriBaseId: SRCROOT } } }],
      partialFingerprints: { [FINGERPRINT_KEY]: e.fingerprint },
      properties: { value: e.value, status: "fixed", provider: e.provider },
    });
  }

  const notifications: Sarif.Notification[] = [
    ...report.errors.map(
      (e): Sarif.Notification => ({
        level: "warning",
        message: { text: e.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUri(e.file), uriBaseId: SRCROOT },
              ...(e.line !== undefined ? { region: { startLine: e.line } } : {}),
            },
          },
        ],
      }),
    ),
    ...report.skipped.map(
      (s): Sarif.Notification => ({
        level: "note",
        message: { text: `Skipped (${s.reason})${s.detail ? `: ${s.detail}` : ""}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: toUri(s.file), uriBaseId: SRCROOT } } }],
      }),
    ),
  ];

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: "LLM Readiness",
        version: report.tool.version,
        semanticVersion: report.tool.version,
        informationUri: INFORMATION_URI,
        rules: CHECK_IDS.map((id) => rule(id, meta[id])),
      },
    },
    invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
    columnKind: "utf16CodeUnits",
    results,
    properties: { score: report.score, grade: report.grade, root: report.root },
  };
  if (options.rootUri) run.originalUriBaseIds = { [SRCROOT]: { uri: options.rootUri } };

  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [run],
  };
}

export function formatSarif(report: ScanReport, options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
}
