/** Short title suggestion. */
import { traced } from "../clients.js";

export async function suggestTitle(transcript: string): Promise<string> {
  try {
    const response = await traced.responses.create({
      model: "gpt-4.1-nano",
      input: `Give this meeting a short title (max 8 words, no quotes):\n\n${transcript.slice(0, 6000)}`,
    });
    return response.output_text.trim();
  } catch {
    return "Untitled meeting";
  }
}
