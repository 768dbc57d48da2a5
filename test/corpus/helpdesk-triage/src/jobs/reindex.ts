/** Nightly: (re)compute embeddings for tickets that have none. */
import mongoose from "mongoose";
import { Ticket } from "../models/Ticket.js";
import { embedTicket } from "../services/similar.js";
import { logger } from "../lib/index.js";

async function main() {
  await mongoose.connect(process.env.MONGO_URL ?? "mongodb://localhost:27017/helpdesk");
  const pending = await Ticket.find({ embedding: { $size: 0 } }).limit(500);
  let skipped = 0;
  for (const ticket of pending) {
    try {
      ticket.embedding = await embedTicket(`${ticket.subject}\n${ticket.body}`);
      await ticket.save();
    } catch (err) {
      logger.warn({ err, id: ticket.id }, "embedding failed, will retry tomorrow");
      skipped++;
      continue;
    }
  }
  logger.info({ total: pending.length, skipped }, "reindex done");
  await mongoose.disconnect();
}

await main();
