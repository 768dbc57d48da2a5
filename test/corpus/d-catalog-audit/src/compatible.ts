/** OpenAI-style SDKs of other vendors. */
import Groq from "groq-sdk";
import Cerebras from "@cerebras/cerebras_cloud_sdk";

const groq = new Groq();
const cerebras = new Cerebras();

export async function quickAnswer(question: string) {
  const res = await groq.chat.completions.create({ model: "llama-3.1-8b-instant", messages: [{ role: "user", content: question }] });
  console.log(res.choices[0]?.message.content ?? "");
}

export async function fastDraft(topic: string) {
  const res = await cerebras.chat.completions.create({ model: "llama3.1-8b", messages: [{ role: "user", content: `Draft: ${topic}` }] });
  console.log(res.choices[0]?.message.content ?? "");
}
