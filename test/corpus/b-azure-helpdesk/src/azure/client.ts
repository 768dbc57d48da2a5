// Azure OpenAI (classic @azure/openai OpenAIClient). Deployment names are per environment.
import { AzureKeyCredential, OpenAIClient } from "@azure/openai";

export const aoai = new OpenAIClient(
  process.env.AZURE_OPENAI_ENDPOINT ?? "https://contoso-helpdesk.openai.azure.com/",
  new AzureKeyCredential(process.env.AZURE_OPENAI_KEY ?? ""),
  { retryOptions: { maxRetries: 4, retryDelayInMs: 1_000 } },
);

export const DEPLOYMENTS = {
  chat: "gpt-4o-helpdesk",
  mini: "gpt-4o-mini-classifier",
  embed: "text-embedding-3-large",
  image: "dall-e-3",
  whisper: "whisper",
} as const;
