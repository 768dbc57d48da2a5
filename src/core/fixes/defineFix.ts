/** The shape of one fix module (src/core/checks/<check>/fix.ts, beside the check it repairs). */
import type { CheckId } from "../types";
import type { FixContext } from "./context";
import type { FixStrategy, NewFile, TextEdit } from "./types";

/** A fix as a builder returns it; the registry adds the check and the site. */
export interface FixDraft {
  title: string;
  strategy: FixStrategy;
  safe: boolean;
  edits: TextEdit[];
  create?: NewFile[];
}

export interface FixDef<Id extends CheckId = CheckId> {
  check: Id;
  /**
   * Fixes for a site this check fails or warns on, best first; [] when none applies (the finding
   * stays, with its disable and docs actions). Builders return data and never throw on odd code:
   * they return [] for shapes they do not know.
   */
  build(ctx: FixContext): FixDraft[];
}

export function defineFix<const Id extends CheckId>(def: FixDef<Id>): FixDef<Id> {
  return def;
}
