/** retry: placeholder until the check lands (answers unknown, saying so). */
import { defineCheck } from "./defineCheck";
import { CHECK_VALUES } from "../types";

export default defineCheck({
  id: "retry",
  values: CHECK_VALUES.retry,
  evaluate() {
    return { value: "unknown", note: "not implemented yet" };
  },
});
