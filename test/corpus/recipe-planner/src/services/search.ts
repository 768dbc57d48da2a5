/** Semantic search over saved recipes (vectors kept in memory; the catalogue is small). */
import { ai } from "../ai/gemini.js";
import type { Recipe } from "../schemas.js";

const index: { recipe: Recipe; vector: number[] }[] = [];

async function embedTexts(texts: string[]): Promise<number[][]> {
  const res = await ai.models.embedContent({
    model: "gemini-embedding-001",
    contents: texts,
    config: { taskType: "RETRIEVAL_DOCUMENT", outputDimensionality: 768 },
  });
  return (res.embeddings ?? []).map((e) => e.values ?? []);
}

export async function addToIndex(recipes: Recipe[]) {
  const vectors = await embedTexts(recipes.map((r) => `${r.title}\n${r.ingredients.join(", ")}`));
  recipes.forEach((recipe, i) => index.push({ recipe, vector: vectors[i] }));
}

export async function findSimilar(query: string, k = 5): Promise<Recipe[]> {
  const [q] = await embedTexts([query]);
  return index
    .map(({ recipe, vector }) => ({ recipe, score: vector.reduce((s, v, i) => s + v * q[i], 0) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((x) => x.recipe);
}
