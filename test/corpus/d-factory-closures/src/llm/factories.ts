/** Factories: each returns closures that send the request; calling a factory sends nothing. */
import { openai } from "./client.js";

export function makeAsker(system: string) {
  return async (question: string) => {
    const res = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: system },
        { role: "user", content: question },
      ],
    });
    return res.choices[0]?.message.content ?? "";
  };
}

export function makeTools(model: string) {
  return {
    summarize: async (text: string) => {
      const res = await openai.chat.completions.create({ model, messages: [{ role: "user", content: `Summarize:\n${text}` }] });
      return res.choices[0]?.message.content ?? "";
    },
    embed: async (text: string) => {
      const res = await openai.embeddings.create({ model: "text-embedding-3-small", input: text });
      return res.data[0]!.embedding;
    },
  };
}

export function makeRewriters() {
  return [
    async (text: string) => {
      const res = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `Make this friendlier:\n${text}` }] });
      return res.choices[0]?.message.content ?? "";
    },
    async (text: string) => {
      const res = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `Make this shorter:\n${text}` }] });
      return res.choices[0]?.message.content ?? "";
    },
  ];
}
