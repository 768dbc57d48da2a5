import OpenAI from "openai";

export const openai = new OpenAI({ timeout: 30_000 });
