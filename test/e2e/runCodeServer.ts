/**
 * Runs extension tests in code-server as if it were a VS Code executable: takes VS Code's arguments
 * (`--extensionDevelopmentPath=`, `--extensionTestsPath=`, a workspace folder), loads them through the
 * workbench URL payload in headless Chromium, prints the extension host's output and exits with the tests' code.
 * Called by test/e2e/code-server-shim.sh (so @vscode/test-electron drives it) or directly.
 */
import fs from "node:fs";
import path from "node:path";
import { serverDirs, startCodeServer, tempDir } from "./codeServer";
import { ensureRuntime } from "./runtime";
import { openWorkbench } from "./workbench";

export interface VsCodeArgs {
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  folder?: string;
}

/** The VS Code arguments the runner understands; the rest (--no-sandbox, --disable-updates, ...) are desktop-only and ignored. */
export function parseVsCodeArgs(argv: readonly string[]): VsCodeArgs {
  const out: VsCodeArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--(extensionDevelopmentPath|extensionTestsPath)(?:=(.*))?$/.exec(a);
    if (m) {
      const value = m[2] ?? argv[++i];
      if (value !== undefined) out[m[1] as "extensionDevelopmentPath" | "extensionTestsPath"] = path.resolve(value);
    } else if (/^--(user-data-dir|extensions-dir|locale|log)$/.test(a)) i++;
    else if (!a.startsWith("-") && out.folder === undefined) out.folder = path.resolve(a);
  }
  return out;
}

/** Minutes a test run may take before it is stopped (extension host hung). */
const TIMEOUT_MS = Number(process.env.LLMR_E2E_TIMEOUT_MS ?? 10 * 60_000);

export async function runInCodeServer(args: VsCodeArgs): Promise<number> {
  if (!args.extensionTestsPath || !args.extensionDevelopmentPath) throw new Error("need --extensionDevelopmentPath= and --extensionTestsPath=");
  const folder = args.folder ?? tempDir("llmr-e2e-empty-");
  const rt = ensureRuntime((s) => console.log(s));
  const base = tempDir("llmr-e2e-cs-");
  const server = await startCodeServer(rt, serverDirs(base));
  let code = 1;
  try {
    console.log(`code-server up on ${server.origin}; tests ${args.extensionTestsPath} on ${folder}`);
    const wb = await openWorkbench({
      origin: server.origin,
      port: server.port,
      folder,
      extensionDevelopmentPath: args.extensionDevelopmentPath,
      extensionTestsPath: args.extensionTestsPath,
      onLog: (line) => console.log(line),
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        console.error(`e2e: the tests did not finish within ${TIMEOUT_MS / 1000} s`);
        resolve(124);
      }, TIMEOUT_MS);
    });
    code = await Promise.race([wb.exited, timeout]);
    clearTimeout(timer);
    if (code !== 0) {
      const shot = path.join(args.extensionDevelopmentPath, "test-results", "e2e-failure.png");
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      await wb.page.screenshot({ path: shot }).catch(() => undefined);
      const log = path.join(path.dirname(shot), "code-server.log");
      fs.writeFileSync(log, server.output());
      console.error(`e2e: exit code ${code}; screenshot ${shot}, server log ${log}`);
    }
    await wb.close();
  } finally {
    await server.stop();
    fs.rmSync(base, { recursive: true, force: true });
  }
  return code;
}

if (require.main === module) {
  runInCodeServer(parseVsCodeArgs(process.argv.slice(2))).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exit(1);
    },
  );
}
