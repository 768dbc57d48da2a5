/**
 * Deadlines around a call (rules/docs/timeout.md): `Promise.race` with a timer, a timeout library
 * (p-timeout, cockatiel `timeout`, opossum with `timeout`), or a workspace helper that enforces a
 * deadline on what it is given, found by walking up from the call (support/callContext.ts).
 */
import ts from "typescript";
import type { HelperLibrary } from "../../catalog/schema";
import type { SiteFinder } from "../../callSites/detect";
import { walkContext, type ContextStep, type Found } from "../../flow/callContext";
import { HelperLibraries } from "../../flow/helperLibraries";
import { unwrap } from "../../flow/optionPaths";
import type { Timers } from "./timers";

export class TimeoutContext {
  private readonly libs: HelperLibraries;

  constructor(
    finder: SiteFinder,
    libraries: readonly HelperLibrary[],
    private readonly timers: Timers,
    private readonly named: readonly string[],
  ) {
    this.libs = new HelperLibraries(finder, libraries);
  }

  /** A deadline around `call` in its function, the callbacks it is in, or the private functions that run it. */
  around(call: ts.Node): Found | undefined {
    return walkContext(call, (s) => this.visit(s), undefined);
  }

  private visit({ node, child, origin }: ContextStep): Found | undefined {
    if (!(ts.isCallExpression(node) || ts.isNewExpression(node))) return undefined;
    const args = node.arguments ?? ts.factory.createNodeArray();
    if (!args.some((a) => a === child)) return undefined;
    const text = node.expression.getText();
    if (/(^|\.)Promise\.race$/.test(text)) {
      const elements = this.timers.arrayOf(child as ts.Expression) ?? [];
      for (const el of elements) {
        if (el.pos <= origin.pos && origin.end <= el.end) continue;
        const t = this.timers.timerPromise(el);
        if (t) return { at: node, what: "`Promise.race` with a timer" };
      }
      return undefined;
    }
    const lib = this.libs.callOf(node);
    if (lib) return { at: node, what: lib.name };
    const callee = unwrap(node.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (name && this.named.includes(name)) return { at: node, what: `${name} (configured timeout wrapper)` };
    const fn = ts.isCallExpression(node) ? this.timers.functionOf(node.expression) : undefined;
    if (fn && this.timers.deadline(fn)) return { at: node, what: `${name ?? "a helper"} (enforces a deadline)` };
    return undefined;
  }
}
