/** Ticket intake and reply drafting endpoints. */
import { Router } from "express";
import { Ticket } from "../models/Ticket.js";
import { isFlagged } from "../services/moderation.js";
import { classifyTicket } from "../services/classify.js";
import { streamReply } from "../services/reply.js";
import { notifyTeam } from "../lib/notify.js";

export const tickets = Router();

tickets.post("/tickets", async (req, res) => {
  const { subject, body, email } = req.body as { subject: string; body: string; email: string };
  if (await isFlagged(`${subject}\n${body}`)) {
    res.status(422).json({ error: "Your message could not be submitted." });
    return;
  }
  const label = await classifyTicket(subject, body);
  const ticket = await Ticket.create({ subject, body, email, ...label });
  await notifyTeam(ticket);
  res.status(201).json(ticket);
});

tickets.get("/tickets/:id/draft", async (req, res) => {
  const ticket = await Ticket.findById(req.params.id).lean();
  if (!ticket) {
    res.sendStatus(404);
    return;
  }
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  for await (const delta of streamReply(ticket)) res.write(delta);
  res.end();
});
