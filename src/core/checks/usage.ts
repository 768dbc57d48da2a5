/** usage: placeholder until the check lands (answers unknown, saying so). */
import { defineCheck } from "./defineCheck";
import { CHECK_VALUES } from "../types";

export default defineCheck({
  id: "usage",
  values: CHECK_VALUES.usage,
  evaluate() {
    return { value: "unknown", note: "not implemented yet" };
  },
});
