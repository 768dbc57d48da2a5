import { runFixCases } from "../harness/runFixCases";

runFixCases("timeout", [{ fixture: "timeout/openai-no-options.ts", after: "explicit", strategy: "native", safe: true }]);
