import { OpenAIProvider } from "./provider";

const provider = new OpenAIProvider();
const MODELS = ["gpt-4.1", "gpt-4.1-mini"];

async function runService(method: "generateText" | "streamText", prompt: string) {
  for (const model of MODELS) {
    try {
      return await provider[method]({ model, prompt });
    } catch (error) {
      console.error(`model ${model} failed`, error);
    }
  }
  throw new Error("every model failed");
}

export function answerService(prompt: string) {
  return runService("generateText", prompt);
}

export function streamAnswerService(prompt: string) {
  return runService("streamText", prompt);
}
