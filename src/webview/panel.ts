/**
 * The readiness panel's script (bundled by esbuild.mjs into dist/webview/panel.js, runs in the webview):
 * parses what the extension posts (src/shared/panelMessages.ts), renders the view model, and posts the
 * user's actions back. Keeps the chosen folder and filters across reloads with the webview state.
 */
import "./zodConfig";
import "@vscode/codicons/dist/codicon.css";
import "./panel.css";
import { z } from "zod";
import { panelModel, type CheckTexts, type PanelFilters } from "../panel/viewModel";
import { FromWebview, PanelViewState, ToWebview, type FolderState } from "../shared/panelMessages";
import { renderNoFolder, renderPending, renderReport, type Actions } from "./render";

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById("app")!;

/** Posts a message after checking it against the schema the extension parses with (a bug here shows in the console, not as a dropped message there). */
function post(msg: FromWebview): void {
  const r = FromWebview.safeParse(msg);
  if (!r.success) {
    console.error(`LLM Readiness panel: not posting a malformed message: ${z.prettifyError(r.error)}`);
    return;
  }
  vscode.postMessage(r.data);
}

const restored = PanelViewState.safeParse(vscode.getState());
let viewState: PanelViewState = restored.success ? restored.data : { filters: {} };
let latest: { folders: FolderState[]; checks: CheckTexts } | undefined;
const expanded = new Set<"sites" | "files">();

function saveState(): void {
  vscode.setState(viewState);
}

function current(): FolderState | undefined {
  if (!latest) return undefined;
  return latest.folders.find((f) => f.uri === viewState.folder) ?? latest.folders[0];
}

const actions: Actions = {
  selectFolder(uri) {
    viewState = { folder: uri, filters: {} };
    expanded.clear();
    saveState();
    render();
  },
  setFilters(filters: PanelFilters) {
    viewState = { ...viewState, filters };
    saveState();
    render();
    document.querySelector<HTMLElement>('[data-testid="filter-check"]')?.closest("section")?.scrollIntoView({ block: "start" });
  },
  reveal(site) {
    const folder = current();
    if (folder) post({ type: "site/reveal", folder: folder.uri, file: site.file, line: site.line, column: site.column });
  },
  docs(check) {
    post({ type: "check/docs", check });
  },
  exportReport() {
    const folder = current();
    if (folder) post({ type: "report/export", folder: folder.uri });
  },
  copyReport() {
    const folder = current();
    if (folder) post({ type: "report/copy", folder: folder.uri });
  },
  rescan() {
    post({ type: "scan/rerun" });
  },
  showAll(list) {
    expanded.add(list);
    render();
  },
};

function render(): void {
  // A live update re-renders everything: keep the keyboard focus on the same control.
  const focused = (document.activeElement as HTMLElement | null)?.dataset?.testid;
  const folder = current();
  let nodes: HTMLElement[];
  if (!latest || !folder) nodes = renderNoFolder();
  else {
    const view = { folders: latest.folders, folder, filters: viewState.filters, expanded };
    nodes = folder.report ? renderReport(panelModel(folder.report, folder.trend, latest.checks), view, actions) : renderPending(view, folder.status === "failed" ? "failed" : "analysing", folder.message, actions);
  }
  app.replaceChildren(...nodes);
  app.setAttribute("aria-busy", "false");
  if (focused) document.querySelector<HTMLElement>(`[data-testid="${CSS.escape(focused)}"]`)?.focus();
}

/** Test only: the rendered text of every `data-testid` element, as a user would read it. */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const el of document.querySelectorAll<HTMLElement>("[data-testid]")) out[el.dataset.testid!] = (el.textContent ?? "").replace(/\s+/g, " ").trim();
  return out;
}

window.addEventListener("message", (e: MessageEvent<unknown>) => {
  const parsed = ToWebview.safeParse(e.data);
  if (!parsed.success) {
    console.error(`LLM Readiness panel: dropped a malformed message: ${z.prettifyError(parsed.error)}`);
    return;
  }
  const msg = parsed.data;
  switch (msg.type) {
    case "panel/state":
      latest = { folders: msg.folders, checks: msg.checks };
      render();
      return;
    case "test/probe":
      post({ type: "test/snapshot", id: msg.id, texts: snapshot() });
      return;
    case "test/click": {
      const el = document.querySelector<HTMLElement>(`[data-testid="${CSS.escape(msg.testId)}"]`);
      el?.click();
      post({ type: "test/clicked", id: msg.id, found: !!el });
      return;
    }
    default:
      msg satisfies never;
  }
});

// Saved at once, so VS Code has a state to hand the serializer when it restores the panel after a reload.
saveState();
post({ type: "webview/ready" });
