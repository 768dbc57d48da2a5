/** Liveness and dependency checks for the load balancer. */
import { Router } from "express";
import mongoose from "mongoose";
import { openai } from "../lib/index.js";

export const health = Router();

health.get("/healthz", (_req, res) => {
  res.json({ ok: true });
});

health.get("/readyz", async (_req, res) => {
  const mongoOk = mongoose.connection.readyState === 1;
  let openaiOk = true;
  try {
    await openai.models.list();
  } catch {
    openaiOk = false;
  }
  res.status(mongoOk && openaiOk ? 200 : 503).json({ mongo: mongoOk, openai: openaiOk });
});
