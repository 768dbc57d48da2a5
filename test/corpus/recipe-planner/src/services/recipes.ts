/** Suggests recipes from what is in the pantry. */
import { Type } from "@google/genai";
import { ai, FAST_MODEL } from "../ai/gemini.js";
import { Recipe, RecipeFormatError } from "../schemas.js";

const recipeJsonSchema = {
  type: Type.ARRAY,
  items: {
    type: Type.OBJECT,
    properties: {
      title: { type: Type.STRING },
      minutes: { type: Type.INTEGER },
      ingredients: { type: Type.ARRAY, items: { type: Type.STRING } },
      steps: { type: Type.ARRAY, items: { type: Type.STRING } },
    },
    required: ["title", "minutes", "ingredients", "steps"],
  },
};

export async function suggestRecipes(pantry: string[], diet?: string): Promise<Recipe[]> {
  const response = await ai.models.generateContent({
    model: FAST_MODEL,
    contents: `Suggest three recipes using mostly: ${pantry.join(", ")}.${diet ? ` The cook is ${diet}.` : ""}`,
    config: {
      responseMimeType: "application/json",
      responseSchema: recipeJsonSchema,
      temperature: 0.7,
    },
  });
  const meta = response.usageMetadata;
  console.log(`[gemini] suggest prompt=${meta?.promptTokenCount} output=${meta?.candidatesTokenCount}`);
  const parsed = Recipe.array().safeParse(JSON.parse(response.text ?? "[]"));
  if (!parsed.success) throw new RecipeFormatError(parsed.error.message);
  return parsed.data;
}
