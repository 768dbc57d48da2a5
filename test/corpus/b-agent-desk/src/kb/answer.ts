// Answers "how do I" questions from the wiki, on whichever model ops configured.
import { initChatModel } from "langchain/chat_models/universal";
import type { BaseMessageLike } from "@langchain/core/messages";

let modelPromise: ReturnType<typeof initChatModel> | undefined;

function getKbModel() {
  modelPromise ??= initChatModel("gpt-4o-mini", { modelProvider: "openai", temperature: 0 });
  return modelPromise;
}

export async function answerHowTo(question: string, wikiExcerpt: string): Promise<string> {
  const model = await getKbModel();
  const messages: BaseMessageLike[] = [
    ["system", `Answer using only this wiki excerpt:\n${wikiExcerpt}`],
    ["human", question],
  ];
  const res = await model.withConfig({ runName: "kb-howto", timeout: 20_000 }).invoke(messages);
  console.log("kb-howto tokens", res.usage_metadata?.input_tokens, res.usage_metadata?.output_tokens);
  return typeof res.content === "string" ? res.content : "";
}
