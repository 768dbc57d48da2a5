import { transcribe } from "../llm/speech";
import { suggestFollowUps } from "../llm/followUps";
import { executeGraph, saveMessage, type ChatRecord } from "./store";

export interface FlowInput {
  graphId: string;
  chatId: string;
  question?: string;
  audio?: File;
}

/**
 * A flow run: the transcript becomes the question of the graph, the follow-ups go into the saved
 * message, and the result is flow state. A feature: its calls are not sites.
 */
export async function runFlow(input: FlowInput) {
  let question = input.question ?? "";
  if (input.audio) {
    const transcript = await transcribe(input.audio);
    input.question = transcript;
    question = transcript;
  }
  const result = await executeGraph({ question, graphId: input.graphId });

  const record: ChatRecord = { content: result.text, chatId: input.chatId };
  const followUps = await suggestFollowUps(result.text);
  record.followUps = JSON.stringify(followUps);
  const saved = await saveMessage(record);

  const out: Record<string, unknown> = {};
  out.text = result.text;
  out.question = input.question;
  out.followUps = record.followUps;
  out.messageId = saved.id;
  return out;
}
