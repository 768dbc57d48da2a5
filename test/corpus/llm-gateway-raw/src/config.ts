/** Upstream endpoints and limits. */
export const OPENAI_CHAT_URL = "https://api.openai.com/v1/chat/completions";
export const MISTRAL_URL = "https://api.mistral.ai/v1/chat/completions";
export const OPENROUTER_BASE = "https://openrouter.ai/api/v1";

export const REQUEST_TIMEOUT_MS = Number(process.env.REQUEST_TIMEOUT_MS ?? 25_000);
