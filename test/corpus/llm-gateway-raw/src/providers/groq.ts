/** Low-latency completions on Groq, via got (POST retries must be enabled explicitly in got). */
import got from "got";
import { log } from "../lib/log.js";

interface GroqResponse {
  choices: { message: { content: string } }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

export async function groqFast(prompt: string): Promise<string> {
  const data = await got
    .post("https://api.groq.com/openai/v1/chat/completions", {
      headers: { authorization: `Bearer ${process.env.GROQ_API_KEY}` },
      json: { model: "llama-3.1-8b-instant", messages: [{ role: "user", content: prompt }], max_tokens: 256 },
      timeout: { request: 10_000 },
      retry: { limit: 2, methods: ["POST"], statusCodes: [429, 500, 502, 503] },
    })
    .json<GroqResponse>();
  log.info({ vendor: "groq", tokens: data.usage.total_tokens }, "completion");
  return data.choices[0].message.content;
}
