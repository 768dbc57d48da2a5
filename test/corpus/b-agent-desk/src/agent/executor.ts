// Classic tool-calling AgentExecutor on Gemini, kept for the Slack bot.
import { AgentExecutor, createToolCallingAgent } from "langchain/agents";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { gemini } from "../models";
import { helpdeskTools } from "./tools";

const prompt = ChatPromptTemplate.fromMessages([
  ["system", "You are a concise IT helpdesk bot in Slack. Answer in at most three sentences."],
  ["placeholder", "{chat_history}"],
  ["human", "{input}"],
  ["placeholder", "{agent_scratchpad}"],
]);

const agent = createToolCallingAgent({ llm: gemini, tools: helpdeskTools, prompt });
const executor = new AgentExecutor({ agent, tools: helpdeskTools, maxIterations: 5 });

export async function answerInSlack(text: string): Promise<string> {
  try {
    const res = await executor.invoke({ input: text }, { timeout: 60_000 });
    return String(res.output);
  } catch (err) {
    console.error("slack agent failed", err);
    return "Sorry, I'm having trouble right now. Please file a ticket at https://it.example.com.";
  }
}
