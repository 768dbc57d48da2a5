/** Opens the code-server workbench in Debian's Chromium (playwright-core), with the smoke-test driver hooks that carry the extension host's console and exit code. */
import { format } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = process.env.LLMR_E2E_CHROMIUM ?? "/usr/bin/chromium";

/** Console lines that say nothing about our extension (no network here, no telemetry, no vsda). */
const NOISE = [
  /open-vsx\.org|marketplace|api\.github\.com|vscode-unpkg|update\.code\.visualstudio\.com/i,
  /GalleryExtensions|autoUpdateBuiltinExtensions|checkForUpdates|authentication provider 'github'/,
  /^(?:Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions cache)/,
  /^\[(?:reconnection-grace-time|Service Worker|AgentHost[^\]]*|AccountPolicyGate)\]/,
  /telemetry/i,
  /vsda/i,
  /Failed to load resource/i,
  /ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ENOTFOUND|getaddrinfo/i,
  /Extension host \(Remote\) is unresponsive|Ignoring the error while validating/i,
  /\[(?:Extension Host|[a-z.]+)\] (?:Scanning|Started|Activating)/i,
  /^\s*$/,
];

export const isNoise = (line: string) => NOISE.some((r) => r.test(line));

export interface WorkbenchOptions {
  origin: string;
  port: number;
  /** A folder, or a `.code-workspace` file. */
  folder: string;
  /** Absolute paths; set both to run tests, only the first to load the extension under development. */
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  /** Lines from the extension host's console (after filtering noise). */
  onLog?: (line: string) => void;
  viewport?: { width: number; height: number };
}

export interface Workbench {
  browser: Browser;
  page: Page;
  /** Resolves with the code the workbench exits with (the tests' result), when it does. */
  exited: Promise<number>;
  close(): Promise<void>;
}

/** The workbench URL: `folder`, and the development payload the smoke-test driver reads. */
export function workbenchUrl(o: Pick<WorkbenchOptions, "origin" | "port" | "folder" | "extensionDevelopmentPath" | "extensionTestsPath">): string {
  // The authority must be the host:port the browser uses, or the workbench resolves the paths elsewhere.
  const remote = (p: string) => `vscode-remote://127.0.0.1:${o.port}${p}`;
  const payload: [string, string][] = [];
  if (o.extensionDevelopmentPath) payload.push(["extensionDevelopmentPath", remote(o.extensionDevelopmentPath)]);
  if (o.extensionTestsPath) payload.push(["extensionTestsPath", remote(o.extensionTestsPath)]);
  // A .code-workspace file opens as a (multi-root) workspace, anything else as a folder.
  const target = o.folder.endsWith(".code-workspace") ? "workspace" : "folder";
  const q = `${target}=${encodeURIComponent(o.folder)}${payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ""}`;
  return `${o.origin}/?${q}`;
}

export async function openWorkbench(o: WorkbenchOptions): Promise<Workbench> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in CI: Chromium's sandbox needs a user namespace we may not have.
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
  });
  const page = await browser.newPage({ viewport: o.viewport ?? { width: 1400, height: 860 } });
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((r) => (resolveExit = r));
  const log = (line: string) => {
    if (!isNoise(line)) o.onLog?.(line);
  };
  await page.exposeFunction("codeAutomationLog", (type: string, args: unknown[]) => {
    // Console calls arrive as console.log's arguments: mocha's reporter passes format strings (`%s`, `%d`).
    const text = format(...(Array.isArray(args) ? args : [args]));
    // Noise is dropped whole (a stack trace of a failed gallery query is one message of many lines).
    if (isNoise(text)) return;
    for (const line of text.split("\n")) log(type === "error" ? `[error] ${line}` : line);
  });
  await page.exposeFunction("codeAutomationExit", (code: number) => resolveExit(Number(code) || 0));
  page.on("pageerror", (e) => log(`[page error] ${e.message}`));
  await page.goto(workbenchUrl(o));
  return {
    browser,
    page,
    exited,
    close: async () => {
      await browser.close().catch(() => undefined);
    },
  };
}
