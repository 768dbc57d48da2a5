/** Streams a draft reply for the agent to edit; nothing is sent to the customer automatically. */
import { openai } from "../lib/index.js";
import type { Ticket } from "../models/Ticket.js";

const STYLE_GUIDE = `Write as a friendly support agent. Be concise. Never promise refunds.
Sign off with "— The Ledgerly team".`;

export async function* streamReply(ticket: Pick<Ticket, "subject" | "body" | "category">) {
  const stream = await openai.chat.completions.create({
    model: "gpt-4o",
    stream: true,
    messages: [
      { role: "system", content: STYLE_GUIDE },
      {
        role: "user",
        content: `Category: ${ticket.category}\nSubject: ${ticket.subject}\n\n${ticket.body}\n\nDraft a reply.`,
      },
    ],
  });
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta?.content;
    if (delta) yield delta;
  }
}
