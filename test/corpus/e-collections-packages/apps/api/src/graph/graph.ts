import { ChatOpenAI } from "@langchain/openai";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";

const State = Annotation.Root({
  question: Annotation<string>(),
  draft: Annotation<string>(),
});

const llm = new ChatOpenAI({ model: "gpt-4o-mini", timeout: 15_000 });

export async function draftNode(state: typeof State.State) {
  const msg = await llm.invoke([{ role: "user", content: `Draft an answer: ${state.question}` }]);
  return { draft: String(msg.content) };
}

function checkNode(state: typeof State.State) {
  return { draft: state.draft.trim() };
}

const builder = new StateGraph(State)
  .addNode("draft", draftNode)
  .addEdge(START, "draft");
builder.addNode("check", checkNode).addEdge("draft", "check").addEdge("check", END);

export const graph = builder.compile();
