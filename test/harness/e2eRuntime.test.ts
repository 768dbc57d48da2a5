/** The e2e runtime's inner npm installs must not inherit the outer `npm run`'s configuration (issue: first run on a fresh machine). */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { installEnv } from "../e2e/runtime";

const outer: NodeJS.ProcessEnv = {
  PATH: "/usr/bin",
  HOME: "/root",
  npm_config_user_agent: "npm/11.19.1 node/v20.20.2 linux x64 workspaces/false",
  npm_config_nodedir: "/usr/include/node",
  NPM_CONFIG_CACHE: "outer-npm-cache",
  npm_lifecycle_event: "test:e2e",
  npm_package_name: "llm-readiness",
  npm_execpath: "/usr/lib/node_modules/npm/bin/npm-cli.js",
};

test("installEnv drops every npm_config_* and npm_* variable of the outer npm, whatever its case", () => {
  const env = installEnv(outer);
  assert.deepEqual(Object.keys(env).sort(), ["HOME", "PATH"]);
});

test("installEnv keeps the rest and applies the extras last", () => {
  const env = installEnv(outer, { PATH: "/cache/node24/bin:/usr/bin", npm_config_nodedir: "/cache/node24" });
  assert.equal(env.PATH, "/cache/node24/bin:/usr/bin");
  assert.equal(env.npm_config_nodedir, "/cache/node24");
  assert.equal(env.HOME, "/root");
  assert.equal(env.npm_config_user_agent, undefined);
});

test("an inner npm run with installEnv computes its own user agent instead of the inherited one", () => {
  const base = { ...process.env, npm_config_user_agent: "npm/0.0.0 node/v1.0.0 inherited" };
  const inherited = spawnSync("npm", ["config", "get", "user-agent"], { env: base, encoding: "utf8" });
  assert.equal(inherited.status, 0, inherited.stderr);
  assert.match(inherited.stdout, /inherited/, "npm takes npm_config_* from the environment as configuration");
  const clean = spawnSync("npm", ["config", "get", "user-agent"], { env: installEnv(base), encoding: "utf8" });
  assert.equal(clean.status, 0, clean.stderr);
  assert.doesNotMatch(clean.stdout, /inherited/);
  // npm's own default: a template it fills with the Node it runs on (Node 24 for code-server's install).
  assert.match(clean.stdout, /node\/\{node-version\}/);
});
