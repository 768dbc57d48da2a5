// Readiness probe: the API key works and the models we use are enabled for this workspace.
import { llm } from "./clients";

const REQUIRED = ["mistral-small-latest", "mistral-large-latest", "mistral-embed"];

export async function checkMistral(): Promise<{ ok: boolean; missing: string[] }> {
  const models = await llm.models.list();
  const ids = new Set((models.data ?? []).flatMap((m) => [m.id, ...(m.aliases ?? [])]));
  const missing = REQUIRED.filter((id) => !ids.has(id));
  return { ok: missing.length === 0, missing };
}
