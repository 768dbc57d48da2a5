/** HTTP routes (Hono). */
import { Hono } from "hono";
import { streamText } from "hono/streaming";
import { suggestRecipes } from "./services/recipes.js";
import { chefRoutes } from "./routes/chef.js";
import { streamSteps } from "./services/steps.js";
import { findSimilar } from "./services/search.js";
import { Recipe } from "./schemas.js";
import popular from "../data/popular.json" with { type: "json" };

export const app = new Hono();

app.route("/api", chefRoutes);

app.post("/api/suggest", async (c) => {
  const { pantry, diet } = await c.req.json<{ pantry: string[]; diet?: string }>();
  try {
    const recipes = await suggestRecipes(pantry, diet);
    return c.json({ recipes });
  } catch (err) {
    console.error("suggestion failed, serving popular recipes", err);
    return c.json({ recipes: popular, degraded: true });
  }
});

app.post("/api/steps", async (c) => {
  const recipe = Recipe.parse(await c.req.json());
  return streamText(c, async (stream) => {
    for await (const text of streamSteps(recipe, c.req.raw.signal)) {
      await stream.write(text);
    }
  });
});

app.get("/api/search", async (c) => {
  const results = await findSimilar(c.req.query("q") ?? "");
  return c.json({ results });
});

app.get("/api/ingredients", async (c) => {
  const q = encodeURIComponent(c.req.query("q") ?? "");
  const res = await fetch(`https://api.spoonacular.com/food/ingredients/autocomplete?query=${q}&number=8`, {
    headers: { "x-api-key": process.env.SPOONACULAR_KEY ?? "" },
  });
  return c.json(await res.json());
});
