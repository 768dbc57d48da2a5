/** Streams detailed cooking instructions for one recipe. */
import { ai } from "../ai/gemini.js";
import type { Recipe } from "../schemas.js";

export async function* streamSteps(recipe: Recipe, signal?: AbortSignal): AsyncGenerator<string> {
  const stream = await ai.models.generateContentStream({
    model: "gemini-2.5-pro",
    contents: [
      {
        role: "user",
        parts: [{ text: `Explain how to cook "${recipe.title}" step by step for a beginner.\n${recipe.steps.join("\n")}` }],
      },
    ],
    config: { abortSignal: signal },
  });
  for await (const chunk of stream) {
    if (chunk.text) yield chunk.text;
  }
}
