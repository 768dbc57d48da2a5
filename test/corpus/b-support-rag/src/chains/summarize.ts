// Summarizes a closed ticket's conversation for the CRM timeline.
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { RunnableSequence } from "@langchain/core/runnables";
import { getChatModel } from "../llm";
import type { TicketMessage } from "../types";

const summaryPrompt = ChatPromptTemplate.fromTemplate(
  "Summarize this support conversation in three bullet points: the problem, " +
    "what was tried, and how it ended.\n\n{transcript}",
);

const summaryModel = getChatModel("anthropic");

const summarizeChain = RunnableSequence.from([summaryPrompt, summaryModel, new StringOutputParser()]);

function toTranscript(messages: TicketMessage[]): string {
  return messages.map((m) => `[${m.at}] ${m.author}: ${m.text}`).join("\n");
}

export async function summarizeThread(messages: TicketMessage[]): Promise<string> {
  return summarizeChain.invoke({ transcript: toTranscript(messages) });
}

/** Used by the admin page to show exactly what would be sent. */
export async function previewSummaryPrompt(messages: TicketMessage[]) {
  const value = await summaryPrompt.invoke({ transcript: toTranscript(messages) });
  return value.toChatMessages();
}
