// Ticket lifecycle handlers (called from the HTTP routes and the inbox poller).
import { summarizeThread } from "./chains/summarize";
import { extractOrderRef } from "./chains/extract";
import type { Ticket } from "./types";

export interface TicketStore {
  saveSummary(id: string, summary: string): Promise<void>;
  attachOrder(id: string, orderId: string): Promise<void>;
}

export async function handleCloseTicket(store: TicketStore, ticket: Ticket): Promise<string> {
  const summary = await summarizeThread(ticket.messages);
  const clipped = summary.length > 1_500 ? `${summary.slice(0, 1_500)}…` : summary;
  await store.saveSummary(ticket.id, clipped);
  return clipped;
}

export async function handleNewTicket(store: TicketStore, ticket: Ticket): Promise<void> {
  const ref = await extractOrderRef(ticket.body).catch(() => null);
  if (ref?.orderId) await store.attachOrder(ticket.id, ref.orderId);
}
