import { runFlow } from "../flow/runFlow";
import { searchNotes, embedLocal } from "../flow/search";
import { buildLandingPage, createPageTools, rememberFacts, summarize } from "../flow/pages";

export async function handlePrediction(body: { graphId: string; chatId: string; question?: string }) {
  return runFlow({ graphId: body.graphId, chatId: body.chatId, question: body.question });
}

export async function handleSearch(q: string) {
  const notes = await searchNotes(q);
  return { notes };
}

export async function handlePage(brief: string, ownerId: string) {
  const created = await buildLandingPage(brief, ownerId);
  return created;
}

export async function handleChatEnd(userId: string, messages: { role: string; content: string }[]) {
  await rememberFacts(userId, messages);
  return { ok: true };
}

export function pageTools(ownerId: string) {
  return createPageTools(ownerId);
}

export async function handleSummary(text: string) {
  try {
    return { summary: await summarize(text) };
  } catch {
    return { summary: text.slice(0, 200) };
  }
}

export async function handleEmbed(text: string) {
  return embedLocal(text);
}
