// Detects which product area a question is about, to filter the index.
import { cohere } from "./cohere";

export type Area = "api" | "billing" | "sdk" | "dashboard";

export async function classifyQuestion(question: string): Promise<{ area: Area; isBug: boolean }> {
  const res = await cohere.chat({
    model: "command-r-08-2024",
    messages: [{ role: "user", content: `Classify this docs question:\n${question}` }],
    responseFormat: {
      type: "json_object",
      jsonSchema: {
        type: "object",
        required: ["area", "isBug"],
        properties: {
          area: { type: "string", enum: ["api", "billing", "sdk", "dashboard"] },
          isBug: { type: "boolean" },
        },
      },
    },
  });
  const first = res.message.content?.[0];
  return JSON.parse(first?.type === "text" ? first.text : "{}");
}
