/** Auto-tags new products for faceted navigation. */
import { z } from "zod";
import { generateObject } from "@/lib/ai/structured";

const Tags = z.object({
  tags: z.array(z.string().toLowerCase()).max(6),
  season: z.enum(["spring", "summer", "autumn", "winter", "all-season"]),
});

export async function tagProduct(name: string, description: string) {
  return generateObject(Tags, `Tag this outdoor clothing product.\nName: ${name}\nDescription: ${description}`, {
    timeoutMs: 8_000,
  });
}
