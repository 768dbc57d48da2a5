/** Paths from the webview are opened only inside their workspace folder (src/panel/insideFolder.ts). */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { insideFolder, insideFolderOnDisk } from "../../src/panel/insideFolder";

describe("insideFolder", () => {
  const root = "/projects/app";
  it("resolves report paths inside the folder", () => {
    assert.equal(insideFolder(root, "src/lib/llm.ts", path.posix), "/projects/app/src/lib/llm.ts");
    assert.equal(insideFolder(root, "a.ts", path.posix), "/projects/app/a.ts");
    assert.equal(insideFolder("/projects/app/", "src/./x.ts", path.posix), "/projects/app/src/x.ts");
    assert.equal(insideFolder(root, "src/../b.ts", path.posix), "/projects/app/b.ts", "a .. that stays inside is fine");
    assert.equal(insideFolder(root, "..foo/x.ts", path.posix), "/projects/app/..foo/x.ts", "a name starting with two dots is not a parent");
  });

  it("refuses paths that leave the folder, absolute paths, the folder itself, empty and NUL", () => {
    for (const rel of ["../secret.ts", "src/../../etc/passwd", "..", "/etc/passwd", "", ".", "src/..", "a\0b.ts", "C:/Windows/x.ts", "\\\\server\\share\\x.ts"]) {
      assert.equal(insideFolder(root, rel, path.posix), undefined, JSON.stringify(rel));
    }
    assert.equal(insideFolder(root, "../app2/x.ts", path.posix), undefined, "a sibling whose name starts like the folder's");
  });

  it("on Windows too: backslashes, drives and UNC paths", () => {
    const win = "C:\\work\\app";
    assert.equal(insideFolder(win, "src/lib/llm.ts", path.win32), "C:\\work\\app\\src\\lib\\llm.ts");
    for (const rel of ["..\\x.ts", "src\\..\\..\\x.ts", "D:/x.ts", "c:\\x.ts", "\\\\srv\\share\\x.ts", "/x.ts"]) {
      assert.equal(insideFolder(win, rel, path.win32), undefined, JSON.stringify(rel));
    }
  });
});

describe("insideFolder: URIs, and symlinks on disk", () => {
  it("refuses URIs of any scheme (file:, vscode-resource:), keeping single-letter drives refused too", () => {
    for (const rel of ["file:///etc/passwd", "file:src/a.ts", "vscode-resource:/etc/passwd", "vscode-webview-resource://x/file///etc/passwd", "https://example.com/a.ts", "data:text/plain,x"]) {
      assert.equal(insideFolder("/projects/app", rel, path.posix), undefined, rel);
    }
    assert.equal(insideFolder("/projects/app", "src/a:b.ts", path.posix), "/projects/app/src/a:b.ts", "a colon after a slash is part of a name");
  });

  it("on disk, refuses a path through a symlink that leads out of the folder, and paths to no file", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-inside-"));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "llmr-outside-"));
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "src/a.ts"), "export {};\n");
    fs.writeFileSync(path.join(outside, "secret.ts"), "export {};\n");
    fs.symlinkSync(outside, path.join(root, "link"), "dir");
    fs.symlinkSync(path.join(outside, "secret.ts"), path.join(root, "evil.ts"));
    fs.symlinkSync(path.join(root, "src/a.ts"), path.join(root, "alias.ts"));
    assert.equal(insideFolderOnDisk(root, "src/a.ts"), path.join(root, "src/a.ts"));
    assert.equal(insideFolderOnDisk(root, "alias.ts"), path.join(root, "alias.ts"), "a link that stays inside is fine");
    for (const rel of ["link/secret.ts", "evil.ts", "src/missing.ts", "src", "../x.ts", "file:///etc/passwd"]) assert.equal(insideFolderOnDisk(root, rel), undefined, rel);
  });
});
