/** Invoice field extraction on DeepSeek (JSON mode), via axios. */
import axios from "axios";
import { log } from "../lib/log.js";

export async function deepseekExtract(text: string): Promise<Record<string, unknown> | null> {
  const { data } = await axios.post(
    "https://api.deepseek.com/chat/completions",
    {
      model: "deepseek-chat",
      response_format: { type: "json_object" },
      messages: [
        { role: "system", content: "Extract the invoice fields as JSON: vendor, date, total, currency." },
        { role: "user", content: text },
      ],
    },
    { headers: { Authorization: `Bearer ${process.env.DEEPSEEK_API_KEY}` }, timeout: 60_000 },
  );
  try {
    return JSON.parse(data.choices[0].message.content);
  } catch {
    log.warn("deepseek returned invalid JSON");
    return null;
  }
}
