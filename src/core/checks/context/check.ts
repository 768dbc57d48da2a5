/**
 * context: is what goes into the prompt bounded? Every input that can grow (message history,
 * retrieved chunks, document or file text, user text, tool results) must be cut, trimmed, checked or
 * counted before the request; a prompt of constants is bounded (rules/docs/context.md, CHECKS.md).
 */
import type { DetectedSite } from "../../callSites/detect";
import { CHECK_VALUES } from "../../types";
import type { CheckContext } from "../checkContext";
import { defineCheck, type CheckOutcome } from "../defineCheck";
import { contextLibraries } from "../../flow/libraryData";
import { chainOf, perScan } from "../../flow/siteChain";
import { enclosingFunction } from "../../flow/entries";
import { limitsTools } from "../limits/check";
import { PromptInputs, type Leaf } from "./promptInputs";

type Outcome = CheckOutcome<(typeof CHECK_VALUES.context)[number]>;

const memo = new WeakMap<CheckContext, PromptInputs>();

/** The prompt tracer of a scan (shared with the cost estimate). */
export function promptInputs(ctx: CheckContext): PromptInputs {
  return perScan(memo, ctx, () => new PromptInputs(ctx, limitsTools(ctx).graph, contextLibraries()));
}

export default defineCheck({
  id: "context",
  values: CHECK_VALUES.context,
  // judgeSite turns a failure into `unknown` (and lets the per-file time budget through).
  evaluate: judge,
});

function judge(site: DetectedSite, ctx: CheckContext): Outcome {
  const inner = chainOf(site).pop()!;
  if (site.kind === "other-model" || inner.kind === "other-model") return { value: "n/a", note: "an image, audio or moderation model" };
  const p = promptInputs(ctx);
  // In source order (file, then position): callers are found in whatever order the workspace holds its files,
  // which differs between a fresh scan and an edited session; the evidence and note must not.
  const leaves = [...p.leavesOf(site)].sort(bySource);
  // A token counter where the request is built bounds every input that passes there.
  const fn = enclosingFunction(inner.call);
  const counter = fn ? p.counterIn(fn) : undefined;
  const growing = leaves.filter((l) => l.kind === "growing");
  if (growing.length && counter) return { value: "bounded", evidence: counter, note: `${describe(growing)} ${growing.length === 1 ? "is" : "are"} counted in tokens before the request` };
  if (growing.length) {
    const first = growing[0]!;
    return { value: "unbounded", evidence: first.at, note: `${describe(growing)} ${growing.length === 1 ? "reaches" : "reach"} the prompt with nothing that cuts, checks or counts ${growing.length === 1 ? "it" : "them"} (from ${ctx.locate(first.at)})` };
  }
  const unknown = leaves.filter((l) => l.kind === "unknown");
  if (unknown.length) return { value: "unknown", evidence: unknown[0]!.at, note: `cannot tell how large ${describe(unknown)} can be` };
  const bounded = leaves.filter((l) => l.kind === "bounded");
  if (bounded.length) return { value: "bounded", evidence: bounded[0]!.at, note: `${describe(bounded)} ${bounded.length === 1 ? "is" : "are"} cut or checked before the request (${ctx.locate(bounded[0]!.at)})` };
  return { value: "bounded", note: "the prompt is made of constants" };
}

function bySource(a: Leaf, b: Leaf): number {
  const fa = a.at.getSourceFile().fileName;
  const fb = b.at.getSourceFile().fileName;
  return fa < fb ? -1 : fa > fb ? 1 : a.at.pos - b.at.pos;
}

/** "`messages` (appended to with `push`) and file text" — the first two, then how many more. */
function describe(leaves: readonly Leaf[]): string {
  const names = [...new Set(leaves.map((l) => l.what))];
  const head = names.slice(0, 2).join(" and ");
  return names.length > 2 ? `${head} and ${names.length - 2} more input${names.length === 3 ? "" : "s"}` : head;
}
