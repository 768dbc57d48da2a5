import type OpenAI from "openai";

/** The host page injects a client on a global; the code casts it. */
const injected = (globalThis as unknown as { __llm: unknown }).__llm as OpenAI;

/** A lazily built client behind a Proxy. */
let real: OpenAI | undefined;
export const lazyClient = new Proxy({} as OpenAI, {
  get(_target, prop) {
    return Reflect.get(real ?? (real = (globalThis as unknown as { makeClient(): OpenAI }).makeClient()), prop);
  },
});

export async function embedNote(note: string) {
  const res = await injected.embeddings.create({ model: "text-embedding-3-small", input: note });
  return res.data[0]?.embedding ?? [];
}

export async function titleFor(note: string) {
  const res = await lazyClient.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `A title for: ${note}` }] });
  return res.choices[0]?.message.content ?? "Untitled";
}

/** Not a model call: an inbox API with a `messages.create` of its own. */
export async function notify(inbox: { messages: { create(m: { to: string; body: string }): Promise<void> } }, to: string, body: string) {
  await inbox.messages.create({ to, body });
}
