// Gemini is the default model for the helpdesk: cheap and good with tools.
import { ChatGoogleGenerativeAI } from "@langchain/google-genai";

export const gemini = new ChatGoogleGenerativeAI({
  model: "gemini-1.5-flash",
  temperature: 0.2,
  maxRetries: 3,
});
