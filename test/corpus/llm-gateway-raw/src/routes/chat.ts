/** POST /v1/chat: OpenAI first, Anthropic when OpenAI is down. */
import { Router } from "express";
import { openaiChat } from "../providers/openai.js";
import { anthropicChat } from "../providers/anthropic.js";
import { log } from "../lib/log.js";
import type { ChatMessage } from "../types.js";

export const chatRouter = Router();

chatRouter.post("/v1/chat", async (req, res) => {
  const messages = req.body.messages as ChatMessage[];
  try {
    res.json(await openaiChat(messages));
  } catch (err) {
    log.warn({ err }, "openai failed, falling back to anthropic");
    res.json(await anthropicChat(messages));
  }
});
