/** retry fixes (rules/docs/retry.md "How to fix"): not written yet. */
import { defineFix } from "./defineFix";

export default defineFix({
  check: "retry",
  build: () => [],
});
