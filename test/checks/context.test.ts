/** context: fixtures for each way a prompt is bounded, and for inputs that grow unchecked. */
import { describe } from "node:test";
import context from "../../src/core/checks/context/check";
import { runCheckCases } from "../harness/runCheckCases";

describe("context", () => {
  runCheckCases(context, {
    valid: [
      { fixture: "context/constant-prompt.ts", value: "bounded" },
      { fixture: "context/history-sliced.ts", value: "bounded", evidence: "history-sliced.ts:8" },
      { fixture: "context/length-check-rejects.ts", value: "bounded", evidence: "length-check-rejects.ts:7" },
      { fixture: "context/token-counter.ts", value: "bounded" },
      { fixture: "context/retriever-with-k.ts", value: "bounded", evidence: "retriever-with-k.ts:7" },
      { fixture: "context/wrapper-callers/", file: "features.ts", line: 4, value: "bounded" },
      { fixture: "context/image-model.ts", value: "n/a" },
    ],
    invalid: [
      { fixture: "context/file-text-unbounded.ts", value: "unbounded", evidence: "file-text-unbounded.ts:7" },
      { fixture: "context/history-pushed-in-loop.ts", value: "unbounded", evidence: "history-pushed-in-loop.ts:7" },
      { fixture: "context/request-body-route/", value: "unbounded", evidence: "app/api/ask/route.ts:5" },
      { fixture: "context/retriever-without-k.ts", value: "unbounded", evidence: "retriever-without-k.ts:7" },
      { fixture: "context/wrapper-callers/", file: "features.ts", line: 8, value: "unbounded" },
      { fixture: "context/wrapper-callers/", file: "llm.ts", value: "unbounded" },
    ],
  });
});
