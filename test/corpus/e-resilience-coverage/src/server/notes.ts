import OpenAI from "openai";
import { z } from "zod";
import { publicProcedure, router } from "./trpc";

const openai = new OpenAI();

export const notesRouter = router({
  title: publicProcedure.input(z.object({ body: z.string().max(4000) })).mutation(async ({ input }) => {
    const res = await openai.chat.completions.create({
      model: "gpt-4.1-mini",
      messages: [{ role: "user", content: `Give this note a short title:\n${input.body}` }],
    });
    return { title: res.choices[0]?.message?.content?.trim() ?? "Untitled" };
  }),
});
