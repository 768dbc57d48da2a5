/** The guard on paths that come from the webview: a report path is opened only when it lies inside its workspace folder. */
import fs from "node:fs";
import path from "node:path";

/** A URI scheme (`file:`, `vscode-resource:`, `http:`): two or more letters before a colon, no slash before it. */
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]+:/;

/**
 * The absolute path of `rel` (a report path, `/` separators, relative to `root`), or undefined when it
 * is absolute, a URI, empty, carries a NUL, or resolves outside `root` (`..`, a drive or UNC prefix). `root` is absolute.
 */
export function insideFolder(root: string, rel: string, p: path.PlatformPath = path): string | undefined {
  if (!rel || rel.includes("\0") || p.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel) || SCHEME.test(rel) || rel.startsWith("\\\\")) return undefined;
  const abs = p.resolve(root, ...rel.split("/"));
  const back = p.relative(p.resolve(root), abs);
  if (!back || back === ".." || back.startsWith(`..${p.sep}`) || p.isAbsolute(back)) return undefined;
  return abs;
}

/**
 * insideFolder, and on disk: the file exists and its real path (symlinks followed) is inside the
 * folder's real path, so a link in the folder cannot lead the editor out of it.
 */
export function insideFolderOnDisk(root: string, rel: string): string | undefined {
  const abs = insideFolder(root, rel);
  if (abs === undefined) return undefined;
  try {
    const realRoot = fs.realpathSync(root);
    const real = fs.realpathSync(abs);
    const back = path.relative(realRoot, real);
    if (!back || back === ".." || back.startsWith(`..${path.sep}`) || path.isAbsolute(back)) return undefined;
    return fs.statSync(real).isFile() ? abs : undefined;
  } catch {
    return undefined;
  }
}
