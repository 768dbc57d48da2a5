/** Installs (once) and locates the e2e runtime: Node 24 and code-server from npm, in a per-user cache outside the clone (../shared/vscode-e2e.md). */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Pinned: code-server's VS Code must stay ≥ package.json `engines.vscode` (code-server 4.139.1 = VS Code 1.139.1). */
export const CODE_SERVER_VERSION = "4.139.1";
/** code-server 4.139's extension host runs on Node 24; its native modules are built against these headers. */
export const NODE_VERSION = "24.21.0";

export interface Runtime {
  /** Folder holding the `node` 24 binary: goes first on PATH for code-server and its install. */
  nodeBin: string;
  /** code-server's entry script (run with the Node 24 binary). */
  codeServer: string;
}

/**
 * The cache folder: LLMR_E2E_CACHE, else $XDG_CACHE_HOME or ~/.cache under llm-readiness-e2e.
 * Outside the clone on purpose: CI clones afresh, and a reused machine should skip the 3-4 minute install.
 */
export function cacheDir(): string {
  if (process.env.LLMR_E2E_CACHE) return path.resolve(process.env.LLMR_E2E_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "llm-readiness-e2e");
}

const nodeDir = (cache: string) => path.join(cache, `node-${NODE_VERSION}`);
const codeServerDir = (cache: string) => path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
/** Where the `node` npm package puts the platform binary and headers. */
const nodePackage = (cache: string) => path.join(nodeDir(cache), "node_modules", "node", "node_modules", `node-${process.platform}-${process.arch}`);
/** Written last: a folder without it is a half-done install and is redone. */
const DONE = ".installed";

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }, log: (s: string) => void): void {
  log(`$ ${cmd} ${args.join(" ")}  (in ${opts.cwd})`);
  const r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "inherit", "inherit"] });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status ?? r.signal}`);
}

/**
 * The environment for the inner `npm install`s: the outer npm's own variables removed. Under `npm run`,
 * npm exports `npm_config_*` (its configuration, `user_agent` among them, which names the outer Node) and
 * `npm_*` (lifecycle state); an inner npm takes every `npm_config_*` as its own configuration, so code-server's
 * postinstall would read Node 20 from `npm_config_user_agent` even with Node 24 first on PATH.
 */
export function installEnv(base: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

/** npm-installs `spec` into `dir` via a temporary sibling folder, renamed into place only when complete. */
function installInto(dir: string, spec: string, env: NodeJS.ProcessEnv, log: (s: string) => void): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(path.join(tmp, "package.json"), JSON.stringify({ name: "llm-readiness-e2e-runtime", private: true }));
  run("npm", ["install", "--no-audit", "--no-fund", "--no-save", "--no-package-lock", spec], { cwd: tmp, env }, log);
  fs.writeFileSync(path.join(tmp, DONE), `${spec}\n${new Date().toISOString()}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
}

/** Installs what is missing (about 3.5 minutes and 1.2 GB the first time) and returns the paths. */
export function ensureRuntime(log: (s: string) => void = console.log): Runtime {
  const cache = cacheDir();
  fs.mkdirSync(cache, { recursive: true });
  const nodeBin = path.join(nodePackage(cache), "bin");
  if (!fs.existsSync(path.join(nodeDir(cache), DONE)) || !fs.existsSync(path.join(nodeBin, "node"))) {
    log(`e2e runtime: installing node@${NODE_VERSION} into ${nodeDir(cache)}`);
    installInto(nodeDir(cache), `node@${NODE_VERSION}`, installEnv(process.env), log);
  }
  const codeServer = path.join(codeServerDir(cache), "node_modules", "code-server", "out", "node", "entry.js");
  if (!fs.existsSync(path.join(codeServerDir(cache), DONE)) || !fs.existsSync(codeServer)) {
    log(`e2e runtime: installing code-server@${CODE_SERVER_VERSION} into ${codeServerDir(cache)} (native builds take a few minutes)`);
    // npm must run on Node 24 (code-server's postinstall checks npm_config_user_agent, which a clean
    // environment leaves to the inner npm) and node-gyp must build against Node 24's headers, not the
    // machine's npmrc `nodedir`.
    const env = installEnv(process.env, { PATH: `${nodeBin}${path.delimiter}${process.env.PATH ?? ""}`, npm_config_nodedir: nodePackage(cache) });
    installInto(codeServerDir(cache), `code-server@${CODE_SERVER_VERSION}`, env, log);
  }
  return { nodeBin, codeServer };
}
