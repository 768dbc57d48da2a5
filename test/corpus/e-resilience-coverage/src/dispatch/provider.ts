import { generateText, streamText } from "ai";
import { openai } from "@ai-sdk/openai";

export class OpenAIProvider {
  async generateText(params: { model: string; prompt: string }) {
    return generateText({ model: openai(params.model), prompt: params.prompt });
  }
  async streamText(params: { model: string; prompt: string }) {
    return streamText({ model: openai(params.model), prompt: params.prompt });
  }
}
