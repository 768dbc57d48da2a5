import type { AnyLLM, ClaudeLike } from "../llm/types.js";

/** A structurally typed parameter. */
export async function classify(llm: ClaudeLike, text: string) {
  const msg = await llm.messages.create({
    model: "claude-3-5-haiku-latest",
    max_tokens: 100,
    messages: [{ role: "user", content: `One word for the topic of: ${text}` }],
  });
  return msg.content.map((b) => b.text ?? "").join("");
}

/** A union type alias, narrowed by a property check. */
export async function translate(llm: AnyLLM, text: string) {
  if ("chat" in llm) {
    const res = await llm.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `Translate to French: ${text}` }] });
    return res.choices[0]?.message.content ?? "";
  }
  const msg = await llm.messages.create({ model: "claude-3-5-haiku-latest", max_tokens: 400, messages: [{ role: "user", content: `Translate to French: ${text}` }] });
  return msg.content.map((b) => b.text ?? "").join("");
}
