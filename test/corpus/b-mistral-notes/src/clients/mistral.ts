// The one Mistral client for request/response work: 20 s budget, backoff on 429/5xx.
import { Mistral } from "@mistralai/mistralai";

export const mistral = new Mistral({
  apiKey: process.env.MISTRAL_API_KEY ?? "",
  timeoutMs: 20_000,
  retryConfig: {
    strategy: "backoff",
    backoff: { initialInterval: 500, maxInterval: 8_000, exponent: 2, maxElapsedTime: 30_000 },
    retryConnectionErrors: true,
  },
});
