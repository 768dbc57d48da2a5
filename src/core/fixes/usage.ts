/** usage fixes (rules/docs/usage.md "How to fix"): not written yet. */
import { defineFix } from "./defineFix";

export default defineFix({
  check: "usage",
  build: () => [],
});
