/** eval: placeholder until the check lands (answers unknown, saying so). */
import { defineCheck } from "./defineCheck";
import { CHECK_VALUES } from "../types";

export default defineCheck({
  id: "eval",
  values: CHECK_VALUES.eval,
  evaluate() {
    return { value: "unknown", note: "not implemented yet" };
  },
});
