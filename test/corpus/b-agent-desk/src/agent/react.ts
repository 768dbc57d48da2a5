// LangGraph ReAct agent on Claude (Bedrock), traced with LangSmith.
import { createReactAgent } from "@langchain/langgraph/prebuilt";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { traceable } from "langsmith/traceable";
import { claudeOnBedrock } from "../models";
import { helpdeskTools } from "./tools";

const agent = createReactAgent({ llm: claudeOnBedrock, tools: helpdeskTools });

const SYSTEM = new SystemMessage(
  "You are the IT helpdesk assistant. Use lookup_asset before promising a replacement.",
);

export const runHelpdeskAgent = traceable(
  async (question: string, employeeEmail: string): Promise<string> => {
    const result = await agent.invoke(
      { messages: [SYSTEM, new HumanMessage(`${employeeEmail} asks: ${question}`)] },
      { recursionLimit: 8 },
    );
    const last = result.messages[result.messages.length - 1];
    return typeof last.content === "string" ? last.content : JSON.stringify(last.content);
  },
  { name: "helpdesk-agent", run_type: "chain" },
);
