import { Router } from "express";
import { z } from "zod";
import { openai, SUPPORT_MODEL } from "../lib/openai";
import { translateReply } from "../lib/translate";

const SYSTEM_PROMPT = `You are the support assistant for Acme Cloud.
Answer in a friendly, concise tone. If you are not sure, say so and set "handoff" to true.
Reply with JSON: {"reply": string, "confidence": "high" | "medium" | "low", "handoff": boolean}`;

const Answer = z.object({
  reply: z.string().min(1),
  confidence: z.enum(["high", "medium", "low"]),
  handoff: z.boolean(),
});
export type Answer = z.infer<typeof Answer>;

export interface ChatTurn {
  from: "customer" | "agent";
  text: string;
}

const FALLBACK: Answer = {
  reply: "Thanks for reaching out! A member of our team will get back to you shortly.",
  confidence: "low",
  handoff: true,
};

export async function draftAnswer(message: string, history: ChatTurn[] = []): Promise<Answer> {
  try {
    const completion = await openai.chat.completions.create({
      model: SUPPORT_MODEL,
      temperature: 0.2,
      response_format: { type: "json_object" },
      messages: [
        { role: "system", content: SYSTEM_PROMPT },
        ...history.map((turn) => ({
          role: turn.from === "customer" ? ("user" as const) : ("assistant" as const),
          content: turn.text,
        })),
        { role: "user", content: message },
      ],
    });

    const parsed = Answer.safeParse(JSON.parse(completion.choices[0]?.message.content ?? "{}"));
    if (!parsed.success) {
      console.warn("draftAnswer: model returned an unexpected shape", parsed.error.issues);
      return FALLBACK;
    }
    return parsed.data;
  } catch (err) {
    console.error("draftAnswer failed, sending the canned reply", err);
    return FALLBACK;
  }
}

export const answerRouter = Router();

answerRouter.post("/answer", async (req, res) => {
  const { message, history, language } = req.body as { message: string; history?: ChatTurn[]; language?: string };
  const answer = await draftAnswer(message, history);
  if (language && language !== "en") {
    answer.reply = await translateReply(answer.reply, language);
  }
  res.json(answer);
});
