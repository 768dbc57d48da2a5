/** validation fixes (rules/docs/validation.md "How to fix"): not written yet. */
import { defineFix } from "./defineFix";

export default defineFix({
  check: "validation",
  build: () => [],
});
