/** fallback fixes (rules/docs/fallback.md "How to fix"): not written yet. */
import { defineFix } from "./defineFix";

export default defineFix({
  check: "fallback",
  build: () => [],
});
