/** Cover image for the meeting page. */
import { helicone } from "../clients.js";

const PLACEHOLDER_COVER = "/static/covers/default.png";

export async function generateCover(title: string): Promise<string> {
  try {
    const img = await helicone.images.generate({
      model: "gpt-image-1",
      prompt: `Minimal abstract cover illustration for a meeting titled "${title}". No text.`,
      size: "1536x1024",
    });
    const b64 = img.data?.[0]?.b64_json;
    return b64 ? `data:image/png;base64,${b64}` : PLACEHOLDER_COVER;
  } catch (err) {
    console.warn("cover generation failed", err);
    return PLACEHOLDER_COVER;
  }
}
