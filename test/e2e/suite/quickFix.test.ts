/**
 * Quick-fixes in the editor: the code actions at a finding (fix → disable → docs, the safe fix preferred),
 * applying the fix until the diagnostic goes, "Disable <check> for this line" with `reason` selected,
 * `source.fixAll.llmReadiness`, and "Fix All in Workspace" through the refactor preview.
 * Works on a file it writes into the sample (an OpenAI request without a timeout) and removes after.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import * as vscode from "vscode";
import { api, codeOf, eventually, folder, ours, ranges, uri, waitFor } from "./helpers";

const REL = "src/lib/suggest.ts";
const SUGGEST = `import OpenAI from "openai";

const openai = new OpenAI();

/** A reply the agent can edit before sending. */
export async function suggestReply(ticket: string): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Draft a short, friendly reply to this support ticket." },
      { role: "user", content: ticket },
    ],
  });
  return completion.choices[0]?.message.content ?? "";
}
`;

/** Every file under the folder (relative), to find what a fix created. */
function filesOnDisk(dir: string, rel = ""): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.name === "node_modules" || e.name.startsWith(".")) return [];
    return e.isDirectory() ? filesOnDisk(dir, r) : [r];
  });
}

const timeoutDiagnostic = () => ours(REL).find((d) => codeOf(d) === "timeout");

async function actionsAt(range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri(REL), range, kind)) ?? [];
}

/** Our entries (kind `quickfix.llmReadiness`; other extensions add their own), in the order the editor shows them. */
const ourEntries = (actions: vscode.CodeAction[]) => actions.filter((a) => a.kind?.value === "quickfix.llmReadiness");

describe("quick-fixes", () => {
  let before: Set<string>;
  /** Texts of the sample's files before a test, to put back whatever the fixes changed. */
  let snapshot: Map<string, string>;

  beforeEach(async function () {
    this.timeout(120_000);
    await (await api()).idle();
    const root = folder().uri.fsPath;
    before = new Set(filesOnDisk(root));
    snapshot = new Map([...before].map((f) => [f, fs.readFileSync(path.join(root, f), "utf8")]));
    fs.writeFileSync(uri(REL).fsPath, SUGGEST);
    await waitFor("the timeout diagnostic of the new file", () => timeoutDiagnostic());
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri(REL)));
  });

  afterEach(async function () {
    this.timeout(60_000);
    // Undo what the fixes did, in buffers and on disk: the suites after this one compare the folder with the CLI's scan.
    const root = folder().uri.fsPath;
    const relOf = (d: vscode.TextDocument) => path.relative(root, d.uri.fsPath).split(path.sep).join("/");
    for (const [f, text] of snapshot) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === "file" && relOf(d) === f);
      if (open && (open.isDirty || open.getText() !== text)) {
        const we = new vscode.WorkspaceEdit();
        we.replace(open.uri, new vscode.Range(0, 0, open.lineCount, 0), text);
        await vscode.workspace.applyEdit(we);
        await open.save();
      } else if (fs.readFileSync(path.join(root, f), "utf8") !== text) fs.writeFileSync(path.join(root, f), text);
    }
    // Files the test or the fixes created (on disk, or only in a buffer): deleted through the editor, which drops their buffers too.
    const created = new Set([
      ...filesOnDisk(root),
      ...vscode.workspace.textDocuments.filter((d) => d.uri.scheme === "file" && !relOf(d).startsWith("..")).map(relOf),
    ]);
    const del = new vscode.WorkspaceEdit();
    for (const f of created) if (!before.has(f)) del.deleteFile(uri(f), { ignoreIfNotExists: true });
    await vscode.workspace.applyEdit(del);
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await waitFor("the new file's diagnostics to go", () => ours(REL).length === 0).catch((e: Error) => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri(REL).toString());
      throw new Error(`${e.message} (on disk: ${fs.existsSync(uri(REL).fsPath)}, buffer: ${doc ? (doc.isDirty ? "dirty" : "clean") : "none"})`);
    });
    await (await api()).idle();
  });

  it("offers the fix, then disable for this line, then the docs; the safe fix is preferred and removes the diagnostic", async () => {
    const d = timeoutDiagnostic()!;
    // The fixes come from the worker: the first answer may come before the new file is analysed.
    const isTimeoutFix = (a: vscode.CodeAction) => a.isPreferred === true && /timeout/i.test(a.title) && !!a.edit;
    const entries = ourEntries(
      await eventually("a preferred timeout fix among the code actions", async () => {
        const all = await actionsAt(d.range);
        return all.some(isTimeoutFix) ? all : undefined;
      }),
    );
    const titles = entries.map((a) => `${a.title}${a.isPreferred ? " (preferred)" : ""}`);
    // The editor sorts the preferred fixes of all findings first, then each finding's entries in the provider's order.
    const fix = entries.findIndex(isTimeoutFix);
    const disable = entries.findIndex((a) => a.title === "Disable timeout for this line");
    const docs = entries.findIndex((a) => a.title === "Open timeout docs");
    assert.ok(fix >= 0 && fix < disable && disable === docs - 1, titles.join(" | "));
    assert.equal(entries.filter(isTimeoutFix).length, 1, titles.join(" | "));
    assert.ok(entries[disable]!.edit && !entries[disable]!.isPreferred);
    assert.ok(entries[docs]!.command && !entries[docs]!.edit);
    for (const a of entries) assert.ok(vscode.CodeActionKind.QuickFix.contains(a.kind!), `${a.title}: a quick fix`);
    // Every other finding of the call has its disable and docs entries, in that order.
    const others = ours(REL).map(codeOf).filter((c) => c !== "timeout");
    assert.ok(others.length > 0);
    for (const c of others) {
      const i = entries.findIndex((a) => a.title === `Disable ${c} for this line`);
      assert.ok(i >= 0 && entries[i + 1]?.title === `Open ${c} docs`, `${c}: ${titles.join(" | ")}`);
    }

    assert.ok(await vscode.workspace.applyEdit(entries[fix]!.edit!));
    const doc = await vscode.workspace.openTextDocument(uri(REL));
    assert.match(doc.getText(), /\n {2}\}, \{ timeout: 30_000 \}\);\n {2}return completion/);
    await waitFor("the timeout diagnostic to go", () => ranges(REL, "timeout").length === 0);
    // The other findings of the call stay.
    assert.ok(ours(REL).length > 0);
  });

  it("disables a check for the line with a `reason` placeholder selected, and the finding goes once it is typed", async () => {
    const d = timeoutDiagnostic()!;
    const disable = (await actionsAt(d.range)).find((a) => a.title === "Disable timeout for this line");
    assert.ok(disable?.edit);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri(REL).toString());
    assert.equal(editor.document.lineAt(6).text, "  // llm-readiness-disable-next-line timeout -- reason");
    assert.equal(editor.document.lineAt(7).text, "  const completion = await openai.chat.completions.create({", "the call keeps its line and indentation");
    assert.equal(editor.document.getText(editor.selection), "reason", "the placeholder is selected, ready to be typed over");
    await editor.edit((e) => e.replace(editor.selection, "drafts are cheap; the agent retries by hand"));
    assert.equal(editor.document.lineAt(6).text, "  // llm-readiness-disable-next-line timeout -- drafts are cheap; the agent retries by hand");
    await waitFor("the suppressed finding to go", () => ranges(REL, "timeout").length === 0);
  });

  it("opens a check's docs from its action", async () => {
    const docs = (await actionsAt(timeoutDiagnostic()!.range)).find((a) => a.title === "Open timeout docs");
    assert.ok(docs?.command);
    await vscode.commands.executeCommand(docs.command.command, ...(docs.command.arguments ?? []));
    await waitFor("the docs tab", () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /timeout\.md/.test(t.label)));
  });

  it("applies every safe fix of the file with source.fixAll.llmReadiness", async () => {
    const all = new vscode.Range(0, 0, SUGGEST.split("\n").length, 0);
    const actions = await eventually("the fix-all action", async () => {
      const found = await actionsAt(all, "source.fixAll.llmReadiness");
      return found.length ? found : undefined;
    });
    assert.equal(actions.length, 1);
    const fixAll = actions[0]!;
    assert.equal(fixAll.kind?.value, "source.fixAll.llmReadiness");
    assert.match(fixAll.title, /timeout/);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit!));
    assert.match((await vscode.workspace.openTextDocument(uri(REL))).getText(), /timeout: 30_000/);
    await waitFor("the timeout diagnostic to go", () => ranges(REL, "timeout").length === 0);
  });

  it("Fix All in Workspace previews the edits as a refactoring: discarded, nothing changes; accepted, they apply", async function () {
    this.timeout(180_000);
    const file = () => vscode.workspace.openTextDocument(uri(REL)).then((d) => d.getText());
    const run = (...commands: string[]) => vscode.commands.executeCommand(...(commands as [string])).then(undefined, () => undefined);
    /** Runs the command and answers the refactor preview (retried until the preview is up and the command returns). */
    const runAnswering = async (what: string, answer: () => PromiseLike<unknown>) => {
      let done = false;
      const running = Promise.resolve(vscode.commands.executeCommand("llmReadiness.fixAllInWorkspace")).finally(() => (done = true));
      await eventually(
        `the preview to be answered (${what})`,
        async () => {
          await answer();
          await new Promise((r) => setTimeout(r, 200));
          return done;
        },
        60_000,
      );
      await running;
    };
    // Had the edits gone in without the preview, discarding would not undo them.
    await runAnswering("discard", () => run("refactorPreview.discard"));
    assert.equal(await file(), SUGGEST);
    // The fixes come unticked (they need confirmation): group them by type (one group, ours), tick it, apply.
    // Driving the preview from here races its rendering: an attempt that ticked nothing applies nothing, and is run again.
    await eventually(
      "the fixes to be applied from the preview",
      async () => {
        await runAnswering("tick and apply", async () => {
          await run("refactorPreview.groupByType");
          await new Promise((r) => setTimeout(r, 300));
          await run("list.focusFirst");
          await run("refactorPreview.toggleCheckedState");
          await run("refactorPreview.apply");
        });
        return /timeout: 30_000/.test(await file());
      },
      120_000,
    );
    assert.match(await file(), /timeout: 30_000/);
    await waitFor("the timeout diagnostic to go", () => ranges(REL, "timeout").length === 0);
  });
});
