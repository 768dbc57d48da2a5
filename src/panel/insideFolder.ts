/** The guard on paths that come from the webview: a report path is opened only when it lies inside its workspace folder. */
import path from "node:path";

/**
 * The absolute path of `rel` (a report path, `/` separators, relative to `root`), or undefined when it
 * is absolute, empty, carries a NUL, or resolves outside `root` (`..`, a drive or UNC prefix). `root` is absolute.
 */
export function insideFolder(root: string, rel: string, p: path.PlatformPath = path): string | undefined {
  if (!rel || rel.includes("\0") || p.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel) || rel.startsWith("\\\\")) return undefined;
  const abs = p.resolve(root, ...rel.split("/"));
  const back = p.relative(p.resolve(root), abs);
  if (!back || back === ".." || back.startsWith(`..${p.sep}`) || p.isAbsolute(back)) return undefined;
  return abs;
}
