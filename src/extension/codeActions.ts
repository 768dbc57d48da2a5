/**
 * Quick-fixes in the editor. Per call site the lightbulb offers at most six rows (./fixMenu.ts): "Make this call
 * production-ready (N safe fixes)", the one preferred action (Auto Fix, Shift+Alt+., applies it; its edit is
 * computed when it is applied), one fix per failing check, "Disable a check for this line…" (asks for the check
 * and a real reason) and "Open docs". `source.fixAll.llmReadiness` applies every safe fix of a file (on save with
 * `editor.codeActionsOnSave`); "Fix All in Workspace" previews every safe fix as a refactoring, grouped by check.
 * The fixes are computed in the worker (src/extension/fixWorker.ts).
 */
import path from "node:path";
import * as vscode from "vscode";
import { placeholderReason } from "../core/suppressionReason";
import { CHECK_IDS, type CheckId, type Logger } from "../core/types";
import type { FixOptionsInput } from "../shared/fixOptions";
import type { FixAllAnswer, WireFix } from "../shared/workerMessages";
import { AnalysisFailed, type AnalysisClient } from "./analysisClient";
import { CommandId } from "./commands";
import { SOURCE } from "./diagnostics";
import { loadCheckRules } from "./checkRules";
import { disableLineInsert } from "./fixEdits";
import { fixAllSummary, menuForSite, type MenuEntry } from "./fixMenu";
import { SOURCE_FILE } from "./files";

export interface FixDeps {
  client: AnalysisClient;
  /** The `llmReadiness.fix.*` settings of a resource's folder. */
  fixOptions(uri: vscode.Uri): FixOptionsInput;
  /** The docs page of a check (rules/docs/<id>.md in the extension). */
  docsOf(check: CheckId): vscode.Uri;
  log: Logger;
}

/** `source.fixAll.llmReadiness`: what `editor.codeActionsOnSave` names to apply every safe fix of a file on save. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append("llmReadiness");
/** `quickfix.llmReadiness`: our entries in the lightbulb (a keybinding can ask for them by this kind). */
export const QUICK_FIX_KIND = vscode.CodeActionKind.QuickFix.append("llmReadiness");

/** The check of one of our diagnostics (its `code`), or undefined for someone else's or a configuration problem. */
export function checkOf(d: vscode.Diagnostic): CheckId | undefined {
  if (d.source !== SOURCE) return undefined;
  const code = typeof d.code === "object" && d.code !== null ? d.code.value : d.code;
  return (CHECK_IDS as readonly unknown[]).includes(code) ? (code as CheckId) : undefined;
}

/**
 * The unsaved buffers of a folder's source files, so the worker's session matches what the user sees before
 * fixing. Saved documents are left out: the session has their disk text (and a document kept alive after its
 * file was deleted must not bring the file back).
 */
function openBuffers(folder: vscode.WorkspaceFolder): { abs: string; text: string }[] {
  return vscode.workspace.textDocuments
    .filter((d) => d.isDirty && d.uri.scheme === "file" && SOURCE_FILE.test(d.uri.fsPath) && vscode.workspace.getWorkspaceFolder(d.uri)?.uri.toString() === folder.uri.toString())
    .map((d) => ({ abs: d.uri.fsPath, text: d.getText() }));
}

const uriOf = (folder: vscode.WorkspaceFolder, rel: string) => vscode.Uri.joinPath(folder.uri, ...rel.split("/"));

/** A cancellation token as the AbortSignal the client takes. */
function signalOf(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const sub = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => sub.dispose() };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Adds a fix's edits to a WorkspaceEdit. Offsets of `doc`'s file are into the text sent with the request (the
 * caller checked the version did not move); other files are opened (their text is what the worker synced).
 * A file to create is skipped when it exists: created files never overwrite.
 */
async function addFix(edit: vscode.WorkspaceEdit, folder: vscode.WorkspaceFolder, doc: vscode.TextDocument, fix: WireFix): Promise<void> {
  const docs = new Map<string, vscode.TextDocument>([[doc.uri.toString(), doc]]);
  for (const e of fix.edits) {
    const uri = uriOf(folder, e.file);
    let target = docs.get(uri.toString());
    if (!target) docs.set(uri.toString(), (target = await vscode.workspace.openTextDocument(uri)));
    edit.replace(uri, new vscode.Range(target.positionAt(e.start), target.positionAt(e.end)), e.newText);
  }
  for (const n of fix.create) {
    const uri = uriOf(folder, n.file);
    if (await exists(uri)) continue;
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), n.text);
  }
}

/**
 * A fix-all answer as one WorkspaceEdit. Each changed file must still hold the text the fixes were computed
 * against (the user may have typed meanwhile): a file that moved on is left out and named in `stale`.
 */
async function addFixAll(edit: vscode.WorkspaceEdit, folder: vscode.WorkspaceFolder, answer: FixAllAnswer, preview = false): Promise<{ stale: string[] }> {
  const stale: string[] = [];
  // The refactor preview groups entries by label: one group per check, each entry naming its file and fix.
  const meta = (file: string, checks: readonly CheckId[] | undefined): vscode.WorkspaceEditEntryMetadata | undefined =>
    preview ? { needsConfirmation: true, label: previewGroup(checks ?? []), description: `${file}: ${fixTitles(answer, file, checks ?? [])}` } : undefined;
  for (const f of answer.files) {
    const uri = uriOf(folder, f.file);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.getText() !== f.before) {
      stale.push(f.file);
      continue;
    }
    f.edits.forEach((e, i) => edit.replace(uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText, meta(f.file, f.checks?.[i])));
  }
  for (const n of answer.created) {
    const uri = uriOf(folder, n.file);
    if (await exists(uri)) continue;
    edit.createFile(uri, { ignoreIfExists: true }, meta(n.file, n.checks));
    edit.insert(uri, new vscode.Position(0, 0), n.text, meta(n.file, n.checks));
  }
  return { stale };
}

let titles: Record<CheckId, string> | undefined;
/** A check's title (rules/checks/<id>.json): "Request timeout". */
function titleOf(check: CheckId): string {
  titles ??= Object.fromEntries(Object.entries(loadCheckRules()).map(([id, r]) => [id, r.title])) as Record<CheckId, string>;
  return titles[check];
}

/** The refactor preview's group of an edit: its check (`Request timeout (timeout)`), or the checks that share it. */
export function previewGroup(checks: readonly CheckId[]): string {
  if (checks.length === 0) return "LLM Readiness fixes";
  if (checks.length === 1) return `${titleOf(checks[0]!)} (${checks[0]})`;
  return `Shared by ${checks.map((c) => `${titleOf(c)} (${c})`).join(" and ")}`;
}

/** What the fixes of `checks` in `file` did, for the preview's description of an entry. */
function fixTitles(answer: FixAllAnswer, file: string, checks: readonly CheckId[]): string {
  const mine = answer.applied.filter((a) => checks.includes(a.check) && a.site.file === file);
  const names = [...new Set((mine.length ? mine : answer.applied.filter((a) => checks.includes(a.check))).map((a) => a.title.replace(/`([^`]*)`/g, "$1")))];
  return names.length ? names.join("; ") : "helper code";
}

export class ReadinessCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [QUICK_FIX_KIND, FIX_ALL_KIND],
  };

  /** "Make this call production-ready" actions offered and not yet resolved: what to fix. */
  private readonly pending = new WeakMap<vscode.CodeAction, { folder: vscode.WorkspaceFolder; doc: vscode.TextDocument; site: { line: number; column: number }; checks: CheckId[] }>();

  constructor(private readonly deps: FixDeps) {}

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const out: vscode.CodeAction[] = [];
    // Fix-all is a source action: offered only when asked for (on save, the Source Action menu), never on a cursor move.
    if (folder && context.only && context.only.contains(FIX_ALL_KIND)) {
      const a = await this.fixAllInFile(folder, doc, token);
      if (a) out.push(a);
    }
    if (context.only && !context.only.contains(QUICK_FIX_KIND)) return out;
    const ours = context.diagnostics.flatMap((d) => {
      const check = checkOf(d);
      return check ? [{ d, check }] : [];
    });
    if (!ours.length) return out;
    const fixes = folder ? await this.fixesAt(folder, doc, range, ours.map((o) => o.d), token) : [];
    if (token.isCancellationRequested) return [];
    // One menu per call site: its diagnostics share the callee's range.
    const bySite = new Map<string, { d: vscode.Diagnostic; check: CheckId }[]>();
    for (const o of ours) {
      const key = `${o.d.range.start.line}:${o.d.range.start.character}`;
      bySite.set(key, [...(bySite.get(key) ?? []), o]);
    }
    for (const group of bySite.values()) {
      const start = group[0]!.d.range.start;
      const checks = CHECK_IDS.filter((c) => group.some((g) => g.check === c));
      for (const entry of menuForSite(checks, { line: start.line + 1, column: start.character + 1 }, fixes)) {
        out.push(await this.action(entry, group.map((g) => g.d), doc, folder));
      }
    }
    return out;
  }

  /** Fills in the edit of "Make this call production-ready" when it is applied (Auto Fix, a click): the fixes run in the worker. */
  async resolveCodeAction(action: vscode.CodeAction, token: vscode.CancellationToken): Promise<vscode.CodeAction> {
    const pending = this.pending.get(action);
    if (!pending || action.edit) return action;
    const { folder, doc, site, checks } = pending;
    const rel = path.relative(folder.uri.fsPath, doc.uri.fsPath).split(path.sep).join("/");
    const s = signalOf(token);
    try {
      const answer = await this.deps.client.fixAll(
        {
          root: folder.uri.fsPath,
          files: [rel],
          site: { file: rel, ...site },
          checks,
          safeOnly: true,
          changes: [...openBuffers(folder).filter((b) => b.abs !== doc.uri.fsPath), { abs: doc.uri.fsPath, text: doc.getText() }],
          options: this.deps.fixOptions(doc.uri),
        },
        s.signal,
      );
      const edit = new vscode.WorkspaceEdit();
      const { stale } = await addFixAll(edit, folder, answer);
      if (stale.length) this.deps.log.warn(`make ${rel}:${site.line} production-ready: ${stale.join(", ")} changed meanwhile; nothing applied`);
      else {
        action.edit = edit;
        this.deps.log.info(`make ${rel}:${site.line} production-ready: ${fixAllSummary(answer)}`);
      }
    } catch (e) {
      if (!(e instanceof AnalysisFailed && e.cancelled)) this.deps.log.warn(`make ${rel}:${site.line} production-ready: ${(e as Error).message}`);
    } finally {
      s.dispose();
    }
    return action;
  }

  /** The fixes of the sites under the range and the diagnostics; [] when they cannot be had for this text. */
  private async fixesAt(folder: vscode.WorkspaceFolder, doc: vscode.TextDocument, range: vscode.Range, diags: vscode.Diagnostic[], token: vscode.CancellationToken): Promise<WireFix[]> {
    const lines = [range.start.line, range.end.line, ...diags.flatMap((d) => [d.range.start.line, d.range.end.line])];
    const version = doc.version;
    const s = signalOf(token);
    try {
      const fixes = await this.deps.client.fixesAt(
        {
          root: folder.uri.fsPath,
          abs: doc.uri.fsPath,
          text: doc.getText(),
          lines: { from: Math.min(...lines) + 1, to: Math.max(...lines) + 1 },
          changes: openBuffers(folder).filter((b) => b.abs !== doc.uri.fsPath),
          options: this.deps.fixOptions(doc.uri),
        },
        s.signal,
      );
      // The offsets are into the text that was sent: a keystroke since then makes them wrong.
      return doc.version === version ? fixes : [];
    } catch (e) {
      if (!(e instanceof AnalysisFailed && (e.cancelled || e.needsOpen))) this.deps.log.warn(`quick-fixes for ${vscode.workspace.asRelativePath(doc.uri)}: ${(e as Error).message}`);
      return [];
    } finally {
      s.dispose();
    }
  }

  private async action(entry: MenuEntry, diags: vscode.Diagnostic[], doc: vscode.TextDocument, folder: vscode.WorkspaceFolder | undefined): Promise<vscode.CodeAction> {
    const a = new vscode.CodeAction(entry.title, QUICK_FIX_KIND);
    switch (entry.kind) {
      case "all": {
        a.diagnostics = diags;
        a.isPreferred = true;
        const start = diags[0]!.range.start;
        // The edit comes in resolveCodeAction: computing every fix of a call costs a re-analysis per fix.
        if (folder) this.pending.set(a, { folder, doc, site: { line: start.line + 1, column: start.character + 1 }, checks: entry.checks });
        break;
      }
      case "fix":
        a.diagnostics = diags.filter((d) => checkOf(d) === entry.fix.check);
        a.edit = new vscode.WorkspaceEdit();
        await addFix(a.edit, folder!, doc, entry.fix);
        break;
      case "disable":
        a.diagnostics = diags;
        a.command = { title: entry.title, command: CommandId.disableForLine, arguments: [doc.uri.toString(), diags[0]!.range.start.line, entry.checks] };
        break;
      case "docs":
        a.command = { title: entry.title, command: CommandId.openDocs, arguments: entry.checks.length === 1 ? [entry.checks[0]] : [entry.checks] };
        break;
    }
    return a;
  }

  /** Every safe fix of the file, as one `source.fixAll.llmReadiness` action (none when nothing changes). */
  private async fixAllInFile(folder: vscode.WorkspaceFolder, doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeAction | undefined> {
    const rel = path.relative(folder.uri.fsPath, doc.uri.fsPath).split(path.sep).join("/");
    const s = signalOf(token);
    try {
      const answer = await this.deps.client.fixAll(
        {
          root: folder.uri.fsPath,
          files: [rel],
          safeOnly: true,
          changes: [...openBuffers(folder).filter((b) => b.abs !== doc.uri.fsPath), { abs: doc.uri.fsPath, text: doc.getText() }],
          options: this.deps.fixOptions(doc.uri),
        },
        s.signal,
      );
      if (!answer.applied.length) return undefined;
      const edit = new vscode.WorkspaceEdit();
      // The file moved on since the request (a keystroke): VS Code asks again.
      if ((await addFixAll(edit, folder, answer)).stale.length) return undefined;
      const a = new vscode.CodeAction(`Fix all LLM Readiness findings with a safe fix (${fixAllSummary(answer)})`, FIX_ALL_KIND);
      a.edit = edit;
      return a;
    } catch (e) {
      if (!(e instanceof AnalysisFailed && (e.cancelled || e.needsOpen))) this.deps.log.warn(`fix-all for ${rel}: ${(e as Error).message}`);
      return undefined;
    } finally {
      s.dispose();
    }
  }
}

/** "Fix All in Workspace": every safe fix of every folder, shown in the refactor preview before anything changes. */
async function fixAllInWorkspace(deps: FixDeps): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) {
    void vscode.window.showInformationMessage("LLM Readiness: open a folder to fix its findings.");
    return;
  }
  const answers = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "LLM Readiness: computing the safe fixes", cancellable: true },
    async (_progress, token) => {
      const s = signalOf(token);
      try {
        const out: { folder: vscode.WorkspaceFolder; answer: FixAllAnswer }[] = [];
        for (const folder of folders) {
          const answer = await deps.client.fixAll(
            { root: folder.uri.fsPath, safeOnly: true, changes: openBuffers(folder), options: deps.fixOptions(folder.uri) },
            s.signal,
          );
          out.push({ folder, answer });
        }
        return out;
      } finally {
        s.dispose();
      }
    },
  );
  const edit = new vscode.WorkspaceEdit();
  const stale: string[] = [];
  let fixed = 0;
  for (const { folder, answer } of answers) {
    deps.log.info(`${folder.name}: fix all: ${fixAllSummary(answer)}${answer.failed.length ? `; ${answer.failed.length} undone (their finding stayed)` : ""}`);
    for (const f of answer.failed) deps.log.warn(`${folder.name}/${f.site.file}:${f.site.line}: ${f.title}: ${f.reason}`);
    if (!answer.applied.length) continue;
    const part = await addFixAll(edit, folder, answer, true);
    stale.push(...part.stale.map((f) => `${folder.name}/${f}`));
    fixed += answer.applied.length;
  }
  if (stale.length) {
    void vscode.window.showWarningMessage(`LLM Readiness: ${stale.join(", ")} changed while the fixes were computed. Run Fix All in Workspace again.`);
    return;
  }
  if (!fixed) {
    void vscode.window.showInformationMessage("LLM Readiness: no finding in the workspace has a safe fix.");
    return;
  }
  // Entries that need confirmation open the refactor preview, unticked: nothing changes until the user ticks and applies.
  await vscode.workspace.applyEdit(edit, { isRefactoring: true });
}

/** The code actions provider, "Fix All in Workspace" and the docs command the actions use. */
export function registerFixes(selector: vscode.DocumentSelector, deps: FixDeps): vscode.Disposable[] {
  return [
    vscode.languages.registerCodeActionsProvider(selector, new ReadinessCodeActions(deps), ReadinessCodeActions.metadata),
    vscode.commands.registerCommand(CommandId.fixAllInWorkspace, async () => {
      try {
        await fixAllInWorkspace(deps);
      } catch (e) {
        if (e instanceof AnalysisFailed && e.cancelled) return;
        deps.log.error(`fix all in workspace: ${(e as Error).stack ?? (e as Error).message}`);
        void vscode.window.showErrorMessage(`LLM Readiness: could not compute the fixes (${(e as Error).message}). See the log for details.`);
      }
    }),
    vscode.commands.registerCommand(CommandId.disableForLine, (uri: unknown, line: unknown, checks: unknown, check?: unknown, reason?: unknown) =>
      disableForLine(uri, line, checks, check, reason),
    ),
    vscode.commands.registerCommand(CommandId.openDocs, async (arg: unknown) => {
      let check: unknown = arg;
      // Several checks (the lightbulb's one "Open docs…"): ask which.
      if (Array.isArray(arg)) {
        const picked = await vscode.window.showQuickPick(
          arg.filter((c): c is CheckId => (CHECK_IDS as readonly unknown[]).includes(c)).map((c) => ({ label: titleOf(c), description: c, check: c })),
          { title: "LLM Readiness: open the docs of a check", placeHolder: "Which check?" },
        );
        check = picked?.check;
      }
      if (!(CHECK_IDS as readonly unknown[]).includes(check)) return;
      const uri = deps.docsOf(check as CheckId);
      // Rendered when the built-in Markdown extension is there; as text otherwise.
      try {
        await vscode.commands.executeCommand("markdown.showPreview", uri);
      } catch {
        await vscode.commands.executeCommand("vscode.open", uri);
      }
    }),
  ];
}

/**
 * "Disable a check for this line…": asks for the check (when the call has several) and for the reason, refusing
 * an empty or placeholder one (src/core/suppressionReason.ts: the analyzer would ignore it), then writes
 * `// llm-readiness-disable-next-line <check> -- <reason>` above the call. `check` and `reason` may be given
 * (keybindings, tests); a placeholder reason given that way is refused with a message. Resolves to whether the
 * comment was written.
 */
async function disableForLine(uriArg: unknown, lineArg: unknown, checksArg: unknown, checkArg?: unknown, reasonArg?: unknown): Promise<boolean> {
  if (typeof uriArg !== "string" || typeof lineArg !== "number" || !Array.isArray(checksArg)) return false;
  const checks = checksArg.filter((c): c is CheckId => (CHECK_IDS as readonly unknown[]).includes(c));
  let check = (CHECK_IDS as readonly unknown[]).includes(checkArg) ? (checkArg as CheckId) : checks.length === 1 ? checks[0] : undefined;
  if (!check) {
    const picked = await vscode.window.showQuickPick(
      checks.map((c) => ({ label: titleOf(c), description: c, check: c })),
      { title: "LLM Readiness: disable a check for this line", placeHolder: "Which check does not apply to this call?" },
    );
    check = picked?.check;
  }
  if (!check) return false;
  let reason: string | undefined;
  if (typeof reasonArg === "string") {
    const problem = placeholderReason(reasonArg);
    if (problem) {
      void vscode.window.showWarningMessage(`LLM Readiness: not disabled: ${problem}.`);
      return false;
    }
    reason = reasonArg.trim();
  } else {
    reason = (
      await vscode.window.showInputBox({
        title: `LLM Readiness: disable ${check} for this line`,
        prompt: `Why does ${titleOf(check).toLowerCase()} not apply to this call? Reviewers read this; the score counts the call as passing ${check}.`,
        placeHolder: "e.g. the batch job retries the whole run, so one failed call is fine",
        ignoreFocusOut: true,
        validateInput: (v) => {
          const problem = placeholderReason(v);
          return problem ? { message: `Not yet: ${problem}`, severity: vscode.InputBoxValidationSeverity.Error } : undefined;
        },
      })
    )?.trim();
  }
  if (!reason || placeholderReason(reason)) return false;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uriArg));
  if (lineArg < 0 || lineArg >= doc.lineCount) return false;
  const ins = disableLineInsert(check, doc.lineAt(lineArg).text);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(lineArg, ins.column), `${ins.head}${reason}${ins.tail}`);
  return vscode.workspace.applyEdit(edit);
}
