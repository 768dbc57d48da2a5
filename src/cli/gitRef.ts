/**
 * `--baseline-ref`: the workspace as it was at a git ref, checked out in a temporary `git worktree` (removed
 * again whatever happens: an error, Ctrl-C, SIGTERM), and the changed lines since then (`git diff REF`).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A git failure the user can act on (not a repository, unknown ref): a usage error. */
export class GitError extends Error {}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stderr?: string; code?: string; message: string };
    if (err.code === "ENOENT") throw new GitError("git is not installed (needed for --baseline-ref)");
    const why = (err.stderr ?? "").trim().split("\n").filter(Boolean).pop() ?? err.message.split("\n")[0];
    throw new GitError(`git ${args[0]} failed: ${why}`);
  }
}

export interface RefCheckout {
  /** The scanned root's folder inside the worktree (may not exist: the folder is newer than the ref). */
  root: string;
  /** The commit the ref named. */
  commit: string;
  /** Removes the worktree; safe to call twice. */
  dispose(): void;
}

/** Worktrees still on disk, removed synchronously if the process ends while one exists. */
const live = new Set<() => void>();
let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  const cleanAll = () => {
    for (const d of [...live]) d();
  };
  process.on("exit", cleanAll);
  // SIGINT: the CLI's own handler aborts the scan (and the finally removes the worktree); a second one ends
  // the process, so remove the worktree first. SIGTERM: remove it and end.
  let interrupts = 0;
  process.on("SIGINT", () => {
    if (++interrupts < 2) return;
    cleanAll();
    process.exit(130);
  });
  process.on("SIGTERM", () => {
    cleanAll();
    process.exit(143);
  });
}

/**
 * Checks out `ref` of the repository holding `root` in a temporary worktree (detached, so no branch is
 * touched). Throws GitError when `root` is not in a repository or the ref names no commit.
 */
export function checkoutRef(root: string, ref: string): RefCheckout {
  const top = git(root, ["rev-parse", "--show-toplevel"]).trim();
  let commit: string;
  try {
    commit = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).trim();
  } catch {
    throw new GitError(`--baseline-ref ${ref} names no commit in ${top}`);
  }
  const prefix = path.relative(fs.realpathSync(top), fs.realpathSync(root));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "llm-readiness-ref-"));
  const dir = path.join(tmp, "worktree");
  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    live.delete(dispose);
    try {
      execFileSync("git", ["worktree", "remove", "--force", dir], { cwd: top, stdio: "ignore" });
    } catch {
      // Already gone, or half made: the prune below forgets it.
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    try {
      execFileSync("git", ["worktree", "prune"], { cwd: top, stdio: "ignore" });
    } catch {
      // Nothing to prune.
    }
  };
  hookExit();
  live.add(dispose);
  try {
    git(top, ["worktree", "add", "--detach", "--quiet", dir, commit]);
  } catch (e) {
    dispose();
    throw e;
  }
  return { root: path.join(dir, prefix), commit, dispose };
}

/** Changed line ranges of one file (1-based, inclusive; an empty range `[n, n - 1]` is a deletion after line n - 1). */
export interface FileChanges {
  /** In the ref's version of the file. */
  old: [number, number][];
  /** In the working tree's version. */
  new: [number, number][];
  /** The file is not in the ref (all of it is new). */
  added: boolean;
}

/** `git diff --unified=0 REF` of the folder, relative to it: the changed lines per file. */
export function changedLines(root: string, ref: string): Map<string, FileChanges> {
  const out = git(root, ["diff", "--no-color", "--no-ext-diff", "--no-renames", "--unified=0", "--relative", ref, "--", "."]);
  return parseUnifiedDiff(out);
}

export function parseUnifiedDiff(diff: string): Map<string, FileChanges> {
  const files = new Map<string, FileChanges>();
  let oldName: string | undefined;
  let current: FileChanges | undefined;
  const unquote = (s: string) => (s.startsWith('"') ? (JSON.parse(s) as string) : s);
  for (const line of diff.split("\n")) {
    if (line.startsWith("--- ")) {
      oldName = line === "--- /dev/null" ? undefined : unquote(line.slice(4)).replace(/^a\//, "");
    } else if (line.startsWith("+++ ")) {
      const name = line === "+++ /dev/null" ? oldName : unquote(line.slice(4)).replace(/^b\//, "");
      if (name === undefined) continue;
      current = { old: [], new: [], added: oldName === undefined };
      files.set(name, current);
    } else if (line.startsWith("@@ ") && current) {
      const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const [a, b, c, d] = [Number(m[1]), m[2] === undefined ? 1 : Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
      // With zero lines on a side, git gives the line before the change: the empty range starts after it.
      current.old.push(b === 0 ? [a + 1, a] : [a, a + b - 1]);
      current.new.push(d === 0 ? [c + 1, c] : [c, c + d - 1]);
    }
  }
  return files;
}

/** Whether a change touches lines `from`–`to` (a deletion touches the lines on both sides of it). */
export function touches(ranges: readonly [number, number][], from: number, to: number): boolean {
  return ranges.some(([s, e]) => (e >= s ? s <= to && e >= from : s - 1 <= to && s >= from));
}
