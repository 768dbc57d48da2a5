/** Mints short-lived Realtime client secrets for the voice console (the browser talks WebRTC directly). */
import { Router } from "express";

export const realtimeRouter = Router();

realtimeRouter.post("/v1/realtime/token", async (_req, res) => {
  const upstream = await fetch("https://api.openai.com/v1/realtime/sessions", {
    method: "POST",
    headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-realtime-preview", voice: "verse" }),
  });
  const session = (await upstream.json()) as { client_secret: { value: string; expires_at: number } };
  res.json({ token: session.client_secret.value, expiresAt: session.client_secret.expires_at });
});
