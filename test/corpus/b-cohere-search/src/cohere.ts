// Shared Cohere v2 client. 30 s per request; the SDK's own retries stay on.
import { CohereClientV2 } from "cohere-ai";

export const cohere = new CohereClientV2({
  token: process.env.CO_API_KEY,
  timeoutInSeconds: 30,
});
