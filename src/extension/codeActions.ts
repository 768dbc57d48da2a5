/**
 * Quick-fixes in the editor: for each of our diagnostics the lightbulb offers the check's fixes (the safe one
 * preferred), "Disable <check> for this line" and "Open <check> docs"; `source.fixAll.llmReadiness` applies
 * every safe fix of a file (on save with `editor.codeActionsOnSave`); "Fix All in Workspace" previews every
 * safe fix as a refactoring before applying it. The fixes are computed in the worker (src/extension/fixWorker.ts).
 */
import path from "node:path";
import * as vscode from "vscode";
import { CHECK_IDS, type CheckId, type Logger } from "../core/types";
import type { FixOptionsInput } from "../shared/fixOptions";
import type { FixAllAnswer, WireFix } from "../shared/workerMessages";
import { AnalysisFailed, type AnalysisClient } from "./analysisClient";
import { CommandId } from "./commands";
import { SOURCE } from "./diagnostics";
import { disableLineInsert } from "./fixEdits";
import { fixAllSummary, menuFor, previewLabel, type MenuEntry } from "./fixMenu";
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
async function addFixAll(edit: vscode.WorkspaceEdit, folder: vscode.WorkspaceFolder, answer: FixAllAnswer, preview?: string): Promise<{ stale: string[] }> {
  const stale: string[] = [];
  // One label for every entry: the preview shows them as one group, ticked (or not) with one checkbox.
  const meta = (file: string): vscode.WorkspaceEditEntryMetadata | undefined => (preview ? { needsConfirmation: true, label: preview, description: file } : undefined);
  for (const f of answer.files) {
    const uri = uriOf(folder, f.file);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.getText() !== f.before) {
      stale.push(f.file);
      continue;
    }
    for (const e of f.edits) edit.replace(uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText, meta(f.file));
  }
  for (const n of answer.created) {
    const uri = uriOf(folder, n.file);
    if (await exists(uri)) continue;
    edit.createFile(uri, { ignoreIfExists: true }, meta(n.file));
    edit.insert(uri, new vscode.Position(0, 0), n.text, meta(n.file));
  }
  return { stale };
}

export class ReadinessCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [QUICK_FIX_KIND, FIX_ALL_KIND],
  };

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
    for (const { d, check } of ours) {
      for (const entry of menuFor(check, { line: d.range.start.line + 1, column: d.range.start.character + 1 }, fixes)) {
        out.push(await this.action(entry, d, doc, folder));
      }
    }
    return out;
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

  private async action(entry: MenuEntry, d: vscode.Diagnostic, doc: vscode.TextDocument, folder: vscode.WorkspaceFolder | undefined): Promise<vscode.CodeAction> {
    const a = new vscode.CodeAction(entry.title, QUICK_FIX_KIND);
    a.diagnostics = [d];
    switch (entry.kind) {
      case "fix":
        a.isPreferred = entry.preferred;
        a.edit = new vscode.WorkspaceEdit();
        await addFix(a.edit, folder!, doc, entry.fix);
        break;
      case "disable": {
        const line = d.range.start.line;
        const ins = disableLineInsert(entry.check, doc.lineAt(line).text);
        // A snippet edit: the `reason` placeholder is selected once the comment is in, ready to be typed over.
        const snippet = new vscode.SnippetString().appendText(ins.head).appendPlaceholder(ins.placeholder).appendText(ins.tail);
        const edit = vscode.SnippetTextEdit.insert(new vscode.Position(line, ins.column), snippet);
        a.edit = new vscode.WorkspaceEdit();
        a.edit.set(doc.uri, [edit]);
        break;
      }
      case "docs":
        a.command = { title: entry.title, command: CommandId.openDocs, arguments: [entry.check] };
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
  const label = previewLabel(answers.map((a) => a.answer));
  for (const { folder, answer } of answers) {
    deps.log.info(`${folder.name}: fix all: ${fixAllSummary(answer)}${answer.failed.length ? `; ${answer.failed.length} undone (their finding stayed)` : ""}`);
    for (const f of answer.failed) deps.log.warn(`${folder.name}/${f.site.file}:${f.site.line}: ${f.title}: ${f.reason}`);
    if (!answer.applied.length) continue;
    const part = await addFixAll(edit, folder, answer, label);
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
    vscode.commands.registerCommand(CommandId.openDocs, async (check: unknown) => {
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
