import { Router } from "express";
import { triageTicket } from "../lib/classify";
import { askModel } from "../lib/llm";
import { summarizeThread, type TicketMessage } from "../lib/summarize";

interface Ticket {
  id: string;
  subject: string;
  messages: TicketMessage[];
  title?: string;
}

const tickets = new Map<string, Ticket>();

export const ticketsRouter = Router();

ticketsRouter.post("/tickets", async (req, res) => {
  const { subject, body, author } = req.body as { subject: string; body: string; author: string };
  const id = crypto.randomUUID();
  tickets.set(id, { id, subject, messages: [{ author, body, sentAt: new Date().toISOString() }] });
  const triage = await triageTicket(subject, body);
  res.status(201).json({ id, ...triage });
});

ticketsRouter.post("/tickets/:id/title", async (req, res) => {
  const ticket = tickets.get(req.params.id);
  if (!ticket) return res.status(404).end();
  try {
    const title = await askModel(`Write a title of at most eight words for this support ticket:\n\n${ticket.messages[0].body}`, {
      maxTokens: 30,
    });
    ticket.title = title;
    res.json({ title });
  } catch (err) {
    console.error("title suggestion failed", err);
    res.status(502).json({ error: "Could not suggest a title right now" });
  }
});

ticketsRouter.get("/tickets/:id/summary", async (req, res) => {
  const ticket = tickets.get(req.params.id);
  if (!ticket) return res.status(404).end();
  res.json({ summary: await summarizeThread(ticket.messages) });
});
