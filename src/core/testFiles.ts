/** Which files are tests or evals (default globs; configurable once configuration lands). */
import picomatch from "picomatch";

/** Test and eval files by path relative to the root (vitest/jest/node:test names, evals folders). */
export const DEFAULT_TEST_GLOBS = [
  "**/*.{test,spec,eval,evals}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}",
  "**/__tests__/**",
  "**/{evals,eval}/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}",
];

export function testFileMatcher(globs: readonly string[] = DEFAULT_TEST_GLOBS): (rel: string) => boolean {
  const m = picomatch([...globs], { dot: true });
  return (rel) => m(rel);
}
