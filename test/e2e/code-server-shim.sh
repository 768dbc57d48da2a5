#!/usr/bin/env bash
# A stand-in for a VS Code executable: @vscode/test-electron's runTests({ vscodeExecutablePath }) and
# @vscode/test-cli's useInstallation.fromPath call it with --extensionDevelopmentPath=, --extensionTestsPath=
# and the workspace; it hands them to the code-server runner (test/e2e/runCodeServer.ts, built by
# `node esbuild.mjs --e2e`). LLMR_E2E_RUNNER overrides where the built runner is.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runner="${LLMR_E2E_RUNNER:-$here/../../out/e2e/runCodeServer.js}"
exec node "$runner" "$@"
