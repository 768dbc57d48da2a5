import { gpt } from "./clients";

const tools = [
  {
    type: "function" as const,
    function: {
      name: "label_issue",
      parameters: { type: "object", properties: { label: { type: "string" } }, required: ["label"] },
    },
  },
];

/** Asks the model to label an issue; the tool call's input is only logged for the audit trail. */
export async function suggestLabel(issue: string): Promise<string> {
  const res = await gpt.chat.completions.create({
    model: "gpt-4.1-mini",
    tools,
    messages: [{ role: "user", content: `Suggest a label for:\n${issue.slice(0, 8_000)}` }],
  });
  const message = res.choices[0]?.message;
  for (const call of message?.tool_calls ?? []) {
    if (call.type === "function") console.info("tool requested", call.function.name, call.function.arguments);
  }
  return message?.content ?? "";
}
