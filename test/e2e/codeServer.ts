/** Starts and stops a code-server (the VS Code server and browser workbench) on 127.0.0.1, with its own user data, extensions and XDG folders. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Runtime } from "./runtime";

/** User settings that keep the workbench quiet and pictures clean (../shared/vscode-e2e.md). */
export const QUIET_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.colorTheme": "Default Dark Modern",
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "editor.minimap.enabled": false,
  "window.restoreWindows": "none",
};

export interface CodeServer {
  port: number;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  extensionsDir: string;
  /** Everything the server wrote (its own log), for a failure report. */
  output(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Temp folders of one server: user data (with settings), extensions, XDG config and data. */
export function serverDirs(base: string, settings: Record<string, unknown> = {}): { userData: string; extensions: string; env: NodeJS.ProcessEnv } {
  const userData = path.join(base, "user-data");
  const extensions = path.join(base, "extensions");
  fs.mkdirSync(path.join(userData, "User"), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.writeFileSync(path.join(userData, "User", "settings.json"), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  const env = { XDG_CONFIG_HOME: path.join(base, "xdg-config"), XDG_DATA_HOME: path.join(base, "xdg-data"), XDG_CACHE_HOME: path.join(base, "xdg-cache") };
  for (const d of Object.values(env)) fs.mkdirSync(d, { recursive: true });
  return { userData, extensions, env };
}

function nodeEnv(rt: Runtime, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // code-server and its extension host run on Node 24; our Node 20 must not be first on PATH.
  return { ...process.env, ...extra, PATH: `${rt.nodeBin}${path.delimiter}${process.env.PATH ?? ""}` };
}

/** `code-server --install-extension x.vsix` into a extensions folder; throws with its output when it fails. */
export function installExtension(rt: Runtime, vsix: string, dirs: ReturnType<typeof serverDirs>): string {
  const r = spawnSync(
    path.join(rt.nodeBin, "node"),
    [rt.codeServer, "--user-data-dir", dirs.userData, "--extensions-dir", dirs.extensions, "--install-extension", vsix, "--force"],
    { env: nodeEnv(rt, dirs.env), encoding: "utf8", timeout: 120_000 },
  );
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (${r.status ?? r.signal}):\n${out}`);
  return out;
}

export async function startCodeServer(rt: Runtime, dirs: ReturnType<typeof serverDirs>): Promise<CodeServer> {
  const port = await freePort();
  const args = [
    rt.codeServer,
    "--auth", "none",
    "--bind-addr", `127.0.0.1:${port}`,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    "--user-data-dir", dirs.userData,
    "--extensions-dir", dirs.extensions,
    // Without it the workbench ignores the `payload` URL parameter (extensionDevelopmentPath, extensionTestsPath).
    "--vscode-option", "enable-smoke-test-driver",
  ];
  let output = "";
  const child: ChildProcess = spawn(path.join(rt.nodeBin, "node"), args, { env: nodeEnv(rt, dirs.env), stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // The server's own process group (it was started detached): its extension hosts go with it.
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was up:\n${output}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, origin, extensionsDir: dirs.extensions, output: () => output, stop };
}

/** A fresh temp folder for one run. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
