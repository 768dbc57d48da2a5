/**
 * limits: can one caller make this call run without bound? Judged for sites a public entry reaches
 * (route handlers, server actions, webhooks, bot and queue handlers): a per-caller rate limit or
 * quota on the way, and an output cap on the request (rules/docs/limits.md, CHECKS.md).
 */
import type ts from "typescript";
import type { DetectedSite } from "../../callSites/detect";
import { CHECK_VALUES } from "../../types";
import type { CheckContext } from "../checkContext";
import { defineCheck, type CheckOutcome } from "../defineCheck";
import { CallGraph, type Entry } from "../../flow/entries";
import { limitsLibraries } from "../../flow/libraryData";
import { outputCapOf } from "../../flow/outputCap";
import { chainOf, perScan } from "../../flow/siteChain";
import { RateLimits, type Guard } from "./rateLimit";

type Outcome = CheckOutcome<(typeof CHECK_VALUES.limits)[number]>;

interface Tools {
  graph: CallGraph;
  limits: RateLimits;
}

const memo = new WeakMap<CheckContext, Tools>();

/** The call graph and the limiter recogniser of a scan (shared with the cost estimate). */
export function limitsTools(ctx: CheckContext): Tools {
  return perScan(memo, ctx, () => {
    const data = limitsLibraries();
    return { graph: new CallGraph(ctx.workspace, ctx.finder, ctx.isTestFile, data), limits: new RateLimits(ctx.workspace, ctx.finder, ctx.isTestFile, data) };
  });
}

export default defineCheck({
  id: "limits",
  values: CHECK_VALUES.limits,
  // judgeSite turns a failure into `unknown` (and lets the per-file time budget through).
  evaluate: judge,
});

function judge(site: DetectedSite, ctx: CheckContext): Outcome {
  if (ctx.isTestFile(site.file.rel)) return { value: "n/a", note: "a call in a test file" };
  const t = limitsTools(ctx);
  const entry = t.graph.entryOf(site.call);
  if (!entry) return { value: "n/a", note: "no public entry (route, server action, webhook, bot or queue handler) reaches this call" };
  const guard = guardOf(entry, site, t);
  const needsCap = chainOf(site).pop()!.kind === "chat";
  const cap = needsCap ? outputCapOf(site, ctx) : undefined;
  const from = `reached from ${entry.what} at ${ctx.locate(entry.at)}`;
  if (guard && (cap || !needsCap)) {
    const capped = cap ? ` and the answer is capped by \`${cap.key}\`` : "";
    return { value: "limited", evidence: guard.at, note: `${from}: rate limited by ${guard.what}${capped}` };
  }
  const auth = t.limits.authIn([...entry.path, entry.at]);
  const missing: string[] = [];
  if (!guard) missing.push(auth ? `no per-caller rate limit or quota (the caller is authenticated by \`${auth}\`, which alone does not stop a signed-in user from looping)` : "no per-caller rate limit or quota");
  if (needsCap && !cap) missing.push("no output cap (`max_tokens` / `maxOutputTokens`)");
  const evidence: ts.Node = guard?.at ?? cap?.value ?? entry.at;
  return { value: "unlimited", evidence, note: `${from}: ${missing.join(", and ")}` };
}

/** A limit on the way: in the entry's functions, at its registration, or for the whole app. */
function guardOf(entry: Entry, site: DetectedSite, t: Tools): Guard | null {
  for (const fn of entry.path) {
    const g = t.limits.guardIn(fn);
    if (g) return g;
  }
  if (entry.registration) {
    const g = t.limits.atRegistration(entry.registration);
    if (g) return g;
  }
  // The wrappers the call goes through may check the caller's quota too.
  for (const s of chainOf(site).slice(1)) {
    if (s.wrapper) {
      const g = t.limits.guardIn(s.wrapper);
      if (g) return g;
    }
  }
  return t.limits.global();
}
