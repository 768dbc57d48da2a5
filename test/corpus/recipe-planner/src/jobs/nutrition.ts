/** Batch job: rough nutrition facts for every saved recipe. Slow is fine here; flaky is not. */
import { GoogleGenAI } from "@google/genai";
import { readFile, writeFile } from "node:fs/promises";
import type { Recipe } from "../schemas.js";

const batchAi = new GoogleGenAI({
  apiKey: process.env.GEMINI_API_KEY,
  httpOptions: { retryOptions: { attempts: 5 } },
});

interface Nutrition {
  kcal: number;
  proteinG: number;
  carbsG: number;
  fatG: number;
}

export async function estimateNutrition(recipe: Recipe): Promise<Nutrition | null> {
  const res = await batchAi.models.generateContent({
    model: "gemini-2.5-flash-lite",
    contents: `Estimate nutrition per serving as JSON {kcal, proteinG, carbsG, fatG} for:\n${recipe.ingredients.join("\n")}`,
    config: { responseMimeType: "application/json" },
  });
  try {
    const data = JSON.parse(res.text ?? "");
    return typeof data.kcal === "number" ? (data as Nutrition) : null;
  } catch {
    return null;
  }
}

async function main() {
  const recipes: Recipe[] = JSON.parse(await readFile("data/recipes.json", "utf8"));
  const out: Record<string, Nutrition | null> = {};
  for (const recipe of recipes) {
    out[recipe.title] = await estimateNutrition(recipe);
  }
  await writeFile("data/nutrition.json", JSON.stringify(out, null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
