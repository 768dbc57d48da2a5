/** Review summaries shown on product pages. */
import * as ai from "ai";
import { reasoningModel } from "./models";

const { generateText } = ai;

export async function summarizeReviews(reviews: { rating: number; body: string }[]): Promise<string> {
  const { text } = await generateText({
    model: reasoningModel,
    system: "Summarize customer reviews in two neutral sentences. Mention recurring complaints.",
    prompt: reviews.map((r) => `(${r.rating}/5) ${r.body}`).join("\n"),
    experimental_telemetry: { isEnabled: true, functionId: "summarize-reviews" },
  });
  return text;
}
