/**
 * The context and limits labels on real repositories: each repository's tree at the labelled commit
 * is extracted from its snapshot (MIRRORS, default ../.mirror or ../../.mirror) and scanned in
 * process. Absent snapshots are reported and skipped (CI has none): the corpus figures still print.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { scanWorkspace } from "../../src/core/scan";
import type { ContextLimitsLabels } from "./contextLimitsLabels";
import type { CheckAgreement } from "./matchSites";

function mirrorsDir(): string | undefined {
  const candidates = [process.env.MIRRORS, path.resolve("../.mirror"), path.resolve("../../.mirror")].filter((x): x is string => !!x);
  return candidates.find((d) => fs.existsSync(d));
}

/** The tree of `commit`, written under `dest` (blobs the snapshot lacks are skipped). */
function extractTree(gitDir: string, commit: string, dest: string): void {
  const git = (args: string[], input?: string) => execFileSync("git", [`--git-dir=${gitDir}`, ...args], { input, maxBuffer: 1 << 30 });
  const entries = git(["ls-tree", "-r", "-z", commit])
    .toString()
    .split("\0")
    .filter(Boolean)
    .map((l) => {
      const [meta, file] = l.split("\t");
      const [mode, type, sha] = meta!.split(" ");
      return { mode: mode!, type: type!, sha: sha!, file: file! };
    })
    .filter((e) => e.type === "blob" && e.mode !== "120000" && /\.(m|c)?[jt]sx?$|package\.json$|tsconfig.*\.json$/.test(e.file));
  const present = git(["cat-file", "--batch-check"], entries.map((e) => e.sha).join("\n") + "\n").toString().split("\n");
  const keep = entries.filter((_, i) => !present[i]?.endsWith("missing"));
  const data = git(["cat-file", "--batch"], keep.map((e) => e.sha).join("\n") + "\n");
  let at = 0;
  for (const e of keep) {
    const nl = data.indexOf(10, at);
    const size = Number(data.subarray(at, nl).toString().split(" ")[2]);
    const body = data.subarray(nl + 1, nl + 1 + size);
    at = nl + 1 + size + 1;
    const out = path.join(dest, e.file);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, body);
  }
}

export interface RealworldResult {
  repos: number;
  agreement: Record<"context" | "limits", CheckAgreement>;
  diffs: string[];
  missing: string[];
}

export async function realworldContextLimits(labels: ContextLimitsLabels["realworld"]): Promise<RealworldResult | undefined> {
  const mirrors = mirrorsDir();
  if (!mirrors || !labels.length) return undefined;
  const agreement = { context: { right: 0, all: 0, confusion: new Map() }, limits: { right: 0, all: 0, confusion: new Map() } } as RealworldResult["agreement"];
  const diffs: string[] = [];
  const missing: string[] = [];
  const byRepo = new Map<string, ContextLimitsLabels["realworld"]>();
  for (const l of labels) byRepo.set(`${l.repo}@${l.commit}`, [...(byRepo.get(`${l.repo}@${l.commit}`) ?? []), l]);
  let repos = 0;
  for (const [key, sites] of byRepo) {
    const { repo, commit } = sites[0]!;
    const gitDir = path.join(mirrors, repo.replace("/", "+"), "repo");
    if (!fs.existsSync(gitDir)) {
      missing.push(repo);
      continue;
    }
    const tree = path.join(os.tmpdir(), "llmr-cl-trees", key.replace("/", "+").slice(0, 80));
    if (!fs.existsSync(tree)) {
      try {
        extractTree(gitDir, commit, tree);
      } catch {
        fs.rmSync(tree, { recursive: true, force: true });
        missing.push(`${repo} (commit ${commit.slice(0, 12)} not in the snapshot)`);
        continue;
      }
    }
    const report = await scanWorkspace(tree);
    repos++;
    for (const l of sites) {
      const p = report.sites.find((s) => s.file === l.file && s.line === l.line);
      for (const c of ["context", "limits"] as const) {
        const want = l[c];
        if (want === "unknown") continue;
        const got = p?.checks[c].value ?? "(no site)";
        const a = agreement[c];
        a.all++;
        if (got === want) a.right++;
        else {
          a.confusion.set(`${want}->${got}`, (a.confusion.get(`${want}->${got}`) ?? 0) + 1);
          diffs.push(`${repo}/${l.file}:${l.line} ${c} ${want}->${got}${l.note ? ` (${l.note})` : ""}`);
        }
      }
    }
  }
  return { repos, agreement, diffs, missing };
}
