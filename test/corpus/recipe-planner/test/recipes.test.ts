import { describe, it, expect, vi } from "vitest";

const { generateContent } = vi.hoisted(() => ({ generateContent: vi.fn() }));
vi.mock("../src/ai/gemini.js", () => ({ ai: { models: { generateContent } }, FAST_MODEL: "gemini-2.5-flash" }));

import { suggestRecipes } from "../src/services/recipes.js";
import { RecipeFormatError } from "../src/schemas.js";

describe("suggestRecipes", () => {
  it("returns recipes that match the schema", async () => {
    generateContent.mockResolvedValueOnce({
      text: JSON.stringify([{ title: "Shakshuka", minutes: 25, ingredients: ["eggs", "tomatoes"], steps: ["Simmer", "Add eggs"] }]),
      usageMetadata: { promptTokenCount: 30, candidatesTokenCount: 80 },
    });
    const recipes = await suggestRecipes(["eggs", "tomatoes"]);
    expect(recipes).toHaveLength(1);
    expect(recipes[0].title).toBe("Shakshuka");
  });

  it("rejects output that does not match the schema", async () => {
    generateContent.mockResolvedValueOnce({ text: JSON.stringify([{ title: "Toast" }]) });
    await expect(suggestRecipes(["bread"])).rejects.toBeInstanceOf(RecipeFormatError);
  });
});
