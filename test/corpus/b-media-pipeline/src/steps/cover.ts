// Cover art with FLUX on Together; falls back to the show's default artwork.
import { together } from "../clients";

export const DEFAULT_COVER = "https://cdn.example-podcast.com/covers/default.png";

export async function generateCover(title: string): Promise<string> {
  try {
    const image = await together.images.create({
      model: "black-forest-labs/FLUX.1-schnell",
      prompt: `Minimal flat illustration for a tech podcast episode titled "${title}", no text`,
      width: 1024,
      height: 1024,
      steps: 4,
      n: 1,
    });
    return image.data[0]?.url ?? DEFAULT_COVER;
  } catch (err) {
    console.warn("cover generation failed", err);
    return DEFAULT_COVER;
  }
}
