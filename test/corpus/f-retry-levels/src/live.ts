import { streamText } from "ai";
import { anthropic } from "@ai-sdk/anthropic";

export function liveReply(history: string) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return streamText({ model: anthropic("claude-3-5-haiku-latest"), prompt: history });
    } catch (err) {
      console.error(`reply attempt ${attempt} failed`, err);
    }
  }
  throw new Error("could not start the reply");
}
