/** File discovery for the scanner: which JS/TS files under a root are analysed (.gitignore, default excludes, globs, size and symlink guards) and how one is read (binary and minified guards). */
import * as fsp from "node:fs/promises";
import type { Dirent } from "node:fs";
import path from "node:path";
import ignore from "ignore";
import picomatch from "picomatch";
import type { ScanError, ScanOptions, SkippedFile } from "./types";

/** A source file the scanner should read. */
export interface DiscoveredFile {
  /** Absolute path, through symlinks as found (not the realpath). */
  abs: string;
  /** Relative to the scanned root with `/` separators; the file's own name when the root is a file. */
  rel: string;
  /** Size in bytes from the walk's stat (the file is not read during discovery). */
  size: number;
}

export interface Discovery {
  /** Sorted by `rel` (plain code-unit order, so the result does not depend on the locale). */
  files: DiscoveredFile[];
  /** Source files left out for a reason worth showing; files under default-excluded folders are not listed. */
  skipped: SkippedFile[];
  /** Problems the walk went past (a folder or a .gitignore it could not read). */
  errors: ScanError[];
}

export type ReadResult = { text: string } | { skipped: SkippedFile } | { error: ScanError };

export const SOURCE_EXTENSIONS: ReadonlySet<string> = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"]);

export const DEFAULT_MAX_FILE_BYTES = 1_000_000;

/**
 * Folder names never walked, at any depth: dependencies, build output, caches, vendored code.
 * Beyond the usual list, `.yarn` (Yarn's own multi-MB release bundle), `.pnpm-store`, `.cache`
 * and `.vscode-test` (a whole VS Code) hold nothing of the user's and only add noise. Coding
 * agents' folders (`.agents`, `.claude`, `.cursor`, `.windsurf`) hold skills with example scripts
 * copied from libraries, not the product's requests.
 */
export const DEFAULT_EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  "node_modules", "dist", "build", "out", ".next", ".nuxt", ".svelte-kit", ".turbo", ".vercel", ".output",
  "coverage", "vendor", "vendored", "third_party", "bower_components", ".git",
  ".yarn", ".pnpm-store", ".cache", ".vscode-test",
  ".agents", ".claude", ".cursor", ".windsurf",
]);

/** Generated or declaration-only files: `*.min.js`, `*.bundle.js` (and .cjs/.mjs), `*.d.ts` (and .d.mts/.d.cts). */
const DEFAULT_EXCLUDED_FILE = /\.(?:min|bundle)\.[cm]?js$|\.d\.[cm]?ts$/i;

/*
 * Heuristics of readSourceFile. A file is "binary" when it has a NUL byte (what git and grep
 * use: text in UTF-8 never has one, and almost any binary over a few hundred bytes does), or
 * when more than BINARY_SUSPECT_RATIO of its bytes are C0 control bytes other than
 * tab/LF/VT/FF/CR, DEL, or invalid UTF-8 sequences. The ratio is generous on purpose: a
 * Latin-1 source file whose comments have accents has a few percent invalid sequences and is
 * still worth reading (with U+FFFD in place of those bytes), while random bytes score ~50%.
 *
 * A file is "minified" (machine-made; it would yield findings nobody can act on, and SDK
 * code bundled into it would show up as call sites) when either
 *   - it has at least MINIFIED_MIN_CHARS characters and its lines average more than
 *     MINIFIED_AVG_LINE characters, or
 *   - a line is longer than MINIFIED_LONG_LINE and the file has fewer than MINIFIED_FEW_LINES
 *     lines (a small minified file with a licence header).
 * Hand-written files with one huge literal (a base64 image, an inlined JSON) keep enough
 * ordinary lines to pass both tests.
 */
const BINARY_SUSPECT_RATIO = 0.1;
const MINIFIED_MIN_CHARS = 20 * 1024;
const MINIFIED_AVG_LINE = 500;
const MINIFIED_LONG_LINE = 5000;
const MINIFIED_FEW_LINES = 20;

/** Git compares ignore patterns case-insensitively where the file system is (core.ignorecase). */
const IGNORE_CASE = process.platform === "win32" || process.platform === "darwin";

/** One .gitignore: its rules apply to paths relative to the folder it sits in (`base`, "" or "a/b/"). */
interface IgnoreLayer {
  base: string;
  rules: ignore.Ignore;
}

interface DirTask {
  abs: string;
  rel: string;
  /** realpath of the folder. */
  real: string;
  layers: IgnoreLayer[];
}

/** A symlink to a folder, followed only after every real folder has been walked (see below). */
interface LinkTask {
  abs: string;
  rel: string;
  layers: IgnoreLayer[];
}

interface Candidate extends DiscoveredFile {
  real: string;
  viaLink: boolean;
}

/**
 * Lists the JS/TS source files under `root` (a folder, or a single file) that the scanner
 * should read. Throws an Error with a one-line message when `root` does not exist or cannot
 * be read, and `signal.reason` (an AbortError by default) when `signal` is aborted.
 *
 * What is left out, in this order: default-excluded folders and files, paths outside
 * `options.include` / inside `options.exclude` (picomatch globs relative to the root; a glob
 * that matches a folder covers everything in it), paths ignored by a `.gitignore` (the root's
 * and nested ones, each relative to its own folder, deeper files winning, negations honoured),
 * then files over `options.maxFileBytes` (skipped `too-large` from their size alone). Only the
 * root's own .gitignore and those below it are read: not the parents' or .git/info/exclude.
 *
 * Symlinks are followed when their target's realpath has not been walked yet. Symlinked
 * folders are walked after all real folders, so a file reachable both ways is reported under
 * its real path. A link to a folder already walked (its own ancestor: a loop) or to a folder
 * that contains the root is skipped `symlink-loop`; a second path to a file already found is
 * skipped `excluded` with the path it duplicates.
 *
 * A root that is a file is returned as is when it has a JS/TS extension; default excludes,
 * globs and .gitignore do not apply to a file named explicitly.
 */
export async function discoverFiles(root: string, options: ScanOptions = {}, signal?: AbortSignal): Promise<Discovery> {
  signal?.throwIfAborted();
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const rootAbs = path.resolve(root);
  const rootStat = await fsp.stat(rootAbs).catch((e: unknown) => {
    const code = errorCode(e);
    throw new Error(
      code === "ENOENT" || code === "ENOTDIR" ? `Path does not exist: ${root}` : `Cannot access ${root}: ${describeError(e)}`,
    );
  });
  const skipped: SkippedFile[] = [];
  const errors: ScanError[] = [];

  if (rootStat.isFile()) {
    const rel = path.basename(rootAbs);
    if (!isSourceName(rel)) {
      return { files: [], skipped: [{ file: rel, reason: "excluded", detail: "not a JS/TS source file" }], errors };
    }
    if (rootStat.size > maxBytes) {
      return { files: [], skipped: [tooLarge(rel, rootStat.size, maxBytes)], errors };
    }
    return { files: [{ abs: rootAbs, rel, size: rootStat.size }], skipped, errors };
  }
  if (!rootStat.isDirectory()) throw new Error(`Not a file or folder: ${root}`);

  const rootReal = await fsp.realpath(rootAbs);
  // The root must be listable: an empty report for a folder we cannot open would read as "no LLM calls".
  await fsp.access(rootAbs, fsp.constants.R_OK | fsp.constants.X_OK).catch((e: unknown) => {
    throw new Error(`Cannot read folder ${root}: ${describeError(e)}`);
  });

  const included = globMatcher(options.include);
  const excluded = globMatcher(options.exclude);
  const inScope = (rel: string): boolean => (!included || included(rel)) && !(excluded && excluded(rel));

  /** realpath → rel of every folder walked (or queued), for loop and duplicate detection. */
  const visitedDirs = new Map<string, string>([[rootReal, ""]]);
  const candidates: Candidate[] = [];

  /** Decides a folder entry found directly or through a symlink; returns a folder to walk, if any. */
  const considerDir = (rel: string, name: string, layers: IgnoreLayer[]): IgnoreLayer[] | undefined => {
    if (DEFAULT_EXCLUDED_DIRS.has(name)) return undefined;
    if (excluded && excluded(rel)) return undefined;
    if (gitIgnored(layers, rel, true)) return undefined;
    return layersBelow(layers, rel);
  };
  const considerFile = (rel: string, name: string, layers: IgnoreLayer[]): boolean =>
    isSourceName(name) && !DEFAULT_EXCLUDED_FILE.test(name) && inScope(rel) && !gitIgnored(layers, rel, false);
  const addFile = (c: Candidate): void => {
    if (c.size > maxBytes) skipped.push(tooLarge(c.rel, c.size, maxBytes));
    else candidates.push(c);
  };
  /** Records a failed fs call on `rel`; vanished entries (deleted mid-walk) are dropped silently. */
  const fsFailure = (rel: string, what: string, e: unknown): void => {
    const code = errorCode(e);
    if (code === "ENOENT" || code === "ENOTDIR") return;
    const file = rel || ".";
    if (code === "EACCES" || code === "EPERM") skipped.push({ file, reason: "unreadable", detail: `${what}: ${describeError(e)}` });
    else errors.push({ file, message: `Could not read ${what} (${describeError(e)}); the scan went on without it.` });
  };

  // A hand-written iterative walk rather than fdir: nested .gitignore files must be read as the
  // walk enters each folder and their rules carried down to its children only, and symlinked
  // folders need realpath bookkeeping; with fdir both would live in callbacks it cannot await.
  const stack: DirTask[] = [{ abs: rootAbs, rel: "", real: rootReal, layers: [] }];
  const links: LinkTask[] = [];
  while (stack.length > 0 || links.length > 0) {
    signal?.throwIfAborted();
    const link = stack.length === 0 ? links.shift() : undefined;
    if (link) {
      const real = await fsp.realpath(link.abs).catch((e: unknown) => void fsFailure(link.rel, "symlinked folder", e));
      if (real === undefined) continue;
      const seenAs = visitedDirs.get(real);
      if (seenAs !== undefined) {
        const loop = seenAs === "" || link.rel.startsWith(`${seenAs}/`);
        skipped.push({
          file: link.rel,
          reason: "symlink-loop",
          detail: loop ? `links to its own ancestor ${seenAs || "(the root)"}` : `links to ${seenAs}, already scanned`,
        });
      } else if (rootReal.startsWith(real.endsWith(path.sep) ? real : real + path.sep)) {
        skipped.push({ file: link.rel, reason: "symlink-loop", detail: `links to ${real}, which contains the root` });
      } else {
        visitedDirs.set(real, link.rel);
        stack.push({ abs: link.abs, rel: link.rel, real, layers: link.layers });
      }
      continue;
    }

    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(dir.abs, { withFileTypes: true });
    } catch (e) {
      fsFailure(dir.rel, "folder", e);
      continue;
    }
    let layers = dir.layers;
    if (entries.some((e) => e.name === ".gitignore" && !e.isDirectory())) {
      const gitignoreRel = dir.rel ? `${dir.rel}/.gitignore` : ".gitignore";
      try {
        const text = await fsp.readFile(path.join(dir.abs, ".gitignore"), "utf8");
        layers = [...layers, { base: dir.rel ? `${dir.rel}/` : "", rules: ignore({ ignorecase: IGNORE_CASE }).add(text) }];
      } catch (e) {
        if (errorCode(e) !== "ENOENT") {
          errors.push({ file: gitignoreRel, message: `Could not read .gitignore (${describeError(e)}); its rules were not applied.` });
        }
      }
    }

    const pending: Promise<void>[] = [];
    for (const entry of entries) {
      const name = entry.name;
      const rel = dir.rel ? `${dir.rel}/${name}` : name;
      const abs = path.join(dir.abs, name);
      if (entry.isDirectory()) {
        const below = considerDir(rel, name, layers);
        if (!below) continue;
        const real = path.join(dir.real, name);
        const seenAs = visitedDirs.get(real);
        if (seenAs !== undefined) {
          // Only a bind mount or similar gets here: a plain folder has one path.
          skipped.push({ file: rel, reason: "symlink-loop", detail: `same folder as ${seenAs || "(the root)"}` });
          continue;
        }
        visitedDirs.set(real, rel);
        stack.push({ abs, rel, real, layers: below });
      } else if (entry.isFile()) {
        if (!considerFile(rel, name, layers)) continue;
        pending.push(
          fsp.stat(abs).then(
            (st) => addFile({ abs, rel, size: st.size, real: path.join(dir.real, name), viaLink: false }),
            (e: unknown) => fsFailure(rel, "file", e),
          ),
        );
      } else if (entry.isSymbolicLink()) {
        pending.push(
          fsp.stat(abs).then(
            async (st) => {
              if (st.isDirectory()) {
                const below = considerDir(rel, name, layers);
                if (below) links.push({ abs, rel, layers: below });
              } else if (st.isFile() && considerFile(rel, name, layers)) {
                const real = await fsp.realpath(abs);
                addFile({ abs, rel, size: st.size, real, viaLink: true });
              }
            },
            (e: unknown) => {
              // A dangling link is only worth a line when it looks like a source file.
              if (errorCode(e) === "ENOENT" && considerFile(rel, name, layers)) {
                skipped.push({ file: rel, reason: "unreadable", detail: "broken symlink" });
              } else if (errorCode(e) === "ELOOP") {
                skipped.push({ file: rel, reason: "symlink-loop", detail: "the link resolves to itself" });
              } else if (errorCode(e) !== "ENOENT") {
                fsFailure(rel, "symlink", e);
              }
            },
          ).catch((e: unknown) => fsFailure(rel, "symlink", e)),
        );
      }
      // Sockets, FIFOs and devices are never read: opening a FIFO would block the scan.
    }
    await Promise.all(pending);
  }

  // The same file reached twice (a symlinked file, or a linked folder outside the root that
  // contains links back): keep the real path, else the first by rel.
  candidates.sort((a, b) => Number(a.viaLink) - Number(b.viaLink) || compareStrings(a.rel, b.rel));
  const byReal = new Map<string, string>();
  const files: DiscoveredFile[] = [];
  for (const c of candidates) {
    const first = byReal.get(c.real);
    if (first !== undefined) {
      skipped.push({ file: c.rel, reason: "excluded", detail: `same file as ${first} (symlink)` });
      continue;
    }
    byReal.set(c.real, c.rel);
    files.push({ abs: c.abs, rel: c.rel, size: c.size });
  }
  files.sort((a, b) => compareStrings(a.rel, b.rel));
  skipped.sort((a, b) => compareStrings(a.file, b.file));
  errors.sort((a, b) => compareStrings(a.file, b.file));
  return { files, skipped, errors };
}

/**
 * Reads one discovered file as UTF-8 text, or says why it is not analysed. Reads at most
 * `maxBytes + 1` bytes, so a file that grew past the limit since discovery is `too-large`
 * without being read whole. A UTF-8 BOM is removed (offsets then match what editors show);
 * line endings are kept as they are. See the heuristics above for `binary` and `minified`.
 */
export async function readSourceFile(file: DiscoveredFile, maxBytes: number = DEFAULT_MAX_FILE_BYTES): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readAtMost(file.abs, maxBytes + 1);
  } catch (e) {
    const code = errorCode(e);
    if (code === "EACCES" || code === "EPERM") {
      return { skipped: { file: file.rel, reason: "unreadable", detail: describeError(e) } };
    }
    return { error: { file: file.rel, message: `Could not read the file (${describeError(e)}); the scan went on without it.` } };
  }
  if (bytes.length > maxBytes) return { skipped: tooLarge(file.rel, undefined, maxBytes) };
  return decodeSource(file.rel, bytes);
}

/**
 * The guards of readSourceFile for a text that did not come from the disk (an editor's buffer, an
 * incremental update): the same size, binary and minified verdicts, and the BOM dropped, so a
 * buffer is analysed exactly as the file would be once saved.
 */
export function classifyText(rel: string, text: string, maxBytes: number = DEFAULT_MAX_FILE_BYTES): ReadResult {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length > maxBytes) return { skipped: tooLarge(rel, bytes.length, maxBytes) };
  const read = decodeSource(rel, bytes);
  // The text as given (not re-decoded), so offsets stay those of the buffer.
  return "text" in read ? { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text } : read;
}

/** The classification half of readSourceFile, on bytes already read (exported for tests). */
export function decodeSource(rel: string, bytes: Uint8Array): ReadResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    // Decoding is possible, but a fix written back as UTF-8 would change the file's encoding.
    return { skipped: { file: rel, reason: "binary", detail: "UTF-16 text; only UTF-8 is analysed" } };
  }
  if (buf.indexOf(0) !== -1) return { skipped: { file: rel, reason: "binary", detail: "contains NUL bytes" } };

  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const text = buf.toString("utf8", start);
  const suspects = countControlBytes(buf, start) + countInvalidUtf8(buf, start, text);
  const length = buf.length - start;
  if (length > 0 && suspects / length > BINARY_SUSPECT_RATIO) {
    const pct = Math.round((suspects / length) * 100);
    return { skipped: { file: rel, reason: "binary", detail: `${pct}% control bytes or invalid UTF-8` } };
  }

  const minified = minifiedReason(text);
  if (minified) return { skipped: { file: rel, reason: "minified", detail: minified } };
  return { text };
}

/** Why `text` looks minified, or undefined (thresholds in the heuristics comment above). */
function minifiedReason(text: string): string | undefined {
  let lines = 0;
  let longest = 0;
  let from = 0;
  while (from <= text.length) {
    let nl = text.indexOf("\n", from);
    if (nl === -1) nl = text.length;
    lines++;
    if (nl - from > longest) longest = nl - from;
    from = nl + 1;
  }
  const average = text.length / lines;
  if (text.length >= MINIFIED_MIN_CHARS && average > MINIFIED_AVG_LINE) {
    return `${lines} line${lines === 1 ? "" : "s"} averaging ${Math.round(average)} characters`;
  }
  if (longest > MINIFIED_LONG_LINE && lines < MINIFIED_FEW_LINES) {
    return `a ${longest}-character line in a ${lines}-line file`;
  }
  return undefined;
}

/** C0 control bytes that have no place in source text (tab, LF, VT, FF and CR do), and DEL. */
function countControlBytes(buf: Buffer, start: number): number {
  let n = 0;
  for (let i = start; i < buf.length; i++) {
    const b = buf[i]!;
    if ((b < 0x20 && (b < 0x09 || b > 0x0d)) || b === 0x7f) n++;
  }
  return n;
}

/** Invalid UTF-8 sequences: U+FFFD in the decoded text that the bytes did not spell out (EF BF BD). */
function countInvalidUtf8(buf: Buffer, start: number, text: string): number {
  let decoded = 0;
  for (let i = text.indexOf("\uFFFD"); i !== -1; i = text.indexOf("\uFFFD", i + 1)) decoded++;
  if (decoded === 0) return 0;
  let literal = 0;
  const replacement = Buffer.from([0xef, 0xbf, 0xbd]);
  for (let i = buf.indexOf(replacement, start); i !== -1; i = buf.indexOf(replacement, i + 3)) literal++;
  return Math.max(0, decoded - literal);
}

/** Reads up to `limit` bytes of a file (fewer when it is shorter), growing the buffer only as the file does. */
async function readAtMost(abs: string, limit: number): Promise<Buffer> {
  const handle = await fsp.open(abs, "r");
  try {
    const { size } = await handle.stat();
    // One byte more than the stat size, to notice a file that grew since.
    let buf = Buffer.allocUnsafe(Math.max(1, Math.min(size + 1, limit)));
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buf.length) {
        if (buf.length >= limit) break;
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, limit));
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
    }
    return buf.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * Git's verdict for `rel` (a path below the root): the deepest .gitignore with a rule for it
 * decides, and within one file the last matching rule (`ignore` does that part).
 */
function gitIgnored(layers: readonly IgnoreLayer[], rel: string, isDir: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    const result = layer.rules.test(rel.slice(layer.base.length) + (isDir ? "/" : ""));
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

/**
 * The layers that apply inside folder `rel`, which the walk enters because it is not ignored.
 * A .gitignore that ignores this folder (overruled by a deeper `!folder`) is dropped below it:
 * `ignore` would otherwise report every path inside as ignored through its parent. The cost is
 * that its other rules no longer apply inside that re-included folder.
 */
function layersBelow(layers: IgnoreLayer[], rel: string): IgnoreLayer[] {
  const kept = layers.filter((l) => !l.rules.test(`${rel.slice(l.base.length)}/`).ignored);
  return kept.length === layers.length ? layers : kept;
}

/**
 * A matcher for `patterns` (picomatch, dot files included), or undefined for none. A path
 * matches when it or one of its parent folders does, so `packages/legacy` and
 * `packages/legacy/**` both cover the folder's files.
 */
function globMatcher(patterns: readonly string[] | undefined): ((rel: string) => boolean) | undefined {
  // "./src" and "src/" name the same folder as "src".
  const list = (patterns ?? []).map((p) => p.trim().replace(/^\.\//, "").replace(/\/+$/, "")).filter((p) => p.length > 0);
  if (list.length === 0) return undefined;
  const match = picomatch(list, { dot: true });
  return (rel) => {
    if (match(rel)) return true;
    for (let i = rel.indexOf("/"); i !== -1; i = rel.indexOf("/", i + 1)) {
      if (match(rel.slice(0, i))) return true;
    }
    return false;
  };
}

function isSourceName(name: string): boolean {
  return SOURCE_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/** `size` undefined: the file was found to be over the limit while reading, its exact size unknown. */
function tooLarge(rel: string, size: number | undefined, maxBytes: number): SkippedFile {
  return { file: rel, reason: "too-large", detail: `${size === undefined ? "more than the" : `${size} bytes, over the`} ${maxBytes}-byte limit` };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function errorCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

function describeError(e: unknown): string {
  const code = errorCode(e);
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return code ?? (e instanceof Error ? e.message : String(e));
}
