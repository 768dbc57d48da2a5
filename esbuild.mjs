/** Builds the CLI and the extension (and, with --tests, the test bundles under out/). */
import * as esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";

const args = new Set(process.argv.slice(2));
/** Test bundles go to out/ (or LLMR_OUT, so parallel work does not clobber one folder). */
const outDir = process.env.LLMR_OUT ?? "out";
const production = args.has("--production");
const root = path.dirname(new URL(import.meta.url).pathname);

/** `import files from "rules:all"`: the rules/ tree as text, so the loader can report line numbers. */
const rulesPlugin = {
  name: "rules-all",
  setup(build) {
    build.onResolve({ filter: /^rules:all$/ }, () => ({ path: "rules:all", namespace: "rules" }));
    build.onLoad({ filter: /.*/, namespace: "rules" }, () => {
      const dir = path.join(root, "rules");
      const files = {};
      const watchFiles = [];
      const walk = (d) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if (e.isDirectory()) walk(p);
          else if (e.name.endsWith(".json") || e.name.endsWith(".md")) {
            files[path.relative(dir, p).split(path.sep).join("/")] = fs.readFileSync(p, "utf8");
            watchFiles.push(p);
          }
        }
      };
      walk(dir);
      return { contents: `module.exports = ${JSON.stringify(files)};`, loader: "js", watchFiles };
    });
  },
};

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: production ? false : "linked",
  minify: production,
  logLevel: "warning",
  plugins: [rulesPlugin],
};

const builds = [
  // The CLI has no `vscode` external: a stray import of vscode in the core breaks this build.
  esbuild.build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } }),
];
if (fs.existsSync("src/extension/extension.ts")) {
  // The host bundle must not carry TypeScript (activation stays cheap): the analysis runs in dist/worker.js.
  builds.push(esbuild.build({ ...common, entryPoints: ["src/extension/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] }));
  // The worker has no `vscode` external: it runs in a worker thread, where vscode does not exist.
  builds.push(esbuild.build({ ...common, entryPoints: ["src/extension/worker.ts"], outfile: "dist/worker.js" }));
}
if (fs.existsSync("src/webview/panel.ts")) {
  // The readiness panel's webview (a browser): dist/webview/panel.js and panel.css, with the codicon font beside them.
  builds.push(
    esbuild.build({
      bundle: true,
      platform: "browser",
      target: "es2022",
      format: "iife",
      entryPoints: ["src/webview/panel.ts"],
      outdir: "dist/webview",
      loader: { ".ttf": "file" },
      assetNames: "[name]",
      sourcemap: production ? false : "linked",
      minify: production,
      logLevel: "warning",
    }),
  );
}
/** Bundles under an out folder outside the clone keep finding the project's node_modules. */
const linkNodeModules = (dir) => {
  const abs = path.resolve(dir);
  if (abs.startsWith(root + path.sep) || fs.existsSync(path.join(abs, "node_modules"))) return;
  fs.mkdirSync(abs, { recursive: true });
  fs.symlinkSync(path.join(root, "node_modules"), path.join(abs, "node_modules"), "dir");
};
if (args.has("--tests")) {
  const entries = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!["corpus", "fixtures", "workspaces", "integration", "e2e"].includes(e.name)) walk(p);
      } else if (/\.test\.ts$|^run[A-Z]\w*\.ts$/.test(e.name)) entries.push(p);
    }
  };
  walk("test");
  fs.rmSync(outDir, { recursive: true, force: true });
  // Test bundles keep packages external: an out folder elsewhere still finds the project's node_modules.
  linkNodeModules(outDir);
  // Each test file is its own bundle: packages stay external, our sources and rules/ go in.
  builds.push(esbuild.build({ ...common, entryPoints: entries, outdir: `${outDir}/spec`, outbase: "test", packages: "external", sourcemap: "inline" }));
}
if (args.has("--e2e")) {
  // test/e2e: the harness (runs on this Node) and the mocha suites (run inside VS Code's extension host).
  const e2eOut = `${outDir}/e2e`;
  fs.rmSync(e2eOut, { recursive: true, force: true });
  linkNodeModules(outDir);
  const harness = fs.readdirSync("test/e2e").filter((f) => /^run[A-Z]\w*\.ts$/.test(f)).map((f) => `test/e2e/${f}`);
  const suites = fs.readdirSync("test/e2e/suite").filter((f) => f.endsWith(".ts")).map((f) => `test/e2e/suite/${f}`);
  builds.push(esbuild.build({ ...common, entryPoints: harness, outdir: e2eOut, packages: "external", sourcemap: "inline" }));
  builds.push(esbuild.build({ ...common, entryPoints: suites, outdir: `${e2eOut}/suite`, packages: "external", sourcemap: "inline" }));
}
await Promise.all(builds);
fs.chmodSync("dist/cli.js", 0o755);
