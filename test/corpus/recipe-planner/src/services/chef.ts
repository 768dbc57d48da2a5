/** "Ask the chef": a multi-turn cooking assistant, one chat session per browser session. */
import type { Chat } from "@google/genai";
import { ai, FAST_MODEL } from "../ai/gemini.js";

const CHEF_PROMPT = "You are a warm, practical home-cooking coach. Keep answers under 120 words.";
const sessions = new Map<string, Chat>();

export async function askChef(sessionId: string, message: string): Promise<string> {
  let chat = sessions.get(sessionId);
  if (!chat) {
    chat = ai.chats.create({ model: FAST_MODEL, config: { systemInstruction: CHEF_PROMPT } });
    sessions.set(sessionId, chat);
  }
  const response = await chat.sendMessage({ message });
  return response.text ?? "";
}
