/** limits quick-fix: the output cap from rules/providers `fixes.limits`, type-checked with the real SDK typings and re-scanned. */
import { runFixCases } from "../harness/runFixCases";

runFixCases("limits", [
  { fixture: "limits/credit-checked-route", file: "app/api/title/route.ts", after: "limited", strategy: "native", safe: false },
  { fixture: "limits/credit-checked-ai-sdk", file: "app/api/summary/route.ts", after: "limited", strategy: "native", safe: false },
]);
