/**
 * `npm run fix:real -- <dir>...`: every safe quick-fix applied to a copy of each workspace, each touched
 * package type-checked with its own tsconfig before and after (see ./fixReal.ts). Exits 1 on a new error.
 */
import path from "node:path";
import { fixReal } from "./fixReal";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  // --sdks: install each touched package's declared SDKs (npm, scripts off) for the type-checks, where node_modules are absent.
  const withSdks = args.includes("--sdks");
  const dirs = args.filter((a) => a !== "--sdks");
  if (!dirs.length) {
    process.stderr.write("usage: npm run fix:real -- [--sdks] <workspace dir>...\n");
    return 2;
  }
  let packages = 0;
  let fixes = 0;
  let newErrors = 0;
  let unsafe = 0;
  for (const d of dirs) {
    const r = await fixReal(path.resolve(d), undefined, (l) => process.stderr.write(`${l}\n`), withSdks);
    for (const p of r.packages) {
      packages++;
      newErrors += p.added.length;
      process.stdout.write(`${r.name}/${p.dir}: tsconfig=${p.tsconfig ?? "(none)"}${p.sdks ? " sdk-types=installed" : ""} fixes=${p.fixes} files=${p.files} errors_before=${p.before} errors_after=${p.after} new_errors=${p.added.length}\n`);
      for (const a of p.added) process.stdout.write(`  NEW ${a}\n`);
    }
    fixes += r.fixes;
    unsafe += r.unsafeOffered;
    process.stdout.write(`${r.name}: fixes=${r.fixes} undone=${r.failed} unsafe_offered=${r.unsafeOffered}\n`);
  }
  process.stdout.write(`fix-real: repos=${dirs.length} packages=${packages} fixes=${fixes} new_errors=${newErrors} unsafe_offered=${unsafe}\n`);
  return newErrors ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`fix-real: ${(e as Error).stack ?? e}\n`);
    process.exit(2);
  },
);
