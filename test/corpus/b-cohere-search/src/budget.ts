// Keeps questions under the model's context budget.
import { cohere } from "./cohere";

export async function fitsBudget(text: string, maxTokens = 2_000): Promise<boolean> {
  const { tokens } = await cohere.tokenize({ text, model: "command-r-08-2024" });
  return tokens.length <= maxTokens;
}
