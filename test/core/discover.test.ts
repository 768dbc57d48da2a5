/** discoverFiles and readSourceFile against real folders built in the temp dir at test time (no binary fixtures committed). */
import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeSource, discoverFiles, readSourceFile, type DiscoveredFile } from "../../src/core/discover";

const base = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-discover-"));
after(() => {
  // chmod 000 folders would make rmSync fail for a non-root user.
  const restore = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        fs.chmodSync(p, 0o755);
        restore(p);
      }
    }
  };
  restore(base);
  fs.rmSync(base, { recursive: true, force: true });
});

let counter = 0;
/** Creates a fresh folder holding `files` (path → text or bytes) and returns its absolute path. */
function workspace(files: Record<string, string | Uint8Array>): string {
  const root = path.join(base, `ws${++counter}`);
  fs.mkdirSync(root, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}

const rels = (found: { files: DiscoveredFile[] }): string[] => found.files.map((f) => f.rel);
const isRoot = process.getuid?.() === 0;

/** A 16 KB block of pseudo-random bytes from a fixed seed (xorshift), so runs are identical. */
function noise(length: number, withNul: boolean): Buffer {
  const out = Buffer.alloc(length);
  let x = 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = withNul ? x & 0xff : 0x80 | (x & 0x7f);
  }
  return out;
}

describe("discoverFiles", () => {
  test("finds every JS/TS extension, sorted by rel with / separators", async () => {
    const root = workspace({
      "src/z.ts": "", "src/a.tsx": "", "b.mts": "", "c.cts": "", "lib/d.js": "", "lib/e.jsx": "",
      "f.mjs": "", "g.cjs": "", "README.md": "# no", "data.json": "{}", "style.css": "",
    });
    const found = await discoverFiles(root, {});
    assert.deepEqual(rels(found), ["b.mts", "c.cts", "f.mjs", "g.cjs", "lib/d.js", "lib/e.jsx", "src/a.tsx", "src/z.ts"]);
    assert.deepEqual(found.skipped, []);
    assert.deepEqual(found.errors, []);
    const z = found.files.find((f) => f.rel === "src/z.ts")!;
    assert.equal(z.abs, path.join(root, "src", "z.ts"));
    assert.equal(z.size, 0);
  });

  test("leaves out default-excluded folders and files without listing them", async () => {
    const root = workspace({
      "src/app.ts": "export {};",
      "node_modules/openai/index.js": "", "packages/a/node_modules/x/y.js": "",
      "dist/app.js": "", "build/app.js": "", "out/app.js": "", ".next/server.js": "", ".nuxt/a.js": "",
      ".svelte-kit/a.js": "", ".turbo/a.js": "", ".vercel/a.js": "", ".output/a.js": "", "coverage/lcov.js": "",
      "vendor/lib.js": "", "vendored/lib.js": "", "third_party/lib.js": "", "bower_components/lib.js": "",
      ".git/hooks/pre-commit.js": "", "packages/a/build/b.js": "",
      ".agents/skills/ui/scripts/speech.tsx": "", ".windsurf/skills/x.ts": "", ".claude/hooks/a.ts": "", ".cursor/rules/b.js": "",
      "src/jquery.min.js": "", "src/types.d.ts": "", "src/esm.d.mts": "", "src/app.bundle.js": "",
    });
    const found = await discoverFiles(root, {});
    assert.deepEqual(rels(found), ["src/app.ts"]);
    assert.deepEqual(found.skipped, []);
  });

  test("honours root and nested .gitignore files, each relative to its folder, with negations", async () => {
    const root = workspace({
      ".gitignore": "# generated code\ngenerated/\n*.gen.ts\n!keep.gen.ts\ntmp\r\n",
      "src/a.ts": "", "src/a.gen.ts": "", "src/keep.gen.ts": "", "generated/x.ts": "", "tmp/y.ts": "",
      "pkg/.gitignore": "/top.ts\nlocal.ts\n!important.gen.ts\n",
      "pkg/top.ts": "", "pkg/sub/top.ts": "", "pkg/local.ts": "", "pkg/sub/local.ts": "",
      "pkg/important.gen.ts": "", "pkg/other.gen.ts": "",
      "other/local.ts": "", "other/top.ts": "",
      // A folder ignored by the root (`tmp`) and re-included by a deeper `!tmp`.
      "app/.gitignore": "!tmp\n", "app/tmp/z.ts": "",
      // Nothing inside an ignored folder is looked at, not even its .gitignore.
      "generated/.gitignore": "!x.ts\n",
    });
    const found = await discoverFiles(root, {});
    assert.deepEqual(rels(found), [
      "app/tmp/z.ts", "other/local.ts", "other/top.ts", "pkg/important.gen.ts", "pkg/sub/top.ts", "src/a.ts", "src/keep.gen.ts",
    ]);
    assert.deepEqual(found.skipped, []);
  });

  test("applies include and exclude globs relative to the root", async () => {
    const root = workspace({
      "packages/api/src/a.ts": "", "packages/api/src/a.test.ts": "", "packages/web/src/b.tsx": "",
      "packages/legacy/src/c.js": "", "scripts/d.mjs": "", ".config/e.ts": "",
    });
    const onlyPackages = await discoverFiles(root, { include: ["packages/**"], exclude: ["**/*.test.ts", "packages/legacy/"] });
    assert.deepEqual(rels(onlyPackages), ["packages/api/src/a.ts", "packages/web/src/b.tsx"]);
    const folderInclude = await discoverFiles(root, { include: ["./scripts", ".config/*.ts"] });
    assert.deepEqual(rels(folderInclude), [".config/e.ts", "scripts/d.mjs"]);
    const excludeGlob = await discoverFiles(root, { exclude: ["packages/*/src/*.{ts,tsx}"] });
    assert.deepEqual(rels(excludeGlob), [".config/e.ts", "packages/legacy/src/c.js", "scripts/d.mjs"]);
  });

  test("skips files over maxFileBytes from their size, and a 5 MB bundle is minified when allowed", async () => {
    const line = `!function(e){var t={};function n(r){return t[r]}n.m=e}(${"[function(e,t){e.exports=1}],".repeat(10)});`;
    const bundle = "/*! app v1 | MIT */\n" + line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
    const root = workspace({ "public/app.js": bundle, "src/small.ts": "export const x = 1;\n" });

    const byDefault = await discoverFiles(root, {});
    assert.deepEqual(rels(byDefault), ["src/small.ts"]);
    assert.equal(byDefault.skipped.length, 1);
    assert.equal(byDefault.skipped[0]!.file, "public/app.js");
    assert.equal(byDefault.skipped[0]!.reason, "too-large");
    assert.match(byDefault.skipped[0]!.detail ?? "", /1000000-byte limit/);

    const maxFileBytes = 10 * 1024 * 1024;
    const allowed = await discoverFiles(root, { maxFileBytes });
    assert.deepEqual(rels(allowed), ["public/app.js", "src/small.ts"]);
    const read = await readSourceFile(allowed.files[0]!, maxFileBytes);
    assert.ok("skipped" in read, "the bundle is not returned as text");
    assert.equal(read.skipped.reason, "minified");
    assert.equal(read.skipped.file, "public/app.js");

    // Read with a smaller limit than discovery used (the file grew): too-large, not read whole.
    const tooBig = await readSourceFile(allowed.files[0]!, 1_000_000);
    assert.ok("skipped" in tooBig);
    assert.equal(tooBig.skipped.reason, "too-large");
  });

  test("reports a symlinked folder that points to its parent as a loop and terminates", async (t) => {
    const root = workspace({ "a/x.ts": "export {};", "b.ts": "" });
    try {
      fs.symlinkSync("..", path.join(root, "a", "loop"), "dir");
      fs.symlinkSync(".", path.join(root, "self"), "dir");
    } catch (e) {
      t.skip(`cannot create symlinks here: ${String(e)}`);
      return;
    }
    const found = await discoverFiles(root, {});
    assert.deepEqual(rels(found), ["a/x.ts", "b.ts"]);
    assert.deepEqual(
      found.skipped.map((s) => [s.file, s.reason]),
      [["a/loop", "symlink-loop"], ["self", "symlink-loop"]],
    );
  });

  test("follows symlinks to unvisited files and folders, and reports duplicates once under the real path", async (t) => {
    const outside = workspace({ "shared/llm.ts": "export const model = 'x';", "one.ts": "" });
    const root = workspace({ "src/real.ts": "export {};" });
    try {
      fs.symlinkSync(path.join(outside, "shared"), path.join(root, "linked"), "dir");
      fs.symlinkSync(path.join(outside, "one.ts"), path.join(root, "one.ts"));
      fs.symlinkSync(path.join(root, "src"), path.join(root, "alias"), "dir");
      fs.symlinkSync(path.join(root, "src", "real.ts"), path.join(root, "real-link.ts"));
      fs.symlinkSync(path.join(root, "nowhere.ts"), path.join(root, "broken.ts"));
    } catch (e) {
      t.skip(`cannot create symlinks here: ${String(e)}`);
      return;
    }
    const found = await discoverFiles(root, {});
    assert.deepEqual(rels(found), ["linked/llm.ts", "one.ts", "src/real.ts"]);
    assert.deepEqual(
      found.skipped.map((s) => [s.file, s.reason]),
      [["alias", "symlink-loop"], ["broken.ts", "unreadable"], ["real-link.ts", "excluded"]],
    );
  });

  test("reports an unreadable folder and goes on", async (t) => {
    if (isRoot) {
      t.skip("running as root: chmod 000 does not stop root from reading, so EACCES cannot happen");
      return;
    }
    const root = workspace({ "locked/a.ts": "", "open/b.ts": "" });
    fs.chmodSync(path.join(root, "locked"), 0o000);
    const found = await discoverFiles(root, {});
    assert.deepEqual(rels(found), ["open/b.ts"]);
    assert.deepEqual(found.skipped.map((s) => [s.file, s.reason]), [["locked", "unreadable"]]);
  });

  test("returns nothing for an empty folder", async () => {
    const root = workspace({});
    assert.deepEqual(await discoverFiles(root, {}), { files: [], skipped: [], errors: [] });
  });

  test("accepts a single file as the root", async () => {
    const root = workspace({ "node_modules/pkg/index.ts": "export {};", "notes.txt": "" });
    const file = path.join(root, "node_modules", "pkg", "index.ts");
    const found = await discoverFiles(file, {});
    assert.deepEqual(found.files, [{ abs: file, rel: "index.ts", size: 10 }]);
    const notSource = await discoverFiles(path.join(root, "notes.txt"), {});
    assert.deepEqual(notSource.files, []);
    assert.equal(notSource.skipped[0]?.reason, "excluded");
  });

  test("throws a clear one-line error for a missing root", async () => {
    const missing = path.join(base, "does-not-exist");
    await assert.rejects(discoverFiles(missing, {}), (e: unknown) => {
      assert.ok(e instanceof Error);
      assert.equal(e.message, `Path does not exist: ${missing}`);
      return true;
    });
  });

  test("stops with an AbortError when the signal is aborted", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`d${i}/f.ts`] = "";
    const root = workspace(files);
    const before = new AbortController();
    before.abort();
    await assert.rejects(discoverFiles(root, {}, before.signal), { name: "AbortError" });

    const during = new AbortController();
    const walk = discoverFiles(root, {}, during.signal);
    during.abort();
    await assert.rejects(walk, { name: "AbortError" });
  });
});

describe("readSourceFile", () => {
  const fileIn = (root: string, rel: string): DiscoveredFile => {
    const abs = path.join(root, rel);
    return { abs, rel, size: fs.statSync(abs).size };
  };

  test("strips a UTF-8 BOM and keeps CRLF line endings", async () => {
    const source = "import OpenAI from \"openai\";\r\nconst client = new OpenAI();\r\n";
    const root = workspace({ "bom.ts": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source)]) });
    assert.deepEqual(await readSourceFile(fileIn(root, "bom.ts")), { text: source });
  });

  test("classifies a file with NUL bytes named .js as binary", async () => {
    const root = workspace({ "logo.js": noise(16 * 1024, true) });
    const read = await readSourceFile(fileIn(root, "logo.js"));
    assert.ok("skipped" in read);
    assert.deepEqual([read.skipped.file, read.skipped.reason], ["logo.js", "binary"]);
  });

  test("classifies mostly invalid UTF-8 as binary, but reads text with a stray Latin-1 byte", async () => {
    const latin1 = Buffer.concat([Buffer.from("// r"), Buffer.from([0xe9]), Buffer.from("sum\u00e9 ok\nexport const a = 1;\n")]);
    const root = workspace({ "garbage.ts": noise(4096, false), "latin1.ts": latin1, "utf16.ts": Buffer.from([0xff, 0xfe, 0x61, 0x00]) });
    const garbage = await readSourceFile(fileIn(root, "garbage.ts"));
    assert.ok("skipped" in garbage);
    assert.equal(garbage.skipped.reason, "binary");
    assert.match(garbage.skipped.detail ?? "", /invalid UTF-8/);

    const text = await readSourceFile(fileIn(root, "latin1.ts"));
    assert.deepEqual(text, { text: "// r\uFFFDsum\u00e9 ok\nexport const a = 1;\n" });

    const utf16 = await readSourceFile(fileIn(root, "utf16.ts"));
    assert.ok("skipped" in utf16);
    assert.equal(utf16.skipped.reason, "binary");
  });

  test("tells minified files from hand-written files with one long line", () => {
    const longLine = `export const logo = "data:image/png;base64,${"A".repeat(8000)}";\n`;
    const code = "export function f(x: number): number {\n  return x * 2;\n}\n".repeat(10);
    assert.ok("text" in decodeSource("a.ts", Buffer.from(code + longLine + code)), "30+ ordinary lines keep the file");
    const small = decodeSource("b.js", Buffer.from(`/* licence */\n${"var a=1;".repeat(700)}\n`));
    assert.ok("skipped" in small && small.skipped.reason === "minified", "a 5600-char line in a 3-line file");
    const wide = decodeSource("c.js", Buffer.from(`${"x".repeat(600)}\n`.repeat(40)));
    assert.ok("skipped" in wide && wide.skipped.reason === "minified", "24 KB averaging 600 characters a line");
    const ordinary = decodeSource("d.ts", Buffer.from(`${"y".repeat(400)}\n`.repeat(100)));
    assert.ok("text" in ordinary, "40 KB averaging 400 characters a line is read");
    assert.deepEqual(decodeSource("e.ts", Buffer.alloc(0)), { text: "" });
  });

  test("reports an unreadable file as skipped and not as text", async (t) => {
    if (isRoot) {
      t.skip("running as root: chmod 000 does not stop root from reading, so EACCES cannot happen");
      return;
    }
    const root = workspace({ "secret.ts": "export const key = 1;" });
    fs.chmodSync(path.join(root, "secret.ts"), 0o000);
    const found = await discoverFiles(root, {});
    assert.deepEqual(rels(found), ["secret.ts"], "stat needs no read permission, so discovery lists it");
    const read = await readSourceFile(found.files[0]!);
    assert.ok("skipped" in read);
    assert.deepEqual([read.skipped.file, read.skipped.reason], ["secret.ts", "unreadable"]);
  });

  test("returns an error for a file that vanished since discovery", async () => {
    const read = await readSourceFile({ abs: path.join(base, "gone.ts"), rel: "gone.ts", size: 1 });
    assert.ok("error" in read);
    assert.equal(read.error.file, "gone.ts");
    assert.match(read.error.message, /ENOENT/);
  });
});
