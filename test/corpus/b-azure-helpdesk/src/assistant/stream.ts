// Streaming variant for the Teams tab; stops when the user closes the panel.
import type { Request, Response } from "express";
import { aoai, DEPLOYMENTS } from "../azure";

export async function streamAnswer(req: Request, res: Response): Promise<void> {
  const controller = new AbortController();
  req.on("close", () => controller.abort());

  const events = await aoai.streamChatCompletions(
    DEPLOYMENTS.chat,
    [
      { role: "system", content: "You are Contoso's IT helpdesk assistant." },
      { role: "user", content: String(req.body.question) },
    ],
    { abortSignal: controller.signal },
  );
  res.setHeader("content-type", "text/plain; charset=utf-8");
  for await (const event of events) {
    for (const choice of event.choices) res.write(choice.delta?.content ?? "");
  }
  res.end();
}
