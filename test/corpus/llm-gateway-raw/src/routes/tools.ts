/** Task endpoints: extraction, embeddings and a fast path. */
import { Router } from "express";
import { deepseekExtract } from "../providers/deepseek.js";
import { cohereEmbed } from "../providers/cohere.js";
import { groqFast } from "../providers/groq.js";
import { log } from "../lib/log.js";

export const toolsRouter = Router();

toolsRouter.post("/v1/extract", async (req, res) => {
  const fields = await deepseekExtract(String(req.body.text ?? ""));
  if (!fields) {
    res.status(422).json({ error: "could not extract fields" });
    return;
  }
  res.json(fields);
});

toolsRouter.post("/v1/embed", async (req, res) => {
  res.json({ embeddings: await cohereEmbed(req.body.texts) });
});

toolsRouter.post("/v1/fast", async (req, res) => {
  try {
    res.json({ text: await groqFast(req.body.prompt) });
  } catch (err) {
    log.error({ err }, "groq failed");
    res.status(503).json({ error: "fast path unavailable" });
  }
});
