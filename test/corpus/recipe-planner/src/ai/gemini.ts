/** Gemini client for interactive features: 30 s per request (the SDK itself has no deadline). */
import { GoogleGenAI } from "@google/genai";

export const ai = new GoogleGenAI({
  apiKey: process.env.GEMINI_API_KEY,
  httpOptions: { timeout: 30_000 },
});

export const FAST_MODEL = "gemini-2.5-flash";
