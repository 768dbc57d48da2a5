/** Domain types shared by the services and the routes. */
import { z } from "zod";

export const Recipe = z.object({
  title: z.string(),
  minutes: z.number().int().positive(),
  ingredients: z.array(z.string()).min(1),
  steps: z.array(z.string()).min(1),
});
export type Recipe = z.infer<typeof Recipe>;

export class RecipeFormatError extends Error {}
