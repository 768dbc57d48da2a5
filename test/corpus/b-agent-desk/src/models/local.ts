// Self-hosted Llama on the office GPU box; used where ticket text must not leave the network.
import { ChatOllama } from "@langchain/ollama";

export const localModel = new ChatOllama({
  model: "llama3.1:8b",
  baseUrl: process.env.OLLAMA_URL ?? "http://gpu-box.internal:11434",
  temperature: 0,
});
