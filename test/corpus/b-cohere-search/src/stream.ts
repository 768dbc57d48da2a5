// Server-sent-events variant for the docs widget.
import type { Response } from "express";
import { cohere } from "./cohere";

export async function streamAnswer(question: string, res: Response): Promise<void> {
  const stream = await cohere.chatStream({
    model: "command-r-08-2024",
    messages: [{ role: "user", content: question }],
  });
  for await (const event of stream) {
    if (event.type === "content-delta") {
      res.write(`data: ${JSON.stringify(event.delta?.message?.content?.text ?? "")}\n\n`);
    }
  }
  res.end("data: [DONE]\n\n");
}
