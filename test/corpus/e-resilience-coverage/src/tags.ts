import { generateObject, NoObjectGeneratedError } from "ai";
import { openai } from "@ai-sdk/openai";
import { z } from "zod";

const Tags = z.object({ tags: z.array(z.string()) });

function salvage(error: unknown) {
  if (NoObjectGeneratedError.isInstance(error)) {
    try {
      return { object: JSON.parse(error.text ?? "") as z.infer<typeof Tags> };
    } catch {
      throw error;
    }
  }
  throw error;
}

export async function tagArticle(body: string) {
  try {
    return await generateObject({ model: openai("gpt-4.1-mini"), schema: Tags, prompt: `Tag this article:\n${body}` });
  } catch (err) {
    const salvaged = salvage(err);
    console.warn("tags salvaged from a malformed answer");
    return salvaged;
  }
}
