import { defaultModel, models } from "./registry";

/** Completes with the model the caller names, or the default one: a wrapper. */
export async function completeWith(prompt: string, modelId?: string): Promise<string> {
  const model = modelId ? (models.find((m) => m.id === modelId) ?? defaultModel) : defaultModel;
  const complete = await model.getCompleter();
  return complete(prompt);
}

/** Lists model ids: no request. */
export function modelIds(): string[] {
  return models.map((m) => m.id);
}
