/** AI SDK agent classes: each generate/stream call is a request (and a loop of them). */
import { Experimental_Agent as Agent, ToolLoopAgent } from "ai";
import { openai } from "@ai-sdk/openai";

const researcher = new ToolLoopAgent({ model: openai("gpt-4o-mini"), instructions: "You research questions briefly." });
const writer = new Agent({ model: openai("gpt-4.1-mini"), system: "You write short posts." });

export async function research(question: string) {
  const result = await researcher.generate({ prompt: question });
  console.log(result.text);
}

export async function writePost(topic: string) {
  const result = writer.stream({ prompt: `A post about ${topic}` });
  for await (const part of result.textStream) process.stdout.write(part);
}
