/** timeout: placeholder until the check lands (answers unknown, saying so). */
import { defineCheck } from "./defineCheck";
import { CHECK_VALUES } from "../types";

export default defineCheck({
  id: "timeout",
  values: CHECK_VALUES.timeout,
  evaluate() {
    return { value: "unknown", note: "not implemented yet" };
  },
});
