// Drafts replies for human agents to edit.
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { claudeOnBedrock, gemini, localModel } from "./models";

const draftPrompt = ChatPromptTemplate.fromMessages([
  ["system", "Draft a friendly reply from the IT helpdesk. Sign as 'IT Helpdesk'."],
  ["human", "Ticket:\n{ticket}\n\nAgent notes:\n{notes}"],
]);

// If Gemini is down or rate limited, the same prompt goes to Claude on Bedrock.
const draftModel = gemini.withFallbacks([claudeOnBedrock]);

export async function draftReply(ticket: string, notes: string): Promise<string> {
  return draftPrompt.pipe(draftModel).pipe(new StringOutputParser()).invoke({ ticket, notes });
}

const polisher = localModel.withRetry({ stopAfterAttempt: 4 });

export async function polishTone(draft: string): Promise<string> {
  const msg = await polisher.invoke([
    ["system", "Rewrite the reply to be warmer and shorter. Keep every fact and link."],
    ["human", draft],
  ]);
  return msg.content as string;
}
