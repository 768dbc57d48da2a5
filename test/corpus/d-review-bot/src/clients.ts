import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";

export const claude = new Anthropic({ timeout: 60_000, maxRetries: 4 });
export const gpt = new OpenAI({ timeout: 45_000 });
