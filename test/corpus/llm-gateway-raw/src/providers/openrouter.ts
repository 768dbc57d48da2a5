/** Zero-shot classification through OpenRouter. */
import { OPENROUTER_BASE } from "../config.js";

export interface Classification {
  label: string;
  confidence: number;
}

export async function openrouterClassify(text: string, labels: string[]): Promise<Classification> {
  const res = await fetch(`${OPENROUTER_BASE}/chat/completions`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${process.env.OPENROUTER_API_KEY}`,
      "Content-Type": "application/json",
      "HTTP-Referer": "https://gateway.internal.example",
      "X-Title": "llm-gateway",
    },
    body: JSON.stringify({
      model: "meta-llama/llama-3.3-70b-instruct",
      messages: [
        {
          role: "user",
          content: `Classify the text into one of: ${labels.join(", ")}. Reply only with JSON {"label": string, "confidence": number}.\n\n${text}`,
        },
      ],
    }),
  });
  const data = await res.json();
  return JSON.parse(data.choices[0].message.content) as Classification;
}
