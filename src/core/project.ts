/** The parsed workspace: source files by path, and module resolution (relative, tsconfig paths, workspace packages). */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface ParsedFile {
  abs: string;
  /** Relative to the scan root, `/` separators. */
  rel: string;
  sf: ts.SourceFile;
  /** Read only to follow an import from the scanned folder; never reported. */
  outside?: boolean;
}

export type ModuleTarget = { file: ParsedFile } | { pkg: string };

/**
 * A scanned file that cannot take part in an LLM call (it imports no LLM or HTTP package, sends
 * no fetch, and imports nothing that does): only its text is kept, and it is parsed again on
 * demand when resolution reaches it (a constant, a class). Keeps memory near the parse floor.
 */
export interface DormantFile {
  abs: string;
  rel: string;
  text: string;
  /** Names of the interfaces its classes implement (interface dispatch needs every implementation). */
  implements: string[];
}

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

export function scriptKindOf(file: string): ts.ScriptKind {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".tsx") return ts.ScriptKind.TSX;
  if (ext === ".jsx") return ts.ScriptKind.JSX;
  if (ext === ".js" || ext === ".mjs" || ext === ".cjs") return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

export function parseSource(abs: string, text: string): ts.SourceFile {
  return ts.createSourceFile(abs, text, ts.ScriptTarget.Latest, true, scriptKindOf(abs));
}

interface PathsConfig {
  base: string;
  paths: [pattern: string, targets: string[]][];
}

/** Module resolution without a type checker: enough to follow imports between workspace files. */
export class Workspace {
  /** Files whose sites are reported (parsed, with parent pointers). */
  readonly files = new Map<string, ParsedFile>();
  readonly dormant = new Map<string, DormantFile>();
  private readonly pathsByDir = new Map<string, PathsConfig | null>();
  private readonly packagesByName = new Map<string, string>();
  private readonly resolved = new Map<string, { abs: string } | { pkg: string } | null>();
  private readonly outside = new Map<string, ParsedFile>();
  private readonly outsideMissing = new Set<string>();
  /** Folder listings (listDir), kept until a file appears or vanishes. */
  private readonly listings = new Map<string, string[] | null>();

  /**
   * Packages the catalog knows (an SDK, an HTTP client, an observability wrapper). Such an import stays
   * the package even when the workspace holds its source (the SDK's own monorepo, with examples that
   * import it): the catalog describes the package, not our reading of its code. Only files inside that
   * package follow its name to the source.
   */
  constructor(
    readonly root: string,
    private readonly knownPackage: (spec: string) => boolean = () => false,
  ) {}

  add(file: ParsedFile): void {
    this.files.set(file.abs, file);
  }

  addDormant(file: DormantFile): void {
    this.dormant.set(file.abs, file);
  }

  /** Forgets a file (deleted, or about to be re-added with new contents). */
  remove(abs: string): void {
    const existed = this.files.delete(abs) || this.dormant.delete(abs);
    this.outside.delete(abs);
    this.outsideMissing.delete(abs);
    // A file that appears or disappears changes where imports resolve.
    if (!existed) this.forgetResolution();
  }

  /** Call after files were added or removed: resolution is cached per folder and specifier, listings per folder. */
  forgetResolution(): void {
    this.resolved.clear();
    this.listings.clear();
  }

  /** The names in a folder (null when it cannot be read), listed once until files are added or removed. */
  listDir(dir: string): readonly string[] | null {
    let names = this.listings.get(dir);
    if (names === undefined) {
      try {
        names = fs.readdirSync(dir);
      } catch {
        names = null;
      }
      this.listings.set(dir, names);
    }
    return names;
  }

  /** Files scanned, active and dormant. */
  get fileCount(): number {
    return this.files.size + this.dormant.size;
  }

  /** Every scanned path with the interfaces its classes implement (dormant files included). */
  *implementers(): Iterable<{ abs: string; implements: readonly string[] }> {
    for (const d of this.dormant.values()) if (d.implements.length) yield d;
  }

  /** Registers workspace packages (monorepo) so `import "@acme/llm"` reaches their sources. */
  indexPackages(): void {
    const dirs = new Set<string>();
    for (const abs of [...this.files.keys(), ...this.dormant.keys()]) {
      for (let d = path.dirname(abs); d.startsWith(this.root) && !dirs.has(d); d = path.dirname(d)) {
        dirs.add(d);
        if (d === this.root) break;
      }
    }
    for (const d of dirs) {
      const pj = path.join(d, "package.json");
      try {
        const json = JSON.parse(fs.readFileSync(pj, "utf8")) as { name?: unknown };
        if (typeof json.name === "string" && !this.packagesByName.has(json.name)) this.packagesByName.set(json.name, d);
      } catch {
        // No package.json here, or not JSON: not a workspace package.
      }
    }
  }

  resolve(from: { abs: string }, spec: string): ModuleTarget | null {
    const t = this.resolvePath(from.abs, spec);
    if (!t) return null;
    if ("pkg" in t) return t;
    const file = this.fileByPath(t.abs);
    return file ? { file } : null;
  }

  /** Where an import leads, as a path or a package, without parsing anything (cached per folder and specifier). */
  resolvePath(fromAbs: string, spec: string): { abs: string } | { pkg: string } | null {
    const key = path.dirname(fromAbs) + "\0" + spec;
    let r = this.resolved.get(key);
    if (r === undefined) {
      r = this.resolveUncached(fromAbs, spec);
      this.resolved.set(key, r);
    }
    return r;
  }

  private resolveUncached(fromAbs: string, spec: string): { abs: string } | { pkg: string } | null {
    const dir = path.dirname(fromAbs);
    if (spec.startsWith("./") || spec.startsWith("../") || spec === "." || spec === "..") {
      return this.locate(path.resolve(dir, spec));
    }
    const name = packageName(spec);
    if (this.knownPackage(spec) || this.knownPackage(name)) {
      const own = this.packagesByName.get(name);
      if (!own || !(dir === own || dir.startsWith(own + path.sep))) return { pkg: spec };
    }
    const cfg = this.pathsFor(dir);
    if (cfg) {
      for (const [pattern, targets] of cfg.paths) {
        const star = pattern.indexOf("*");
        let rest: string | undefined;
        if (star < 0) rest = pattern === spec ? "" : undefined;
        else if (spec.startsWith(pattern.slice(0, star)) && spec.endsWith(pattern.slice(star + 1))) {
          rest = spec.slice(star, spec.length - (pattern.length - star - 1));
        }
        if (rest === undefined) continue;
        for (const t of targets) {
          const hit = this.locate(path.resolve(cfg.base, t.replace("*", rest)));
          if (hit) return hit;
        }
      }
    }
    for (const [name, pdir] of this.packagesByName) {
      if (spec === name || spec.startsWith(name + "/")) {
        const sub = spec.slice(name.length + 1);
        const hit = sub ? this.packageSubpath(pdir, sub) : this.packageEntry(pdir);
        if (hit) return hit;
      }
    }
    return { pkg: spec };
  }

  private packageEntry(dir: string): { abs: string } | null {
    const pj = readPackageJson(dir);
    const main = pj ? [exportTarget(pj.exports, "."), pj.source, pj.types, pj.module, pj.main].find((x): x is string => typeof x === "string") : undefined;
    const candidates = [main, "src/index", "index", "lib/index"].filter((x): x is string => !!x);
    for (const c of candidates) {
      const hit = this.fromBuildPath(dir, c);
      if (hit) return hit;
    }
    return null;
  }

  /**
   * A subpath of a workspace package (`@acme/ai/embed`, `@acme/ai/dist/client`): its `exports`
   * entry, the folder itself or its `src/`, with build output (`dist/`, `lib/`, `build/`, `out/`)
   * mapped back to the source it was built from.
   */
  private packageSubpath(dir: string, sub: string): { abs: string } | null {
    const pj = readPackageJson(dir);
    const target = pj ? exportTarget(pj.exports, "./" + sub) : undefined;
    if (target) {
      const hit = this.fromBuildPath(dir, target);
      if (hit) return hit;
    }
    return this.locate(path.join(dir, sub)) ?? this.locate(path.join(dir, "src", sub)) ?? this.fromBuildPath(dir, sub);
  }

  /** `./dist/embed.js` → `src/embed.ts` when the source is there, else the path as written. */
  private fromBuildPath(dir: string, rel: string): { abs: string } | null {
    const clean = rel.replace(/^\.\//, "");
    const src = clean.replace(/^(dist|lib|build|out)\/(esm\/|cjs\/|src\/)?/, "src/").replace(/\.d\.ts$/, ".ts");
    return this.locate(path.join(dir, src)) ?? this.locate(path.join(dir, clean));
  }

  /** The source file a path names (with or without extension, or a folder with an index): scanned, or on disk outside the scan. */
  private locate(p: string): { abs: string } | null {
    const ext = path.extname(p);
    // ESM TypeScript imports name the emitted `.js`; the source is `.ts`.
    const stem = [".js", ".jsx", ".mjs", ".cjs"].includes(ext) ? p.slice(0, -ext.length) : p;
    const candidates = [p, ...EXTENSIONS.flatMap((e) => [stem + e, p + e]), ...EXTENSIONS.map((e) => path.join(p, "index" + e))];
    for (const c of candidates) if (this.files.has(c) || this.dormant.has(c) || this.outside.has(c)) return { abs: c };
    for (const c of candidates) if (this.loadOutside(c)) return { abs: c };
    return null;
  }

  /** The parsed file at an exact path: active, dormant (parsed now) or read from outside the scan. */
  fileByPath(abs: string): ParsedFile | undefined {
    const f = this.files.get(abs) ?? this.outside.get(abs);
    if (f) return f;
    const d = this.dormant.get(abs);
    return d ? this.wake(d) : undefined;
  }

  /** Parses a dormant file for resolution (not reported: it has no sites). */
  private wake(d: DormantFile): ParsedFile {
    let f = this.outside.get(d.abs);
    if (!f) {
      f = { abs: d.abs, rel: d.rel, sf: parseSource(d.abs, d.text), outside: true };
      this.outside.set(d.abs, f);
    }
    return f;
  }

  /**
   * A module imported from outside the scanned folder (scanning `src/routes` that imports
   * `src/lib/openai.ts`) is read for resolution only: its own sites are not reported.
   */
  private loadOutside(abs: string): ParsedFile | null {
    if (this.outsideMissing.has(abs)) return null;
    const inside = abs.startsWith(this.root + path.sep);
    if (inside || abs.includes(`${path.sep}node_modules${path.sep}`) || !EXTENSIONS.includes(path.extname(abs)) || abs.endsWith(".d.ts")) {
      this.outsideMissing.add(abs);
      return null;
    }
    try {
      const st = fs.statSync(abs);
      if (!st.isFile() || st.size > 1_000_000) throw new Error("not a small source file");
      const file: ParsedFile = { abs, rel: path.relative(this.root, abs).split(path.sep).join("/"), sf: parseSource(abs, fs.readFileSync(abs, "utf8")), outside: true };
      this.outside.set(abs, file);
      return file;
    } catch {
      this.outsideMissing.add(abs);
      return null;
    }
  }

  /** Any parsed file by absolute path, inside the scan or read for resolution. */
  get(abs: string): ParsedFile | undefined {
    return this.files.get(abs) ?? this.outside.get(abs);
  }

  /** tsconfig/jsconfig `paths` in force for a folder (nearest config upwards within the root). */
  private pathsFor(dir: string): PathsConfig | null {
    const cached = this.pathsByDir.get(dir);
    if (cached !== undefined) return cached;
    let result: PathsConfig | null = null;
    for (const name of ["tsconfig.json", "jsconfig.json"]) {
      const cfg = readPaths(path.join(dir, name), 0);
      if (cfg) {
        result = cfg;
        break;
      }
    }
    if (!result && path.dirname(dir) !== dir && !fs.existsSync(path.join(dir, ".git"))) result = this.pathsFor(path.dirname(dir));
    this.pathsByDir.set(dir, result);
    return result;
  }
}

function readPackageJson(dir: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * The file a package.json `exports` field gives for a subpath (`"."`, `"./embed"`), following
 * conditions (`source`, `types`, `import`, `default`, ...) and `"./*"` patterns.
 */
export function exportTarget(exportsField: unknown, sub: string): string | undefined {
  if (exportsField === undefined || exportsField === null) return undefined;
  if (typeof exportsField === "string") return sub === "." ? exportsField : undefined;
  if (typeof exportsField !== "object" || Array.isArray(exportsField)) return undefined;
  const map = exportsField as Record<string, unknown>;
  const keys = Object.keys(map);
  // Conditions only (`{ "import": "./dist/index.js" }`): that is the `"."` entry.
  if (keys.length && keys.every((k) => !k.startsWith("."))) return sub === "." ? pickCondition(map) : undefined;
  if (sub in map) return pickCondition(map[sub]);
  for (const k of keys) {
    const star = k.indexOf("*");
    if (star < 0) continue;
    const pre = k.slice(0, star);
    const post = k.slice(star + 1);
    if (sub.startsWith(pre) && sub.endsWith(post) && sub.length >= pre.length + post.length) {
      const t = pickCondition(map[k]);
      return t?.replace("*", sub.slice(pre.length, sub.length - post.length));
    }
  }
  return undefined;
}

function pickCondition(v: unknown, depth = 0): string | undefined {
  if (typeof v === "string") return v;
  if (!v || typeof v !== "object" || Array.isArray(v) || depth > 4) return undefined;
  const o = v as Record<string, unknown>;
  for (const c of ["source", "types", "import", "module", "default", "require", "node"]) {
    const t = c in o ? pickCondition(o[c], depth + 1) : undefined;
    if (t) return t;
  }
  return undefined;
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

function readPaths(file: string, depth: number): PathsConfig | null {
  if (depth > 4 || !fs.existsSync(file)) return null;
  const read = ts.readConfigFile(file, (p) => fs.readFileSync(p, "utf8"));
  const json = read.config as { extends?: unknown; compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined;
  if (!json) return null;
  const dir = path.dirname(file);
  const opts = json.compilerOptions ?? {};
  if (opts.paths && typeof opts.paths === "object") {
    const base = path.resolve(dir, opts.baseUrl ?? ".");
    const entries = Object.entries(opts.paths).filter((e): e is [string, string[]] => Array.isArray(e[1]));
    return { base, paths: entries };
  }
  if (typeof json.extends === "string" && json.extends.startsWith(".")) {
    const parent = path.resolve(dir, json.extends.endsWith(".json") ? json.extends : json.extends + ".json");
    const inherited = readPaths(parent, depth + 1);
    if (inherited) return inherited;
  }
  if (opts.baseUrl) return { base: path.resolve(dir, opts.baseUrl), paths: [["*", ["*"]]] };
  return svelteKitPaths(dir);
}

/**
 * SvelteKit generates the `$lib` alias into `.svelte-kit/tsconfig.json`, which is not committed:
 * a project with a `svelte.config` gets the framework's default (`$lib` → `src/lib`).
 */
function svelteKitPaths(dir: string): PathsConfig | null {
  if (!["svelte.config.js", "svelte.config.ts", "svelte.config.mjs"].some((f) => fs.existsSync(path.join(dir, f)))) return null;
  return { base: dir, paths: [["$lib", ["src/lib"]], ["$lib/*", ["src/lib/*"]]] };
}
