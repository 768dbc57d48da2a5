// API clients for the pipeline. Whisper uploads are big, so that client gets a long timeout
// and retries; the chat client fails fast and lets the job queue retry the whole step.
import Groq from "groq-sdk";
import Together from "together-ai";

export const whisperClient = new Groq({
  apiKey: process.env.GROQ_API_KEY,
  timeout: 10 * 60 * 1000,
  maxRetries: 4,
});

export const fastGroq = new Groq({ apiKey: process.env.GROQ_API_KEY, maxRetries: 0 });

export const together = new Together({ apiKey: process.env.TOGETHER_API_KEY });
