/** Question answering endpoints used by the docs site widget. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { claude, streamAnswer, ANSWER_SYSTEM } from "../llm/index.js";
import { searchDocs } from "../search/index.js";
import { handOffToHuman } from "../support/handoff.js";

const AskBody = z.object({ question: z.string().min(3).max(2000), email: z.email().optional() });

export async function askRoutes(app: FastifyInstance) {
  app.post("/ask", async (req, reply) => {
    const { question, email } = AskBody.parse(req.body);
    const context = await searchDocs(question);
    try {
      const answer = await claude.complete(
        [{ role: "user", content: `<docs>\n${context}\n</docs>\n\nQuestion: ${question}` }],
        ANSWER_SYSTEM,
      );
      if (email && answer.includes("contact support")) await handOffToHuman(email, question);
      return { answer };
    } catch (err) {
      req.log.error({ err }, "claude request failed");
      return reply.code(502).send({ error: "The assistant is unavailable right now." });
    }
  });

  app.get<{ Querystring: { q: string } }>("/ask/stream", async (req, reply) => {
    const context = await searchDocs(req.query.q);
    const abort = new AbortController();
    req.raw.on("close", () => abort.abort());
    reply.raw.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    const stream = streamAnswer(req.query.q, context, abort.signal);
    stream.on("text", (delta) => reply.raw.write(`data: ${JSON.stringify(delta)}\n\n`));
    const final = await stream.finalMessage();
    reply.raw.write(`event: done\ndata: ${JSON.stringify({ stop: final.stop_reason })}\n\n`);
    reply.raw.end();
  });
}
