/** Action items via a forced function call on Azure OpenAI. */
import { azure } from "../clients.js";

export interface ActionItem {
  owner: string;
  task: string;
  due?: string;
}

export async function extractActionItems(transcript: string): Promise<ActionItem[]> {
  const completion = await azure.withOptions({ timeout: 30_000, maxRetries: 5 }).chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "List every action item with its owner. Ignore vague intentions." },
      { role: "user", content: transcript },
    ],
    tools: [
      {
        type: "function",
        function: {
          name: "record_action_items",
          parameters: {
            type: "object",
            properties: {
              items: {
                type: "array",
                items: {
                  type: "object",
                  properties: { owner: { type: "string" }, task: { type: "string" }, due: { type: "string" } },
                  required: ["owner", "task"],
                },
              },
            },
            required: ["items"],
          },
        },
      },
    ],
    tool_choice: { type: "function", function: { name: "record_action_items" } },
  });
  const call = completion.choices[0].message.tool_calls?.[0];
  if (!call || call.type !== "function") return [];
  try {
    const args = JSON.parse(call.function.arguments) as { items?: ActionItem[] };
    return Array.isArray(args.items) ? args.items : [];
  } catch {
    return [];
  }
}
