// Deployment check: the models this service needs are enabled in the account.
import { ListFoundationModelsCommand } from "@aws-sdk/client-bedrock";
import { bedrockControl, CLAUDE_HAIKU, CLAUDE_SONNET } from "./aws/clients";

export async function modelsEnabled(): Promise<boolean> {
  const { modelSummaries = [] } = await bedrockControl.send(
    new ListFoundationModelsCommand({ byOutputModality: "TEXT" }),
  );
  const ids = new Set(modelSummaries.map((m) => m.modelId));
  return ids.has(CLAUDE_SONNET) && ids.has(CLAUDE_HAIKU);
}
