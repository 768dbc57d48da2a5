/** Mistral chat through the generic JSON helper. */
import { MISTRAL_URL } from "../config.js";
import { postJson } from "../lib/http.js";
import type { ChatMessage } from "../types.js";

interface MistralResponse {
  choices: { message: { content: string } }[];
}

export async function mistralChat(messages: ChatMessage[]): Promise<string> {
  const data = await postJson<MistralResponse>(
    MISTRAL_URL,
    { model: "mistral-small-latest", messages },
    { Authorization: `Bearer ${process.env.MISTRAL_API_KEY}` },
  );
  return data.choices[0].message.content;
}
