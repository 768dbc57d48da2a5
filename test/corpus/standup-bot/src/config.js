/** Shared request policy for every Claude call of the bot. */
export const LLM_DEFAULTS = { timeout: 25_000, maxRetries: 3 };

/** The weekly retro digest is long; it gets its own budget per request. */
export const RETRO_REQUEST_OPTIONS = { timeout: 120_000, maxRetries: 5 };

export const STANDUP_CHANNEL = process.env.STANDUP_CHANNEL ?? "C0123STANDUP";
