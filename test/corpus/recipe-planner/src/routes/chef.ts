/** "Ask the chef" endpoint. */
import { Hono } from "hono";
import { askChef } from "../services/chef.js";

export const chefRoutes = new Hono();

chefRoutes.post("/chef", async (c) => {
  const { sessionId, message } = await c.req.json<{ sessionId: string; message: string }>();
  const reply = await askChef(sessionId, message);
  return c.json({ reply: reply.trim() || "Sorry, I didn't catch that — could you rephrase?" });
});
