/**
 * A monorepo is a set of packages: what a fix writes (the helper file, its import) is decided per
 * package, from the nearest package.json and its tsconfig (or jsconfig): `rootDir`, `include`,
 * `paths` aliases and the module resolution. Configs are read as JSON (with `extends`), never run.
 */
import fs from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import ts from "typescript";

export interface PackageLayout {
  /** The package folder relative to the workspace root, `/`-separated ("" for the root). */
  dir: string;
  /** Folder (relative to the root) every compiled file must be under, when the tsconfig sets `rootDir`. */
  rootDir?: string;
  /** Whether a file (relative to the root) is in the tsconfig's `include` (true without a tsconfig or an `include`). */
  includes(rel: string): boolean;
  /** Path aliases ending in `/*`, with the folder (relative to the root) they stand for: `@/` → `apps/web/src/`. */
  aliases: { prefix: string; dir: string }[];
  /** NodeNext / Node16 resolution: relative imports need their `.js` extension. */
  nodeNext: boolean;
  /** Whether a specifier may end in `.ts` (`allowImportingTsExtensions` or `rewriteRelativeImportExtensions`; true without a tsconfig). */
  tsExtensions: boolean;
}

const cache = new Map<string, { key: string; layout: PackageLayout }>();

/** The folder of the package.json nearest to a file (relative to the root, "" when only the root has one or none does). */
export function packageDirOf(root: string, rel: string): string {
  for (let dir = path.dirname(path.join(root, rel)); ; dir = path.dirname(dir)) {
    if (dir === root || !dir.startsWith(root + path.sep)) return "";
    if (fs.existsSync(path.join(dir, "package.json"))) return path.relative(root, dir).split(path.sep).join("/");
  }
}

/** The layout of the package a file (relative to the root) belongs to. */
export function layoutOf(root: string, rel: string): PackageLayout {
  const dir = packageDirOf(root, rel);
  const abs = path.join(root, dir);
  const config = ["tsconfig.json", "jsconfig.json"].map((n) => path.join(abs, n)).find((p) => fs.existsSync(p));
  const key = config ? `${config}:${fs.statSync(config).mtimeMs}` : "";
  const hit = cache.get(abs);
  if (hit && hit.key === key) return hit.layout;
  const layout = config ? readLayout(root, dir, config) : { dir, includes: () => true, aliases: [], nodeNext: false, tsExtensions: true };
  cache.set(abs, { key, layout });
  return layout;
}

function readLayout(root: string, dir: string, config: string): PackageLayout {
  const toRel = (p: string) => path.relative(root, p).split(path.sep).join("/");
  // Options only: the host lists no files (a big package's tree is not walked), `extends` is followed.
  const host: ts.ParseConfigHost = { useCaseSensitiveFileNames: true, readDirectory: () => [], fileExists: (f) => fs.existsSync(f), readFile: (f) => readText(f) };
  const read = ts.readConfigFile(config, readText);
  const parsed = read.error ? undefined : ts.parseJsonConfigFileContent(read.config, host, path.dirname(config), undefined, config);
  const options = parsed?.options ?? {};
  const raw = (read.config ?? {}) as { include?: unknown };
  const includePatterns = Array.isArray(raw.include) ? raw.include.filter((x): x is string => typeof x === "string") : undefined;
  const base = path.dirname(config);
  const matchers = includePatterns?.map((p) => {
    // A pattern without a wildcard or an extension names a folder: everything under it.
    const last = p.split("/").pop() ?? "";
    const glob = !p.includes("*") && !/\.\w+$/.test(last) ? `${p.replace(/\/$/, "")}/**/*` : p;
    return picomatch(toRel(path.resolve(base, glob)), { dot: true });
  });
  const aliases: PackageLayout["aliases"] = [];
  const pathsBase = options.baseUrl ?? (options as { pathsBasePath?: string }).pathsBasePath ?? base;
  for (const [pattern, targets] of Object.entries(options.paths ?? {})) {
    const target = targets[0];
    if (!pattern.endsWith("/*") || !target?.endsWith("/*") || pattern.slice(0, -1).includes("*")) continue;
    const folder = toRel(path.resolve(pathsBase, target.slice(0, -2)));
    if (folder.startsWith("..")) continue;
    aliases.push({ prefix: pattern.slice(0, -1), dir: folder ? `${folder}/` : "" });
  }
  const resolution = options.moduleResolution;
  const nodeNext =
    resolution === ts.ModuleResolutionKind.Node16 || resolution === ts.ModuleResolutionKind.NodeNext || ((options.module === ts.ModuleKind.Node16 || options.module === ts.ModuleKind.NodeNext) && resolution === undefined);
  return {
    dir,
    ...(options.rootDir ? { rootDir: toRel(options.rootDir) } : {}),
    includes: (rel) => !matchers || matchers.some((m) => m(rel)),
    aliases,
    nodeNext,
    tsExtensions: !!options.allowImportingTsExtensions || !!(options as { rewriteRelativeImportExtensions?: boolean }).rewriteRelativeImportExtensions,
  };
}

function readText(f: string): string | undefined {
  try {
    return fs.readFileSync(f, "utf8");
  } catch {
    return undefined;
  }
}

/** Whether `rel` is `dir` or inside it ("" is the root). */
export function isUnder(rel: string, dir: string): boolean {
  return !dir || rel === dir || rel.startsWith(`${dir.replace(/\/$/, "")}/`);
}

/**
 * Where the helper file goes for a file of a package: the setting's path relative to the package.
 * A path whose first folder the package does not have (`src/` in a Next.js app with `app/` and `lib/`)
 * goes under the package's source folder instead: the one `rootDir` names, the folder the `@/` alias
 * stands for, `lib/`, the package's folder, or the importing file's top folder. It must be under
 * `rootDir` and in `include`.
 */
export function helperLocation(root: string, layout: PackageLayout, setting: string, fromRel: string): string | undefined {
  const prefix = layout.dir ? `${layout.dir}/` : "";
  const clean = setting.replace(/^\.?\//, "");
  const ok = (rel: string) => isUnder(rel, layout.dir) && (!layout.rootDir || isUnder(rel, layout.rootDir)) && layout.includes(rel);
  const first = clean.split("/")[0]!;
  const direct = `${prefix}${clean}`;
  if (clean.includes("/") && fs.existsSync(path.join(root, prefix, first)) && ok(direct)) return direct;
  const rest = clean.includes("/") ? clean.slice(first.length + 1) : clean;
  const lib = fs.existsSync(path.join(root, prefix, "lib")) ? `${prefix}lib` : undefined;
  const sources: string[] = [];
  if (layout.rootDir) sources.push(layout.rootDir);
  for (const a of layout.aliases) {
    const d = a.dir.replace(/\/$/, "");
    // `@/*` → `./*` stands for the whole package: its lib/ folder, when it has one.
    if (d === layout.dir) lib && sources.push(lib);
    else if (isUnder(d, layout.dir)) sources.push(d);
  }
  if (lib) sources.push(lib);
  // Then the package's own folder, or (when its `include` leaves that out) the importing file's top folder.
  sources.push(layout.dir);
  const top = fromRel.slice(prefix.length).split("/");
  if (top.length > 1) sources.push(`${prefix}${top[0]}`);
  for (const s of sources) {
    const rel = s ? `${s}/${rest}` : rest;
    if (ok(rel)) return rel;
  }
  return ok(direct) ? direct : undefined;
}

/**
 * The specifier a file of the package imports another by: the package's alias when one covers the
 * target (`@/lib/llm/resilience`), else relative; with `.js` under NodeNext or when the file's
 * (or its neighbours') relative imports carry it, `.ts` when they carry that.
 */
export function specifierFor(layout: PackageLayout, sf: ts.SourceFile, fromRel: string, toRel: string, neighbours: () => readonly ts.SourceFile[] = () => []): string {
  const bare = toRel.replace(/\.(tsx?|jsx?|mts|cts|mjs|cjs)$/, "");
  const style = extensionStyle(layout, sf, neighbours);
  const ext = style === "js" ? (/\.m[tj]s$/.test(toRel) ? ".mjs" : /\.c[tj]s$/.test(toRel) ? ".cjs" : ".js") : style === "ts" ? path.posix.extname(toRel) : "";
  const alias = layout.aliases.filter((a) => isUnder(fromRel, layout.dir) && bare.startsWith(a.dir)).sort((a, b) => b.dir.length - a.dir.length)[0];
  if (alias && !/\.[cm]?js$/.test(fromRel)) return `${alias.prefix}${bare.slice(alias.dir.length)}${ext}`;
  let spec = path.posix.relative(path.posix.dirname(fromRel), bare);
  if (!spec.startsWith(".")) spec = `./${spec}`;
  return `${spec}${ext}`;
}

/** How relative imports name files here: with `.js`, with `.ts`, or without an extension. */
function extensionStyle(layout: PackageLayout, sf: ts.SourceFile, neighbours: () => readonly ts.SourceFile[]): "js" | "ts" | "none" {
  if (layout.nodeNext && /\.[cm]?tsx?$/.test(sf.fileName)) return "js";
  for (const f of [sf, ...neighbours()]) {
    const rel = f.statements.filter(ts.isImportDeclaration).map((s) => (ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : "")).filter((s) => s.startsWith("."));
    if (!rel.length) continue;
    if (rel.every((s) => /\.[cm]?js$/.test(s))) return "js";
    // `.ts` specifiers only where the tsconfig allows them (TS5097 otherwise, even if the file's own imports do it).
    if (rel.every((s) => /\.[cm]?tsx?$/.test(s))) return layout.tsExtensions ? "ts" : "none";
    return "none";
  }
  // Unbundled JavaScript ES modules need the file's extension (node resolves nothing else).
  if (/\.m?js$/.test(sf.fileName) && sf.statements.some(ts.isImportDeclaration)) return "js";
  return "none";
}
