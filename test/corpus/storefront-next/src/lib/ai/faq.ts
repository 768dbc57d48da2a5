/** FAQ answers with a model fallback chain: the shop must answer even when one vendor is down. */
import { generateText } from "ai";
import { chatModel, cheapModel } from "./models";

const FAQ_SYSTEM = "You answer shipping, returns and sizing questions for Northwind Outfitters. Be brief.";
const MODELS = [chatModel, cheapModel];

export async function answerFaq(question: string): Promise<string> {
  for (const model of MODELS) {
    try {
      const { text } = await generateText({
        model,
        system: FAQ_SYSTEM,
        prompt: question,
        abortSignal: AbortSignal.timeout(10_000),
      });
      return text;
    } catch (err) {
      console.warn(`FAQ model ${model.modelId} failed`, err);
    }
  }
  return "Sorry, I can't answer that right now. Please contact support@northwind.example.";
}
