/** Which files the extension hands to the analysis, and which languages it serves (pure: unit-tested against the core's lists). */

/** The core's SOURCE_EXTENSIONS as a test on a path; edits to other files are not sent to the worker. */
export const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
/** The same extensions, for file watchers. */
export const SOURCE_GLOB = "**/*.{ts,tsx,js,jsx,mts,cts,mjs,cjs}";
/** Folders the scan skips anyway: their files are not worth a message to the worker. */
export const SKIPPED_DIR = /[\\/](?:node_modules|\.git)[\\/]/;
/** The core's CONFIG_FILE (src/core/config.ts loads TypeScript, which the host bundle must not). */
export const CONFIG_FILE = ".llm-readiness.json";
/** Languages whose documents get hovers and CodeLens (package.json `activationEvents` names the same). */
export const LANGUAGES = ["typescript", "javascript", "typescriptreact", "javascriptreact"] as const;
