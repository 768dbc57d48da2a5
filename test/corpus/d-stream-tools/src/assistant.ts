/** The help-desk assistant: streams answers and can look up orders. */
import { streamWithTools, type ToolTable } from "./sse";

const tools: ToolTable = {
  lookupOrder: async (args) => `order ${String(args.id)} shipped`,
};

export async function answerLive(question: string, stop: AbortController, show: (t: string) => void): Promise<void> {
  await streamWithTools(
    "https://api.openai.com/v1/chat/completions",
    { model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: question }], tools: [{ type: "function", function: { name: "lookupOrder", parameters: { type: "object", properties: { id: { type: "string" } } } } }] },
    stop,
    tools,
    show,
  );
}
