/** Monday job: a themed digest of last week's tickets for the product team. */
import mongoose from "mongoose";
import { Ticket } from "../models/Ticket.js";
import { openai } from "../lib/index.js";

interface Digest {
  themes: { title: string; count: number; examples: string[] }[];
  recommendation: string;
}

type DigestInput = Pick<Ticket, "subject" | "summary" | "category">[];

export async function buildDigest(tickets: DigestInput): Promise<Digest> {
  const lines = tickets.map((t) => `- [${t.category}] ${t.summary || t.subject}`).join("\n");
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    response_format: { type: "json_object" },
    messages: [
      {
        role: "system",
        content: 'Group the tickets into themes. Reply as JSON: {"themes":[{"title","count","examples"}],"recommendation"}',
      },
      { role: "user", content: lines },
    ],
  });
  console.log("digest tokens", completion.usage?.total_tokens);
  const digest = JSON.parse(completion.choices[0].message.content ?? "{}") as Digest;
  digest.themes.sort((a, b) => b.count - a.count);
  return digest;
}

if (process.argv[1]?.endsWith("weeklyDigest.ts")) {
  await mongoose.connect(process.env.MONGO_URL ?? "mongodb://localhost:27017/helpdesk");
  const since = new Date(Date.now() - 7 * 24 * 3600 * 1000);
  const recent = await Ticket.find({ createdAt: { $gte: since } }).select("subject summary category").lean();
  const digest = await buildDigest(recent);
  console.log(JSON.stringify(digest, null, 2));
  await mongoose.disconnect();
}
