/** The hover on a call site's callee: its readiness card (the score, the missing checks one line each, links), one compact block. */
import * as vscode from "vscode";
import { calleeRange, openLink } from "./convert";
import { readinessCard, type CheckRules, type Overrides } from "./present";
import type { SiteIndex } from "./sites";
import { CommandId } from "./commands";
import type { CheckId } from "../core/types";

export class ReadinessHover implements vscode.HoverProvider {
  constructor(
    private readonly sites: SiteIndex,
    private readonly rules: CheckRules,
    private readonly overridesFor: (folder: vscode.Uri) => Overrides,
    /** The docs page of a check (rules/docs/<id>.md in the extension). */
    private readonly docsOf: (check: CheckId) => vscode.Uri,
  ) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    // The innermost site whose callee is under the cursor (a wrapper call may sit inside another call's arguments).
    const hits = this.sites.sitesIn(doc.uri);
    let best: { folder: vscode.Uri; site: (typeof hits)[number]["site"]; range: vscode.Range } | undefined;
    for (const h of hits) {
      const range = calleeRange(h.site);
      if (!range.contains(pos)) continue;
      if (!best || best.range.contains(range)) best = { ...h, range };
    }
    if (!best) return undefined;
    const folder = best.folder;
    const links = { at: (at: string) => openLink(folder, at), docs: (check: CheckId) => this.docsOf(check).toString() };
    const text = readinessCard(best.site, this.rules, links, this.overridesFor(folder));
    const md = new vscode.MarkdownString(text, true);
    md.isTrusted = { enabledCommands: [CommandId.openLocation] };
    return new vscode.Hover(md, best.range);
  }
}
