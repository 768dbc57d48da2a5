/** limits: public entries by framework convention, rate limits and output caps, and calls no entry reaches. */
import { describe } from "node:test";
import limits from "../../src/core/checks/limits/check";
import { runCheckCases } from "../harness/runCheckCases";

describe("limits", () => {
  runCheckCases(limits, {
    valid: [
      { fixture: "limits/next-route-limited/", file: "lib/answer.ts", value: "limited", evidence: "app/api/chat/route.ts:9" },
      { fixture: "limits/next-route-limited/", file: "app/api/chat/route.ts", value: "limited", evidence: "app/api/chat/route.ts:9" },
      { fixture: "limits/express-limited/", file: "summarise.ts", value: "limited", evidence: "server.ts:9" },
      { fixture: "limits/express-limited/", file: "server.ts", value: "limited", evidence: "server.ts:9" },
      { fixture: "limits/server-action/", value: "limited", evidence: "actions.ts:8" },
      { fixture: "limits/script-only/", value: "n/a" },
    ],
    invalid: [
      { fixture: "limits/next-route-unlimited/", value: "unlimited" },
      { fixture: "limits/express-unlimited-auth/", file: "reply.ts", value: "unlimited" },
      { fixture: "limits/express-unlimited-auth/", file: "server.ts", value: "unlimited" },
      { fixture: "limits/trpc-procedure/", value: "unlimited" },
      { fixture: "limits/slack-bot/", value: "unlimited" },
    ],
  });
});
