/**
 * The one place the bundles load `typescript` (esbuild.mjs routes every `import ts from "typescript"`
 * here). A default import per module makes esbuild wrap the CommonJS export in `__toESM`, which
 * copies TypeScript's whole export object: 60 modules did that on each start (70–90 ms, 9 MB).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ts = require("typescript") as typeof import("typescript");
export default ts;
