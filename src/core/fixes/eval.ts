/** eval fixes (rules/docs/eval.md "How to fix"): not written yet. */
import { defineFix } from "./defineFix";

export default defineFix({
  check: "eval",
  build: () => [],
});
