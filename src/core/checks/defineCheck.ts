/** The shape of one check module (one per file, named by its id; rules/docs/<id>.md documents it). */
import type ts from "typescript";
import type { DetectedSite } from "../callSites/detect";
import type { CheckId } from "../types";
import type { CheckContext } from "./checkContext";

/** What a check says of one site. A check returns data: it never formats, logs or throws. */
export interface CheckOutcome<V extends string = string> {
  value: V;
  /** The node that decided the value (timeout option, retry wrapper, catch clause, eval file...). */
  evidence?: ts.Node | string;
  /** Why, when not obvious; always set for `unknown`. */
  note?: string;
}

export interface CheckDef<Id extends CheckId = CheckId, V extends string = string> {
  id: Id;
  /** Best first, exactly as in ../shared/CHECKS.md (a meta-test compares them). */
  values: readonly V[];
  evaluate(site: DetectedSite, ctx: CheckContext): CheckOutcome<V>;
}

/** Identity with a `const` type parameter, so `value` is typed from `values` (typescript-eslint's createRule role). */
export function defineCheck<const Id extends CheckId, const V extends string>(def: CheckDef<Id, V>): CheckDef<Id, V> {
  return def;
}
