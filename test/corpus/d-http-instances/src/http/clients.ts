/** One HTTP instance per vendor; the LLM URL lives in the instance's base URL. */
import axios from "axios";
import got from "got";
import ky from "ky";

export const openaiHttp = axios.create({
  baseURL: "https://api.openai.com/v1",
  timeout: 20_000,
  headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
});

export const groqHttp = got.extend({
  prefixUrl: "https://api.groq.com/openai/v1",
  headers: { authorization: `Bearer ${process.env.GROQ_API_KEY}` },
});

export const mistralHttp = ky.create({
  prefixUrl: "https://api.mistral.ai/v1",
  headers: { Authorization: `Bearer ${process.env.MISTRAL_API_KEY}` },
});
