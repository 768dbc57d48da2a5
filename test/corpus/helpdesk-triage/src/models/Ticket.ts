/** Support ticket as stored in Mongo. */
import mongoose, { type InferSchemaType, type HydratedDocument } from "mongoose";

const ticketSchema = new mongoose.Schema(
  {
    subject: { type: String, required: true },
    body: { type: String, required: true },
    email: { type: String, required: true },
    category: { type: String, default: "other" },
    priority: { type: String, default: "normal" },
    summary: String,
    embedding: { type: [Number], select: false },
  },
  { timestamps: true },
);

export type Ticket = InferSchemaType<typeof ticketSchema>;
export type TicketDoc = HydratedDocument<Ticket>;
export const Ticket = mongoose.model("Ticket", ticketSchema);
