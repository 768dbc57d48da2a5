import { summarize } from "@acme/llm";
import { ask } from "@acme/llm/dist/ask";
import { completeWith, modelIds } from "../models/complete";
import { graph } from "../graph/graph";

export async function summaryRoute(text: string) {
  return { summary: await summarize(text) };
}

export async function askRoute(question: string) {
  try {
    return { answer: await ask(question) };
  } catch {
    return { answer: "Sorry, try again later." };
  }
}

export async function completeRoute(prompt: string, modelId?: string) {
  const text = await completeWith(prompt, modelId);
  return { text, models: modelIds() };
}

export async function draftRoute(question: string) {
  const out = await graph.nodes.draft.invoke({ question, draft: "" });
  return { draft: out.draft };
}

export async function checkRoute(draft: string) {
  return graph.nodes["check"].invoke({ question: "", draft });
}
